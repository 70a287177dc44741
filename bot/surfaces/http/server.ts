// The one server process (`npm run serve`): Slack's endpoint, any extra routes (the Teams
// endpoint mounts here) and /healthz on one port, sharing one PracticeGuide that is
// opened once. SIGTERM stops accepting, lets answers in flight finish, then exits.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { PracticeGuide } from "../../core/answer-types.js";
import { ConfigError, loadConfig, type Config } from "../../platform/config.js";
import { createLogger, type Logger } from "../../platform/logger.js";
import type { ClaimOnceStore } from "../../platform/claim-once.js";
import { InFlightWork } from "../../platform/in-flight-work.js";
import { createSlackAdapter, SLACK_EVENTS_PATH, slackModeFor, type SlackAdapterOptions } from "../slack/slack-app.js";

export interface ExtraRoute {
  /** Exact path, e.g. "/api/messages". */
  path: string;
  handler: (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;
}

export interface StartServerOptions {
  config: Config;
  guide: PracticeGuide;
  logger: Logger;
  extraRoutes?: ExtraRoute[];
  /** Interface to bind; all interfaces when omitted. Tests and benchmarks use 127.0.0.1. */
  host?: string;
  /** Shared event de-duplication store (e.g. Redis) when several instances run. */
  slackDedupe?: ClaimOnceStore;
  slackClientOptions?: SlackAdapterOptions["clientOptions"];
  /** How long shutdown waits for answers in flight. */
  shutdownTimeoutMs?: number;
}

export interface RunningServer {
  server: Server;
  /** e.g. http://127.0.0.1:3000 */
  url: string;
  port: number;
  slackMode: "http" | "socket" | "off";
  inFlight: InFlightWork;
  /** Stops accepting, waits for answers in flight, closes connections. Idempotent. */
  stop(): Promise<void>;
}

export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const { config, logger } = options;
  const inFlight = new InFlightWork();
  const slackMode = slackModeFor(config.slack);
  const slack = createSlackAdapter({
    slack: config.slack,
    guide: options.guide,
    logger,
    dedupe: options.slackDedupe,
    inFlight,
    clientOptions: options.slackClientOptions,
  });
  if (slack) await slack.start();

  const routes = new Map((options.extraRoutes ?? []).map((r) => [r.path, r.handler]));
  let stopping = false;

  const server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    if (stopping) res.setHeader("Connection", "close");
    if (path === "/healthz") {
      sendJson(res, stopping ? 503 : 200, {
        status: stopping ? "stopping" : "ok",
        slack: slack?.mode ?? "off",
        inFlight: inFlight.size,
      });
      return;
    }
    if (stopping) {
      sendJson(res, 503, { error: "shutting down" });
      return;
    }
    if (path === SLACK_EVENTS_PATH) {
      if (!slack?.requestListener) {
        sendJson(res, 404, { error: "the Slack endpoint is not enabled on this server" });
        return;
      }
      if (req.method !== "POST") {
        sendJson(res, 405, { error: "use POST" });
        return;
      }
      slack.requestListener(req, res);
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
    server.listen(config.port, options.host, () => {
      server.off("error", reject);
      resolveListen();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${options.host ?? "localhost"}:${port}`;

  if (slackMode.kind === "off") {
    logger.warn({ event: "slack_disabled", reason: slackMode.reason }, `Slack endpoint is off: ${slackMode.reason}`);
  } else if (slackMode.kind === "http") {
    logger.info({ event: "slack_enabled", mode: "http", path: SLACK_EVENTS_PATH }, "Slack endpoint on (HTTP mode)");
  } else {
    logger.info({ event: "slack_enabled", mode: "socket" }, "Slack connected (Socket Mode)");
  }
  logger.info({ event: "server_listening", port, routes: ["/healthz", SLACK_EVENTS_PATH, ...routes.keys()] }, "listening");

  let stopped: Promise<void> | undefined;
  const stop = () => {
    stopped ??= (async () => {
      stopping = true;
      const closed = new Promise<void>((done) => server.close(() => done()));
      server.closeIdleConnections();
      if (slack) await slack.stop();
      const timeoutMs = options.shutdownTimeoutMs ?? 30_000;
      const drained = await inFlight.drain(timeoutMs);
      if (!drained) logger.warn({ event: "shutdown_timeout", inFlight: inFlight.size }, "answers still in flight at shutdown");
      server.closeAllConnections();
      await closed;
      logger.info({ event: "server_stopped" }, "server stopped");
    })();
    return stopped;
  };

  return { server, url, port, slackMode: slackMode.kind, inFlight, stop };
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  res.writeHead(status, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(json) });
  res.end(json);
}

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  // Imported here so importing startServer (tests, benchmarks) does not load the index and model.
  const { openPracticeGuide } = await import("../../app/open-practice-guide.js");
  const { createTeamsRoute } = await import("../teams/teams-endpoint.js");
  const guide = await openPracticeGuide(config, logger);
  const teams = createTeamsRoute({ config: config.teams, guide, logger });
  if (!teams) logger.info("Teams endpoint is off: set MicrosoftAppId (see docs/teams.md). /api/messages answers 404.");
  const running = await startServer({ config, guide, logger, extraRoutes: teams ? [teams] : [] });
  const shutdown = (signal: string) => {
    logger.info({ event: "shutdown", signal }, "shutting down");
    void running
      .stop()
      .then(() => guide.close())
      .then(
        () => process.exit(0),
        (err: unknown) => {
          logger.error({ event: "shutdown_failed", err }, "shutdown failed");
          process.exit(1);
        },
      );
  };
  process.once("SIGTERM", () => shutdown("SIGTERM"));
  process.once("SIGINT", () => shutdown("SIGINT"));
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch(async (err: unknown) => {
    // An operator's mistake (configuration, index location, damaged index, a first run's
    // corpus error) is one line saying what to do; anything else keeps its stack.
    const { IndexLocationError } = await import("../../../retrieval/index/index-location.js");
    const { IndexDamagedError } = await import("../../../retrieval/index/lance-store.js");
    const { CorpusError } = await import("../../../corpus/load-corpus.js");
    const known = [ConfigError, IndexLocationError, IndexDamagedError, CorpusError].some((type) => err instanceof type);
    if (known) createLogger("error").fatal({ event: "startup_failed" }, `could not start the server: ${(err as Error).message}`);
    else createLogger("error").fatal({ event: "startup_failed", err }, "could not start the server");
    process.exit(1);
  });
}
