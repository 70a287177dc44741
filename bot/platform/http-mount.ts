// What a surface hands the HTTP server: its routes, its own health for /healthz, and how to
// start and stop. The server knows no surface by name; Slack and Teams are mounted the same
// way. start() must never wait on the network: the server listens first and each surface
// connects in the background, reporting `starting`, then `ok` or `degraded`, as it goes.
import type { IncomingMessage, ServerResponse } from "node:http";

export interface Route {
  /** Exact path, e.g. "/api/messages". */
  path: string;
  handler: (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;
}

/**
 * - `ok`: configured, and its upstream (e.g. Slack's Web API) has answered;
 * - `starting`: configured, first contact with its upstream not made yet;
 * - `degraded`: configured, but its upstream did not answer within the start-up bound (it
 *   keeps retrying in the background);
 * - `off`: not configured.
 */
export type SurfaceState = "ok" | "starting" | "degraded" | "off";

export interface SurfaceHealth {
  state: SurfaceState;
  /** How it is connected, e.g. "http" or "socket". */
  mode?: string;
  /** Why it is off or degraded, in words an operator can act on. Never a secret. */
  detail?: string;
}

export interface Mount {
  /** The key in /healthz, e.g. "slack". */
  name: string;
  routes: Route[];
  /** The surface's own state, read on every /healthz. */
  health(): SurfaceHealth;
  /** Starts background work (connecting, warming caches). Must not wait on the network. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** A surface that is not configured: its path answers 404 saying so, instead of a bare "not found". */
export function offMount(name: string, path: string, reason: string): Mount {
  return {
    name,
    health: () => ({ state: "off", detail: reason }),
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
