// A local fake of the Bot Connector (the service Teams replies are POSTed to) on 127.0.0.1,
// answering each request from a script of statuses (429, 412, 503, ...) and then 200 with a
// message id, so tests can use it as an activity's serviceUrl and watch the bot back off.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface ScriptedResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface ConnectorRequest {
  method: string;
  path: string;
  body: Record<string, unknown>;
  /** ms since the fake started. */
  at: number;
}

export interface FakeConnector {
  /** The serviceUrl to put on activities (ends with "/"). */
  serviceUrl: string;
  requests: ConnectorRequest[];
  /** Activities answered 2xx, in order. */
  delivered(): Array<Record<string, unknown>>;
  close(): Promise<void>;
}

/** Answers requests with `script` in order, then 200 `{ id: "fake-reply-n" }` for every one after. */
export async function startFakeConnector(script: ScriptedResponse[] = []): Promise<FakeConnector> {
  const queue = [...script];
  const requests: ConnectorRequest[] = [];
  const answered: Array<{ status: number; body: Record<string, unknown> }> = [];
  const started = Date.now();
  let delivered = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      let body: Record<string, unknown> = {};
      try {
        body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
      } catch {
        // Not JSON: recorded as an empty body.
      }
      requests.push({ method: req.method ?? "", path: req.url ?? "", body, at: Date.now() - started });
      const next = queue.shift();
      const status = next?.status ?? 200;
      answered.push({ status, body });
      const payload = next?.body ?? (status < 300 ? { id: `fake-reply-${++delivered}` } : { error: { code: "Throttled", message: `scripted ${status}` } });
      res.writeHead(status, { "content-type": "application/json", ...next?.headers }).end(JSON.stringify(payload));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    serviceUrl: `http://127.0.0.1:${port}/`,
    requests,
    delivered: () => answered.filter((a) => a.status < 300).map((a) => a.body),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
