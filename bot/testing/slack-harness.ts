// Test harness: the real server and bolt receiver on 127.0.0.1, the Slack Web API and
// response_urls replayed by nock, requests signed the way Slack signs them, and the pino
// output captured so tests can assert on structured log events.
import { Writable } from "node:stream";
import nock from "nock";
import type { PracticeGuide } from "../core/answer-types.js";
import { loadConfig } from "../platform/config.js";
import { createLogger } from "../platform/logger.js";
import type { Mount } from "../platform/http-mount.js";
import { InFlightWork } from "../platform/in-flight-work.js";
import { startServer, type RunningServer, type StartServerOptions } from "../surfaces/http/server.js";
import { createSlackMount, type SlackAdapterOptions } from "../surfaces/slack/slack-app.js";
import { signedSlackHeaders } from "../surfaces/slack/sign-slack-request.js";

export const TEST_SIGNING_SECRET = "test-signing-secret-0123456789";
export const TEST_BOT_TOKEN = "xoxb-test-000-111-secret";
export const SLACK_API_ORIGIN = "https://slack.test";
export const RESPONSE_URL_ORIGIN = "https://hooks.slack.test";
export const BOT_USER_ID = "UBOT";

/**
 * A block_actions payload as Slack sends it for a click on `action` in a message in C1 by
 * user U1 (maria), with its own response_url path: the envelope every button test shares.
 */
export function blockActionsPayload(options: { action: Record<string, unknown>; messageTs: string; ephemeral?: boolean; responsePath: string; triggerId?: string }): Record<string, unknown> {
  return {
    type: "block_actions",
    user: { id: "U1", username: "maria", team_id: "T1" },
    team: { id: "T1", domain: "town" },
    api_app_id: "A1",
    token: "legacy",
    container: { type: "message", message_ts: options.messageTs, channel_id: "C1", is_ephemeral: options.ephemeral ?? false },
    channel: { id: "C1", name: "general" },
    response_url: `${RESPONSE_URL_ORIGIN}/actions/T1/${options.responsePath}`,
    trigger_id: options.triggerId ?? "7.8.9",
    actions: [options.action],
  };
}

/** A `/practice` slash command as Slack posts it (form fields) from user U1 in C1, with its own response_url path. */
export function slashCommandPayload(text: string, responsePath = "1/abc"): Record<string, string> {
  return {
    token: "legacy",
    team_id: "T1",
    team_domain: "town",
    channel_id: "C1",
    channel_name: "general",
    user_id: "U1",
    user_name: "maria",
    command: "/practice",
    text,
    api_app_id: "A1",
    response_url: `${RESPONSE_URL_ORIGIN}/commands/T1/${responsePath}`,
    trigger_id: "1.2.3",
  };
}

export interface RecordedCall {
  /** Web API method, e.g. "chat.postMessage", or the response_url path. */
  method: string;
  body: Record<string, unknown>;
}

export interface LogLine {
  level: number;
  event?: string;
  msg?: string;
  [key: string]: unknown;
}

export interface SlackHarness {
  running: RunningServer;
  apiCalls: RecordedCall[];
  responses: RecordedCall[];
  logs: LogLine[];
  rawLogs: () => string;
  posts: () => RecordedCall[];
  sendEvent: (event: Record<string, unknown>, options?: SendEventOptions) => Promise<Response>;
  sendForm: (fields: Record<string, string>) => Promise<Response>;
  /** A correctly signed request with exactly this body (hostile-input tests). */
  sendRaw: (body: string, contentType?: "application/json" | "application/x-www-form-urlencoded", signing?: SendEventOptions) => Promise<Response>;
  sendAction: (payload: Record<string, unknown>) => Promise<Response>;
  waitFor: (predicate: () => boolean, what: string, timeoutMs?: number) => Promise<void>;
  close: () => Promise<void>;
}

export interface SendEventOptions {
  eventId?: string;
  retryNum?: number;
  /** Sign with the wrong secret. */
  badSignature?: boolean;
  timestampSeconds?: number;
}

export interface HarnessOptions {
  guide: PracticeGuide;
  env?: Record<string, string>;
  /** Other surfaces mounted beside Slack. */
  extraMounts?: Mount[];
  /** The auth.test schedule (tests of start-up shorten it). */
  identityRetry?: { quickRetryDelaysMs?: number[]; slowRetryMs?: number };
  /** What /healthz and /readyz say of the index. */
  index?: StartServerOptions["index"];
  /**
   * Resolve only once the Slack surface is ok (auth.test answered), as a server that has been
   * up a while is; default true. Start-up tests turn it off to watch `starting`.
   */
  waitForSlack?: boolean;
  /**
   * Overrides the fake Web API's reply to a call (status and JSON body); undefined keeps the
   * default. Calls are recorded either way. Tests of failed posts use it.
   */
  webApiReply?: (method: string, body: Record<string, unknown>) => [number, Record<string, unknown>] | undefined;
  /** Claim, history and share stores (shared-state tests hand two harnesses the same Redis). */
  stores?: Pick<SlackAdapterOptions, "dedupe" | "history" | "shared">;
  /** Hears each feedback click (metrics tests count them). */
  onFeedback?: SlackAdapterOptions["onFeedback"];
}

let eventCounter = 0;

export async function startSlackHarness(options: HarnessOptions): Promise<SlackHarness> {
  const apiCalls: RecordedCall[] = [];
  const responses: RecordedCall[] = [];
  const logs: LogLine[] = [];
  let raw = "";

  let postCount = 0;
  nock(SLACK_API_ORIGIN)
    .persist()
    .post(/^\/api\/.+/)
    // nock 15 hands a reply function the fetch Request itself (one argument: two would mean callback style).
    .reply(async (request: Request) => {
      const method = new URL(request.url).pathname.replace(/^\/api\//, "");
      const parsed = parseBody(await request.text());
      apiCalls.push({ method, body: parsed });
      const override = options.webApiReply?.(method, parsed);
      if (override) return override;
      if (method === "auth.test") return [200, { ok: true, user_id: BOT_USER_ID, bot_id: "BBOT", team_id: "T1" }];
      if (method === "chat.postMessage") {
        postCount += 1;
        return [200, { ok: true, channel: parsed.channel, ts: `1700009999.${String(postCount).padStart(6, "0")}` }];
      }
      return [200, { ok: true }];
    });
  nock(RESPONSE_URL_ORIGIN)
    .persist()
    .post(/.*/)
    .reply(async (request: Request) => {
      responses.push({ method: new URL(request.url).pathname, body: parseBody(await request.text()) });
      return [200, "ok"];
    });

  const logStream = new Writable({
    write(chunk: Buffer, _enc, done) {
      const text = chunk.toString();
      raw += text;
      for (const line of text.split("\n").filter(Boolean)) logs.push(JSON.parse(line) as LogLine);
      done();
    },
  });
  const logger = createLogger("debug", logStream);
  const config = loadConfig({
    PORT: "0",
    SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
    SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
    SLACK_API_URL: `${SLACK_API_ORIGIN}/api/`,
    ...options.env,
  });
  const inFlight = new InFlightWork();
  const slack = createSlackMount({
    slack: config.slack,
    guide: options.guide,
    logger,
    inFlight,
    // A request nock does not expect must fail the test at once, not be retried for minutes.
    clientOptions: { retryConfig: { retries: 0 } },
    identityRetry: options.identityRetry,
    onFeedback: options.onFeedback,
    ...options.stores,
  });
  const running = await startServer({
    port: config.port,
    logger,
    mounts: [slack, ...(options.extraMounts ?? [])],
    inFlight,
    host: "127.0.0.1",
    shutdownTimeoutMs: 5_000,
    index: options.index,
  });

  if (options.waitForSlack !== false && slack.health().state !== "off") {
    const deadline = Date.now() + 5_000;
    while (slack.health().state !== "ok") {
      if (Date.now() > deadline) throw new Error(`the Slack surface did not become ok: ${JSON.stringify(slack.health())}`);
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  const post = (body: string, contentType: "application/json" | "application/x-www-form-urlencoded", extra: Record<string, string> = {}, signing: SendEventOptions = {}) =>
    fetch(`${running.url}/slack/events`, {
      method: "POST",
      headers: {
        ...signedSlackHeaders(
          signing.badSignature ? "not-the-secret" : TEST_SIGNING_SECRET,
          body,
          contentType,
          signing.timestampSeconds,
        ),
        ...extra,
      },
      body,
    });

  return {
    running,
    apiCalls,
    responses,
    logs,
    rawLogs: () => raw,
    posts: () => apiCalls.filter((c) => c.method === "chat.postMessage"),
    sendEvent: (event, opts = {}) => {
      eventCounter += 1;
      const body = JSON.stringify({
        token: "legacy-verification-token",
        team_id: "T1",
        api_app_id: "A1",
        event: { event_ts: String(event.ts ?? "1700000000.000001"), ...event },
        type: "event_callback",
        event_id: opts.eventId ?? `Ev${Date.now()}${eventCounter}`,
        event_time: Math.floor(Date.now() / 1000),
        authorizations: [{ team_id: "T1", user_id: BOT_USER_ID, is_bot: true, is_enterprise_install: false }],
      });
      const headers: Record<string, string> =
        opts.retryNum !== undefined
          ? { "x-slack-retry-num": String(opts.retryNum), "x-slack-retry-reason": "http_timeout" }
          : {};
      return post(body, "application/json", headers, opts);
    },
    sendForm: (fields) => post(new URLSearchParams(fields).toString(), "application/x-www-form-urlencoded"),
    sendRaw: (body, contentType = "application/json", signing = {}) => post(body, contentType, {}, signing),
    sendAction: (payload) =>
      post(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), "application/x-www-form-urlencoded"),
    waitFor: async (predicate, what, timeoutMs = 5_000) => {
      const deadline = Date.now() + timeoutMs;
      while (!predicate()) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    close: async () => {
      await running.stop();
      nock.cleanAll();
    },
  };
}

function parseBody(body: unknown): Record<string, unknown> {
  if (body && typeof body === "object") return body as Record<string, unknown>;
  const text = String(body ?? "");
  if (text.startsWith("{")) return JSON.parse(text) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(text)) {
    out[key] = /^[[{]/.test(value) ? JSON.parse(value) : value;
  }
  return out;
}
