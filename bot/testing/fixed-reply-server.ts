// A server on 127.0.0.1 that gives every request the same reply, for tests where the SDK
// keeps a connection after the test has its result (a 5xx whose Retry-After outlasts the
// deadline: the SDK sleeps, then gives up on the aborted call and cancels the body). Through
// nock's mocked sockets that late cancel surfaced as an ECONNRESET on a socket undici had
// already released, an uncaught TypeError in whichever test was running 5 s later; a real
// socket closes quietly.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface FixedReplyServer {
  baseURL: string;
  requests: number;
  close(): Promise<void>;
}

export async function startFixedReplyServer(status: number, body: string, headers: Record<string, string> = {}): Promise<FixedReplyServer> {
  const server: Server = createServer((req, res) => {
    handle.requests += 1;
    req.resume();
    req.on("end", () => res.writeHead(status, { "content-type": "application/json", ...headers }).end(body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const handle: FixedReplyServer = {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests: 0,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return handle;
}
