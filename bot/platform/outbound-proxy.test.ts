// The proxy is tested for real on loopback: a CONNECT proxy that records what it tunnels,
// and a plain HTTP server behind it standing in for Slack or Microsoft.
import { createServer, type Server } from "node:http";
import { connect, type AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { pino } from "pino";
import { loadConfig } from "./config.js";
import { createHash } from "node:crypto";
import { WebSocket } from "undici";
import { outboundProxyDispatcher, proxyForLog, useOutboundProxy } from "./outbound-proxy.js";
import { timedFetch } from "./timed-fetch.js";

const silent = pino({ level: "silent" });
const cleanups: Array<() => void | Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function listen(server: Server): Promise<string> {
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  cleanups.push(() => new Promise<void>((done) => server.close(() => done())));
  return `127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function startProxy(): Promise<{ url: string; tunnelled: string[] }> {
  const tunnelled: string[] = [];
  const proxy = createServer((_req, res) => res.writeHead(405).end());
  proxy.on("connect", (req, socket, head) => {
    tunnelled.push(req.url ?? "");
    const [host, port] = (req.url ?? "").split(":");
    const upstream = connect(Number(port), host, () => {
      socket.write("HTTP/1.1 200 Connection Established\r\n\r\n");
      upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    upstream.on("error", () => socket.destroy());
    socket.on("error", () => upstream.destroy());
  });
  return { url: `http://${await listen(proxy)}`, tunnelled };
}

async function startTarget(): Promise<string> {
  return listen(createServer((_req, res) => res.end("answered")));
}

describe("useOutboundProxy", () => {
  it("sends the server's fetches (Slack's and Microsoft's clients use timedFetch) through HTTPS_PROXY", async () => {
    const proxy = await startProxy();
    const target = await startTarget();
    const config = loadConfig({ HTTPS_PROXY: proxy.url, HTTP_PROXY: proxy.url });
    cleanups.push(useOutboundProxy(config.proxy, silent));
    const res = await timedFetch(5_000)(`http://${target}/api/auth.test`);
    expect(await res.text()).toBe("answered");
    expect(proxy.tunnelled).toEqual([target]);
  });

  it("leaves hosts in NO_PROXY direct", async () => {
    const proxy = await startProxy();
    const target = await startTarget();
    cleanups.push(useOutboundProxy(loadConfig({ HTTPS_PROXY: proxy.url, HTTP_PROXY: proxy.url, NO_PROXY: "127.0.0.1" }).proxy, silent));
    expect(await (await fetch(`http://${target}/`)).text()).toBe("answered");
    expect(proxy.tunnelled).toEqual([]);
  });

  it("does nothing without a proxy variable, and never logs a proxy password", async () => {
    expect(loadConfig({}).proxy).toBeUndefined();
    expect(loadConfig({ https_proxy: "http://proxy.city.gov:8080" }).proxy).toEqual({ httpsProxy: "http://proxy.city.gov:8080" });
    expect(proxyForLog("http://user:s3cret@proxy.city.gov:8080")).toBe("http://proxy.city.gov:8080");
    const target = await startTarget();
    cleanups.push(useOutboundProxy(undefined, silent));
    expect(await (await fetch(`http://${target}/`)).text()).toBe("answered");
  });

  it("gives Socket Mode a dispatcher that opens its WebSocket through the proxy", async () => {
    const proxy = await startProxy();
    // A minimal WebSocket server: the handshake is all Socket Mode's connection needs to open.
    const wsServer = createServer((_req, res) => res.writeHead(426).end());
    wsServer.on("upgrade", (req, socket) => {
      const accept = createHash("sha1").update(`${req.headers["sec-websocket-key"]}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest("base64");
      socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`);
      socket.on("error", () => {});
      cleanups.push(() => void socket.destroy());
    });
    const target = await listen(wsServer);
    expect(outboundProxyDispatcher()).toBeUndefined();
    cleanups.push(useOutboundProxy(loadConfig({ HTTPS_PROXY: proxy.url, HTTP_PROXY: proxy.url }).proxy, silent));
    const dispatcher = outboundProxyDispatcher();
    expect(dispatcher).toBeDefined();
    const ws = new WebSocket(`ws://${target}/link`, { dispatcher });
    await new Promise<void>((resolveOpen, reject) => {
      ws.addEventListener("open", () => resolveOpen());
      ws.addEventListener("error", (event) => reject(new Error(String((event as { message?: string }).message))));
    });
    ws.close();
    expect(proxy.tunnelled).toEqual([target]);
  });
});
