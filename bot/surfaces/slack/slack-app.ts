// Builds the bolt App: receiver (HTTP with signature verification, or Socket Mode), the
// Web API client pointed at SLACK_API_URL (GovSlack), and the listeners (listeners/). No
// retrieval or answer logic lives here: everything goes through PracticeGuide.
import type { RequestListener } from "node:http";
import { App, HTTPReceiver, type webApi } from "@slack/bolt";
import type { PracticeGuide } from "../../core/answer-types.js";
import type { Config } from "../../platform/config.js";
import type { Logger } from "../../platform/logger.js";
import { boltLoggerFrom } from "./bolt-logger.js";
import { MemoryClaimOnceStore, type ClaimOnceStore } from "../../platform/claim-once.js";
import { offMount, type Mount } from "../../platform/http-mount.js";
import { InFlightWork } from "../../platform/in-flight-work.js";
import { SharedAnswerStore } from "./shared-answers.js";
import { registerListeners } from "./listeners/index.js";
import { ConversationHistory } from "../../core/conversation.js";

export const SLACK_EVENTS_PATH = "/slack/events";

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
  inFlight?: InFlightWork;
  /** Extra Web API client options (tests turn retries off); slackApiUrl always comes from config. */
  clientOptions?: Omit<webApi.WebClientOptions, "slackApiUrl" | "logger">;
}

export interface SlackAdapter {
  mode: "http" | "socket";
  app: App;
  /** HTTP mode only: serves POST /slack/events (signature-verified by bolt). */
  requestListener?: RequestListener;
  inFlight: InFlightWork;
  /** Verifies the token (auth.test) and, in Socket Mode, opens the connection. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Returns undefined when Slack is not configured; the reason is in `slackModeFor`. */
export function createSlackAdapter(options: SlackAdapterOptions): SlackAdapter | undefined {
  const mode = slackModeFor(options.slack);
  if (mode.kind === "off") return undefined;

  const logger = options.logger.child({ surface: "slack" });
  const boltLogger = boltLoggerFrom(logger);
  const clientOptions: webApi.WebClientOptions = { ...options.clientOptions, slackApiUrl: options.slack.apiUrl };
  const inFlight = options.inFlight ?? new InFlightWork();
  const dedupe = options.dedupe ?? new MemoryClaimOnceStore();

  let receiver: HTTPReceiver | undefined;
  let app: App;
  if (mode.kind === "http") {
    receiver = new HTTPReceiver({
      signingSecret: mode.signingSecret,
      endpoints: SLACK_EVENTS_PATH,
      logger: boltLogger,
    });
    app = new App({
      token: mode.botToken,
      receiver,
      logger: boltLogger,
      clientOptions,
      convoStore: false,
      deferInitialization: true,
    });
  } else {
    // Socket Mode's connection call (apps.connections.open) also honours clientOptions.slackApiUrl.
    app = new App({
      token: mode.botToken,
      appToken: mode.appToken,
      socketMode: true,
      logger: boltLogger,
      clientOptions,
      convoStore: false,
      deferInitialization: true,
    });
  }

  app.error(async (error) => {
    logger.error({ event: "slack_listener_error", err: error }, "unhandled error in a Slack listener");
  });

  registerListeners(app, { guide: options.guide, logger, history: new ConversationHistory(), inFlight, dedupe, shared: new SharedAnswerStore() });

  const httpReceiver = receiver;
  return {
    mode: mode.kind,
    app,
    requestListener: httpReceiver ? (req, res) => httpReceiver.requestListener(req, res) : undefined,
    inFlight,
    async start() {
      await app.init();
      if (mode.kind === "socket") await app.start();
    },
    async stop() {
      if (mode.kind === "socket") await app.stop();
    },
  };
}

/**
 * Slack as the HTTP server mounts it: POST /slack/events in HTTP mode, an outbound
 * connection in Socket Mode, or a 404 saying why it is off.
 */
export function createSlackMount(options: SlackAdapterOptions): Mount {
  const mode = slackModeFor(options.slack);
  const logger = options.logger;
  if (mode.kind === "off") {
    const off = offMount("slack", SLACK_EVENTS_PATH, mode.reason);
    return { ...off, start: async () => void logger.warn({ event: "slack_disabled", reason: mode.reason }, `Slack endpoint is off: ${mode.reason}`) };
  }
  const adapter = createSlackAdapter(options)!;
  const listener = adapter.requestListener;
  return {
    name: "slack",
    status: adapter.mode,
    routes: listener
      ? [
          {
            path: SLACK_EVENTS_PATH,
            handler: (req, res) => {
              if (req.method !== "POST") {
                const body = JSON.stringify({ error: "use POST" });
                res.writeHead(405, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body) }).end(body);
                return;
              }
              listener(req, res);
            },
          },
        ]
      : [],
    async start() {
      await adapter.start();
      if (adapter.mode === "http") logger.info({ event: "slack_enabled", mode: "http", path: SLACK_EVENTS_PATH }, "Slack endpoint on (HTTP mode)");
      else logger.info({ event: "slack_enabled", mode: "socket" }, "Slack connected (Socket Mode)");
    },
    stop: () => adapter.stop(),
  };
}
