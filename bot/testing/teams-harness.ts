// Test harness: the Teams route on a local node:http server, Teams-shaped activities, the Bot
// Framework connector replayed with nock, and the pino lines the bot wrote.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import nock from "nock";
import type { Config } from "../platform/config.js";
import { createLogger } from "../platform/logger.js";
import { createTeamsRoute, type CreateTeamsRouteOptions, type TeamsRoute } from "../surfaces/teams/teams-endpoint.js";
import { fakePracticeGuide, type FakePracticeGuide } from "./fake-practice-guide.js";

export const SERVICE_URL = "https://smba.trafficmanager.net/amer/";
export const BOT = { id: "28:practice-guide-bot", name: "Practice Guide" };
export const USER = { id: "29:user-ada", name: "Ada Lovelace", aadObjectId: "6f1c1f0e-0000-4000-8000-000000000001" };

export const LOCAL_DEV_CONFIG: Config["teams"] = { appType: "MultiTenant", localDevNoAuth: true, httpTimeoutMs: 10_000 };

let activityCounter = 0;
function nextActivityId(): string {
  activityCounter += 1;
  return `1700000000${String(activityCounter).padStart(3, "0")}`;
}

export function personalMessage(text: string, overrides: Record<string, unknown> = {}) {
  return {
    type: "message",
    id: nextActivityId(),
    timestamp: new Date().toISOString(),
    serviceUrl: SERVICE_URL,
    channelId: "msteams",
    from: USER,
    conversation: { id: "a:1personal-chat-with-ada", conversationType: "personal", tenantId: "tenant-1" },
    recipient: BOT,
    text,
    textFormat: "plain",
    locale: "en-US",
    channelData: { tenant: { id: "tenant-1" } },
    ...overrides,
  };
}

/** A channel post that @mentions the bot, as Teams sends it. */
export function channelMention(question: string, overrides: Record<string, unknown> = {}) {
  const mentionText = `<at>${BOT.name}</at>`;
  return personalMessage(`${mentionText} ${question}`, {
    conversation: {
      id: "19:general@thread.tacv2;messageid=1699999999000",
      conversationType: "channel",
      isGroup: true,
      tenantId: "tenant-1",
    },
    entities: [{ type: "mention", text: mentionText, mentioned: { id: BOT.id, name: BOT.name } }],
    channelData: { tenant: { id: "tenant-1" }, teamsChannelId: "19:general@thread.tacv2", teamsTeamId: "19:team@thread.tacv2" },
    ...overrides,
  });
}

const TEAM_CHANNEL = {
  conversation: { id: "19:general@thread.tacv2", conversationType: "channel", isGroup: true, tenantId: "tenant-1" },
  channelData: { tenant: { id: "tenant-1" }, team: { id: "19:team@thread.tacv2" }, channel: { id: "19:general@thread.tacv2" } },
};

/** The conversationUpdate Teams sends when members (the bot, on install) join; in a team channel with `inTeam`. */
export function membersAdded(memberIds: string[], options: { inTeam?: boolean; overrides?: Record<string, unknown> } = {}) {
  return personalMessage("", {
    type: "conversationUpdate",
    text: undefined,
    textFormat: undefined,
    membersAdded: memberIds.map((id) => ({ id })),
    ...(options.inTeam ? TEAM_CHANNEL : {}),
    ...options.overrides,
  });
}

/** The installationUpdate Teams sends when the app is added ("add"), upgraded or removed. */
export function installationUpdate(action: string, options: { inTeam?: boolean; overrides?: Record<string, unknown> } = {}) {
  return personalMessage("", { type: "installationUpdate", action, text: undefined, textFormat: undefined, ...(options.inTeam ? TEAM_CHANNEL : {}), ...options.overrides });
}

export function invoke(name: string, value: unknown, overrides: Record<string, unknown> = {}) {
  return personalMessage("", { type: "invoke", name, value, text: undefined, ...overrides });
}

export interface Harness {
  url: string;
  guide: FakePracticeGuide;
  /** Activities the bot sent to the Bot Framework connector, in order. */
  replies: Array<Record<string, unknown>>;
  logLines(): Array<Record<string, unknown>>;
  post(activity: unknown, headers?: Record<string, string>): Promise<{ status: number; body: string }>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  config?: Config["teams"];
  guide?: FakePracticeGuide;
  /** Where the route fetches signing keys (a local fake issuer, or a server that never answers). */
  metadataUrls?: { channel?: string; other?: string };
  /** Back-off for replies the connector refuses; short by default so retry tests run fast. */
  connectorRetry?: CreateTeamsRouteOptions["connectorRetry"];
  /** The bot's stores and callbacks (metrics tests count feedback). */
  bot?: CreateTeamsRouteOptions["bot"];
}

/** Starts the route on 127.0.0.1; throws if the config turns Teams off. */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const logText: string[] = [];
  const logStream = new Writable({
    write(chunk, _encoding, callback) {
      logText.push(String(chunk));
      callback();
    },
  });
  const logger = createLogger("info", logStream);
  const guide = options.guide ?? fakePracticeGuide();
  const route = createTeamsRoute({
    config: options.config ?? LOCAL_DEV_CONFIG,
    guide,
    logger,
    metadataUrls: options.metadataUrls,
    bot: options.bot,
    connectorRetry: { baseDelayMs: 20, maxDelayMs: 100, retryAfterCapMs: 300, ...options.connectorRetry },
  });
  if (!route) throw new Error("Teams route is off for this config");

  const replies: Array<Record<string, unknown>> = [];
  let replyCounter = 0;
  nock(SERVICE_URL.replace(/\/amer\/$/, ""))
    .persist()
    .post((uri) => uri.startsWith("/amer/v3/conversations/"))
    // nock 15 hands a one-argument reply function the fetch Request (two arguments mean callback style).
    .reply(async (request: Request) => {
      replies.push((await request.json()) as Record<string, unknown>);
      replyCounter += 1;
      return [200, { id: `bot-reply-${replyCounter}` }];
    });

  const server = await listen(route);
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}${route.path}`;
  return {
    url,
    guide,
    replies,
    logLines: () =>
      logText
        .join("")
        .split("\n")
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Record<string, unknown>),
    async post(activity, headers = {}) {
      const response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: JSON.stringify(activity),
      });
      return { status: response.status, body: await response.text() };
    },
    async close() {
      nock.cleanAll();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function listen(route: TeamsRoute): Promise<Server> {
  const server = createServer((req, res) => {
    if (req.url?.split("?")[0] === route.path) void route.handler(req, res);
    else res.writeHead(404).end();
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}
