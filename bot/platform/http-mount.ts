// What a surface hands the HTTP server: its routes, a status for /healthz, and how to start
// and stop. The server knows no surface by name; Slack and Teams are mounted the same way.
import type { IncomingMessage, ServerResponse } from "node:http";

export interface Route {
  /** Exact path, e.g. "/api/messages". */
  path: string;
  handler: (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;
}

export interface Mount {
  /** The key in /healthz, e.g. "slack". */
  name: string;
  /** What /healthz reports for it, e.g. "http", "socket", "on" or "off". */
  status: string;
  routes: Route[];
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** A surface that is not configured: its path answers 404 saying so, instead of a bare "not found". */
export function offMount(name: string, path: string, reason: string): Mount {
  return {
    name,
    status: "off",
    routes: [
      {
        path,
        handler: (_req, res) => {
          const body = JSON.stringify({ error: `the ${name} endpoint is not enabled on this server: ${reason}` });
          res.writeHead(404, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body) }).end(body);
        },
      },
    ],
    start: async () => {},
    stop: async () => {},
  };
}
