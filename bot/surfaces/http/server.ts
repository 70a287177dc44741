// The HTTP server: the routes of the surfaces mounted on it (Slack's events, Teams'
// messages) and /healthz on one port. It knows no surface by name. stop() stops accepting,
// lets answers in flight finish, then closes connections.
import { createServer, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Logger } from "pino";
import type { Mount } from "../../platform/http-mount.js";
import { InFlightWork } from "../../platform/in-flight-work.js";

export interface StartServerOptions {
  port: number;
  logger: Logger;
  mounts: Mount[];
  /** Work the mounts track (answers after an ack); shutdown waits for it. */
  inFlight?: InFlightWork;
  /** Interface to bind; all interfaces when omitted. Tests and benchmarks use 127.0.0.1. */
  host?: string;
  /** How long shutdown waits for answers in flight. */
  shutdownTimeoutMs?: number;
}

export interface RunningServer {
  server: Server;
  /** e.g. http://127.0.0.1:3000 */
  url: string;
  port: number;
  mounts: Mount[];
  inFlight: InFlightWork;
  /** Stops accepting, waits for answers in flight, closes connections. Idempotent. */
  stop(): Promise<void>;
}

export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const { logger, mounts } = options;
  const inFlight = options.inFlight ?? new InFlightWork();
  for (const mount of mounts) await mount.start();

  const routes = new Map(mounts.flatMap((m) => m.routes).map((r) => [r.path, r.handler]));
  let stopping = false;

  const server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    if (stopping) res.setHeader("Connection", "close");
    if (path === "/healthz") {
      sendJson(res, stopping ? 503 : 200, {
        status: stopping ? "stopping" : "ok",
        ...Object.fromEntries(mounts.map((m) => [m.name, m.status])),
        inFlight: inFlight.size,
      });
      return;
    }
    if (stopping) {
      sendJson(res, 503, { error: "shutting down" });
      return;
    }
    const handler = routes.get(path);
    if (handler) {
      void inFlight
        .track(async () => handler(req, res))
        .catch((err: unknown) => {
          logger.error({ event: "route_failed", path, err }, "route handler failed");
          if (!res.headersSent) sendJson(res, 500, { error: "internal error" });
          else res.end();
        });
      return;
    }
    sendJson(res, 404, { error: "not found" });
  });

  await new Promise<void>((resolveListen, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => {
      server.off("error", reject);
      resolveListen();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${options.host ?? "localhost"}:${port}`;

  const live = mounts.filter((m) => m.status !== "off");
  logger.info({ event: "server_listening", port, routes: ["/healthz", ...live.flatMap((m) => m.routes.map((r) => r.path))] }, "listening");

  let stopped: Promise<void> | undefined;
  const stop = () => {
    stopped ??= (async () => {
      stopping = true;
      const closed = new Promise<void>((done) => server.close(() => done()));
      server.closeIdleConnections();
      for (const mount of mounts) await mount.stop();
      const timeoutMs = options.shutdownTimeoutMs ?? 30_000;
      const drained = await inFlight.drain(timeoutMs);
      if (!drained) logger.warn({ event: "shutdown_timeout", inFlight: inFlight.size }, "answers still in flight at shutdown");
      server.closeAllConnections();
      await closed;
      logger.info({ event: "server_stopped" }, "server stopped");
    })();
    return stopped;
  };

  return { server, url, port, mounts, inFlight, stop };
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  res.writeHead(status, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(json) });
  res.end(json);
}
