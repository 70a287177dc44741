// Builds the bolt App: receiver (HTTP with signature verification, or Socket Mode), the
// Web API client pointed at SLACK_API_URL (GovSlack), and the listeners (listeners/). No
// retrieval or answer logic lives here: everything goes through PracticeGuide.
//
// Start-up never waits on Slack: the bot's identity (auth.test) is learned in the background
// (slack-identity.ts) and handed to bolt through `authorize`, every Web API call and
// response_url reply has a deadline (SLACK_API_TIMEOUT_MS), and in HTTP mode every request
// passes slack-request-gate.ts (size bound, signature and timestamp, body shape) before bolt
// sees it; an Events API request is acked there and its event handed to bolt afterwards
// (after-acks.ts), so acks never queue behind a burst's processing. A signed event that
// arrives before auth.test has answered waits briefly for it, then gets 503 so Slack
// redelivers it later, instead of being acked and dropped.
import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import { App, HTTPModuleFunctions, HTTPReceiver, SocketModeReceiver, type webApi } from "@slack/bolt";
import type { PracticeGuide } from "../../core/answer-types.js";
import type { Config } from "../../platform/config.js";
import type { Logger } from "../../platform/logger.js";
import { boltLoggerFrom } from "./bolt-logger.js";
import { MemoryClaimOnceStore, type ClaimOnceStore } from "../../platform/claim-once.js";
import { offMount, type Mount, type SurfaceHealth } from "../../platform/http-mount.js";
import { InFlightWork } from "../../platform/in-flight-work.js";
import { outboundProxyDispatcher } from "../../platform/outbound-proxy.js";
import { networkReason, timedFetch } from "../../platform/timed-fetch.js";
import { SharedAnswerStore } from "./shared-answers.js";
import type { FeedbackVerdict } from "./feedback.js";
import { registerListeners } from "./listeners/index.js";
import { memoryConversations, type ConversationStore } from "../../core/conversation-store.js";
import { SlackIdentity } from "./slack-identity.js";
import { admitSlackRequest, SLACK_MAX_BODY_BYTES } from "./slack-request-gate.js";
import { AfterAcks } from "./after-acks.js";

export const SLACK_EVENTS_PATH = "/slack/events";

/**
 * Retries of a reply (chat.postMessage, assistant calls) after a 5xx or a network error: three,
 * about 1, 2 and 4 s apart. bolt's default is ten over about 30 minutes, by which time the
 * answer is stale and shutdown would wait on it.
 */
const REPLY_RETRY = { retries: 3, factor: 2, minTimeout: 1_000, maxTimeout: 4_000 };
/** How long a signed event waits for a first auth.test under way before it is turned away with 503. */
const IDENTITY_WAIT_MS = 1_500;

export type SlackMode =
  | { kind: "http"; botToken: string; signingSecret: string }
  | { kind: "socket"; botToken: string; appToken: string }
  | { kind: "off"; reason: string };

/** Which way Slack reaches us, following bolt's variable conventions. */
export function slackModeFor(slack: Config["slack"]): SlackMode {
  if (!slack.botToken) {
    return { kind: "off", reason: "SLACK_BOT_TOKEN is not set" };
  }
  if (slack.appToken) return { kind: "socket", botToken: slack.botToken, appToken: slack.appToken };
  if (slack.signingSecret) return { kind: "http", botToken: slack.botToken, signingSecret: slack.signingSecret };
  return { kind: "off", reason: "neither SLACK_SIGNING_SECRET (HTTP mode) nor SLACK_APP_TOKEN (Socket Mode) is set" };
}

export interface SlackAdapterOptions {
  slack: Config["slack"];
  guide: PracticeGuide;
  logger: Logger;
  /** Shared store when several instances run; in-memory by default. */
  dedupe?: ClaimOnceStore;
  /** Conversation history; shared through Redis when several instances run, in-memory by default. */
  history?: ConversationStore;
  /** The Share button's stored answers; likewise. */
  shared?: SharedAnswerStore;
  /** Called once per feedback click, with its verdict (the server counts them for /metrics). */
  onFeedback?: (verdict: FeedbackVerdict) => void;
  inFlight?: InFlightWork;
  /** Extra Web API client options (tests turn retries off); slackApiUrl always comes from config. */
  clientOptions?: Omit<webApi.WebClientOptions, "slackApiUrl" | "logger">;
  /** The auth.test schedule (tests shorten it); see slack-identity.ts for the default. */
  identityRetry?: { quickRetryDelaysMs?: number[]; slowRetryMs?: number };
}

export interface SlackAdapter {
  mode: "http" | "socket";
  app: App;
  /** HTTP mode only: serves POST /slack/events (gated; events acked there, the rest signature-verified again by bolt). */
  requestListener?: (req: IncomingMessage, res: ServerResponse) => Promise<void>;
  inFlight: InFlightWork;
  identity: SlackIdentity;
  health(): SurfaceHealth;
  /** Starts auth.test (and, in Socket Mode, the connection) in the background; returns at once. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Returns undefined when Slack is not configured; the reason is in `slackModeFor`. */
export function createSlackAdapter(options: SlackAdapterOptions): SlackAdapter | undefined {
  const mode = slackModeFor(options.slack);
  if (mode.kind === "off") return undefined;

  const logger = options.logger.child({ surface: "slack" });
  const boltLogger = boltLoggerFrom(logger);
  const apiUrl = options.slack.apiUrl;
  // One deadline for every Web API call and every response_url reply (bolt uses clientOptions.fetch for both).
  const fetch = timedFetch(options.slack.apiTimeoutMs);
  const clientOptions: webApi.WebClientOptions = { retryConfig: REPLY_RETRY, fetch, ...options.clientOptions, slackApiUrl: apiUrl };
  const inFlight = options.inFlight ?? new InFlightWork();
  const dedupe = options.dedupe ?? new MemoryClaimOnceStore();
  const identity = new SlackIdentity({ botToken: mode.botToken, apiUrl, fetch, logger, ...options.identityRetry });

  // bolt's own token check (tokenVerificationEnabled) would call auth.test before start-up and
  // on every event without a cached result; this hands it the identity learned in the background.
  const authorize = async () => {
    const known = identity.current ?? (await identity.waitFor(IDENTITY_WAIT_MS));
    if (!known) throw new Error(`the Slack Web API at ${apiUrl} has not answered auth.test yet`);
    return { botToken: mode.botToken, botId: known.botId, botUserId: known.botUserId };
  };

  let receiver: HTTPReceiver | undefined;
  let app: App;
  if (mode.kind === "http") {
    receiver = new HTTPReceiver({
      signingSecret: mode.signingSecret,
      endpoints: SLACK_EVENTS_PATH,
      logger: boltLogger,
      bodyLimit: SLACK_MAX_BODY_BYTES,
    });
    app = new App({ authorize, receiver, logger: boltLogger, clientOptions, convoStore: false });
  } else {
    // Socket Mode's connection call (apps.connections.open) also honours clientOptions.slackApiUrl.
    // With HTTPS_PROXY its WebSocket needs the proxy's dispatcher: socket-mode's own Agent
    // would connect directly (apps.connections.open goes through `fetch`, proxied already).
    const dispatcher = outboundProxyDispatcher();
    const socketReceiver = dispatcher
      ? new SocketModeReceiver({ appToken: mode.appToken, logger: boltLogger, dispatcher, installerOptions: { clientOptions } })
      : undefined;
    app = socketReceiver
      ? new App({ authorize, receiver: socketReceiver, socketMode: true, logger: boltLogger, clientOptions, convoStore: false })
      : new App({ authorize, appToken: mode.appToken, socketMode: true, logger: boltLogger, clientOptions, convoStore: false });
  }

  app.error(async (error) => {
    logger.error({ event: "slack_listener_error", err: error }, "unhandled error in a Slack listener");
  });

  registerListeners(app, {
    guide: options.guide,
    logger,
    history: options.history ?? memoryConversations(),
    inFlight,
    dedupe,
    shared: options.shared ?? new SharedAnswerStore(),
    onFeedback: options.onFeedback,
  });

  const httpReceiver = receiver;
  const afterAcks = new AfterAcks(inFlight);
  const requestListener = httpReceiver
    ? async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
        let gate: Awaited<ReturnType<typeof admitSlackRequest>>;
        try {
          gate = await admitSlackRequest(req, { signingSecret: mode.kind === "http" ? mode.signingSecret : "" });
        } catch (err) {
          logger.info({ event: "slack_request_aborted", reason: networkReason(err) }, "a Slack request ended before its body was read");
          if (!res.headersSent) sendJson(res, 400, { error: "incomplete request" }, true);
          return;
        }
        if (!gate.ok) {
          logger.warn({ event: "slack_request_rejected", status: gate.status, reason: gate.reason }, `rejected a request to ${SLACK_EVENTS_PATH}: ${gate.reason}`);
          // 413 and 415 are answered before the body is read: close, or its rest would be read as the next request.
          sendJson(res, gate.status, { error: gate.reason }, gate.status === 413 || gate.status === 415);
          return;
        }
        if ("sslCheck" in gate) {
          res.writeHead(200).end();
          return;
        }
        // URL verification needs no identity; everything else is answered as the bot.
        if (gate.body.type !== "url_verification" && !(identity.current ?? (await identity.waitFor(IDENTITY_WAIT_MS)))) {
          logger.warn(
            { event: "slack_not_ready", state: identity.state, reason: identity.problem },
            "a Slack request arrived before the Slack Web API answered auth.test; answered 503 so Slack redelivers it",
          );
          res.setHeader("Retry-After", "60");
          sendJson(res, 503, { error: "the Slack surface is starting; retry later" });
          return;
        }
        // An event's ack has no body: it is sent here, and bolt gets the event afterwards (after-acks.ts).
        if (gate.body.type === "event_callback") {
          res.writeHead(200).end();
          const event = {
            body: gate.body,
            ack: async () => {},
            retryNum: HTTPModuleFunctions.extractRetryNumFromHTTPRequest(req),
            retryReason: HTTPModuleFunctions.extractRetryReasonFromHTTPRequest(req),
          };
          void afterAcks.run(() => app.processEvent(event)).catch((err: unknown) => {
            logger.error({ event: "slack_listener_error", err }, "unhandled error while processing a Slack event");
          });
          return;
        }
        // Commands and clicks may answer in their ack: bolt's receiver sends it. It reads a body
        // it finds already buffered on the request instead of the stream.
        (req as IncomingMessage & { rawBody?: Buffer }).rawBody = gate.rawBody;
        httpReceiver.requestListener(req, res);
      }
    : undefined;

  // Socket Mode: connect once auth.test has answered; a failed connect is retried at the slow pace.
  let socket: { state: "idle" | "connecting" | "ok" | "failed"; problem?: string } = { state: "idle" };
  let stopped = false;
  const slowRetryMs = options.identityRetry?.slowRetryMs ?? 60_000;
  const connectSocket = async () => {
    while (!stopped) {
      if (!(identity.current ?? (await identity.waitFor(slowRetryMs)))) continue;
      if (stopped) return;
      socket = { state: "connecting" };
      try {
        await app.start();
        socket = { state: "ok" };
        logger.info({ event: "slack_enabled", mode: "socket" }, "Slack connected (Socket Mode)");
        return;
      } catch (err) {
        socket = { state: "failed", problem: networkReason(err) };
        logger.warn({ event: "slack_socket_failed", reason: socket.problem, nextRetryMs: slowRetryMs }, `could not open the Socket Mode connection: ${socket.problem}`);
        await new Promise((resolve) => setTimeout(resolve, slowRetryMs).unref());
      }
    }
  };

  return {
    mode: mode.kind,
    app,
    requestListener,
    inFlight,
    identity,
    health() {
      if (mode.kind === "http") return withDetail({ state: identity.state, mode: "http" }, identity.problem);
      if (socket.state === "ok") return { state: "ok", mode: "socket" };
      if (socket.state === "failed") return withDetail({ state: "degraded", mode: "socket" }, socket.problem);
      return withDetail({ state: identity.state === "ok" ? "starting" : identity.state, mode: "socket" }, identity.problem);
    },
    async start() {
      stopped = false;
      identity.start();
      if (mode.kind === "socket") void connectSocket();
    },
    async stop() {
      stopped = true;
      identity.stop();
      if (mode.kind === "socket" && socket.state === "ok") await app.stop();
    },
  };
}

/**
 * Slack as the HTTP server mounts it: POST /slack/events in HTTP mode, an outbound
 * connection in Socket Mode, or a 404 saying why it is off.
 */
export function createSlackMount(options: SlackAdapterOptions): Mount {
  const mode = slackModeFor(options.slack);
  const logger = options.logger.child({ surface: "slack" });
  if (mode.kind === "off") {
    const off = offMount("slack", SLACK_EVENTS_PATH, mode.reason);
    return { ...off, start: async () => void logger.warn({ event: "slack_disabled", reason: mode.reason }, `Slack endpoint is off: ${mode.reason}`) };
  }
  const adapter = createSlackAdapter(options)!;
  const listener = adapter.requestListener;
  return {
    name: "slack",
    health: () => adapter.health(),
    routes: listener
      ? [
          {
            path: SLACK_EVENTS_PATH,
            handler: (req, res) => {
              if (req.method !== "POST") {
                sendJson(res, 405, { error: "use POST" });
                return;
              }
              return listener(req, res);
            },
          },
        ]
      : [],
    async start() {
      await adapter.start();
      if (adapter.mode === "http")
        logger.info(
          { event: "slack_enabled", mode: "http", path: SLACK_EVENTS_PATH },
          `Slack endpoint on (HTTP mode); checking the bot token with the Slack Web API at ${options.slack.apiUrl} in the background`,
        );
      else logger.info({ event: "slack_starting", mode: "socket" }, "Slack Socket Mode: connecting in the background");
    },
    stop: () => adapter.stop(),
  };
}

function withDetail(health: SurfaceHealth, detail: string | undefined): SurfaceHealth {
  return detail ? { ...health, detail } : health;
}

function sendJson(res: ServerResponse, status: number, body: unknown, close = false): void {
  const json = JSON.stringify(body);
  res.writeHead(status, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(json), ...(close ? { Connection: "close" } : {}) });
  res.end(json);
}
