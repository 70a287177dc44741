// The HTTP server: the routes of the surfaces mounted on it (Slack's events, Teams'
// messages), /healthz and /readyz on one port. It knows no surface by name. It listens
// first and only then starts the mounts, which connect to Slack or Microsoft in the
// background, so an unreachable upstream never keeps the port closed. stop() stops
// accepting, lets answers in flight finish, then closes connections.
//
// /healthz (liveness and diagnosis): 200 while serving, 503 while stopping; the body gives
// each surface's own state (ok, starting, degraded, off) and the index being answered from,
// and, when given, the shared state's ("sharedState": Redis or memory); while Redis is
// unreachable the status says "degraded" (still 200: answers keep flowing from memory).
// /readyz (readiness): 200 when this process can answer questions (the index is open and it
// is not stopping), else 503. A surface's upstream being down does not make it unready: that
// outage hits every replica alike, and taking this one out of a load balancer would only
// take the other surface (and /healthz's diagnosis) down with it.
import { createServer, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Logger } from "pino";
import type { Mount, Route, SurfaceHealth } from "../../platform/http-mount.js";
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
  /** The index answered from, for /healthz and /readyz; when omitted, readiness is only "not stopping". */
  index?: () => IndexHealth;
  /** Routes that belong to no surface (e.g. /metrics). */
  routes?: Route[];
  /** Where replicas' shared state lives (Redis, or memory) and whether it is reachable. */
  sharedState?: () => SurfaceHealth;
}

/** What /healthz says of the index: whether the guide can answer, and from which generation. */
export interface IndexHealth {
  ready: boolean;
  /** The active index generation (its table), e.g. "sections_20250101T000000Z". */
  generation?: string;
  builtAt?: string;
  sections?: number;
  /** Embedder identity of the stored vectors; null for a full-text index. */
  embedder?: string | null;
  /** Why it is not ready, or why a newer generation could not be switched to. */
  detail?: string;
  problem?: string;
  /** A server answering in worker threads: how many there are and how many are up. */
  answerWorkers?: { workers: number; up: number; replaced: number; started: boolean };
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
  const indexHealth = (): IndexHealth => {
    if (!options.index) return { ready: true };
    try {
      return options.index();
    } catch (err) {
      return { ready: false, detail: err instanceof Error ? err.message : String(err) };
    }
  };
  const inFlight = options.inFlight ?? new InFlightWork();
  const routes = new Map([...mounts.flatMap((m) => m.routes), ...(options.routes ?? [])].map((r) => [r.path, r.handler]));
  let stopping = false;

  const server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    if (stopping) res.setHeader("Connection", "close");
    if (path === "/healthz") {
      const index = indexHealth();
      const sharedState = options.sharedState ? healthOf({ health: options.sharedState }) : undefined;
      sendJson(res, stopping ? 503 : 200, {
        status: stopping ? "stopping" : sharedState?.state === "degraded" ? "degraded" : "ok",
        ready: !stopping && index.ready,
        index,
        ...(sharedState ? { sharedState } : {}),
        surfaces: Object.fromEntries(mounts.map((m) => [m.name, healthOf(m)])),
        inFlight: inFlight.size,
      });
      return;
    }
    if (path === "/readyz") {
      const index = indexHealth();
      const ready = !stopping && index.ready;
      sendJson(res, ready ? 200 : 503, { ready, ...(stopping ? { detail: "shutting down" } : index.ready ? {} : { detail: index.detail ?? "the index is not open" }) });
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

  const live = mounts.filter((m) => healthOf(m).state !== "off");
  logger.info({ event: "server_listening", port, routes: ["/healthz", "/readyz", ...(options.routes ?? []).map((r) => r.path), ...live.flatMap((m) => m.routes.map((r) => r.path))] }, "listening");
  // After listening: a mount's start() only kicks off its background connection.
  for (const mount of mounts) await mount.start();

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

function healthOf(mount: Pick<Mount, "health">): SurfaceHealth {
  try {
    return mount.health();
  } catch (err) {
    return { state: "degraded", detail: `health check failed: ${err instanceof Error ? err.message : String(err)}` };
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  res.writeHead(status, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(json) });
  res.end(json);
}
