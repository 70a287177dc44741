// The Teams messaging endpoint, mounted by bot/surfaces/http/server.ts at /api/messages. A
// request is read and shaped (inbound-activity.ts: 400 for a body that is not an activity),
// authenticated within a second (teams-auth.ts: 401 with one log line for a forged, expired
// or unverifiable token, whatever the network does), and only then run through botbuilder's
// adapter. Because the library silently skips authentication when no app id is set, the
// endpoint is off without an app id unless the explicit local-development flag is on.
import type { IncomingMessage, ServerResponse } from "node:http";
import { CloudAdapter, type Activity, type InvokeResponse, type TurnContext } from "botbuilder";
import type { PracticeGuide } from "../../core/answer-types.js";
import type { Config } from "../../platform/config.js";
import type { Logger } from "../../platform/logger.js";
import { offMount, type Mount } from "../../platform/http-mount.js";
import { connectorStatusOf, DEFAULT_CONNECTOR_RETRY, withConnectorRetry, type ConnectorRetryOptions } from "./connector-retry.js";
import { keepEntityPropertiesOnTheWire } from "./keep-entity-properties.js";
import { BodyError, inboundActivity, readJsonBody } from "./inbound-activity.js";
import { createTeamsAuthenticator, type AuthenticateRequestResult, type TeamsAuthenticator, type TeamsAuthOptions } from "./teams-auth.js";
import { PracticeGuideTeamsBot, type TeamsBotOptions } from "./teams-bot.js";

export const TEAMS_MESSAGES_PATH = "/api/messages";

export interface TeamsRoute {
  path: typeof TEAMS_MESSAGES_PATH;
  handler: (req: IncomingMessage, res: ServerResponse) => Promise<void>;
  auth: TeamsAuthenticator;
}

export interface CreateTeamsRouteOptions {
  config: Config["teams"];
  guide: PracticeGuide;
  logger: Logger;
  /** Memory bounds for the bot; defaults suit one server process. */
  bot?: Omit<TeamsBotOptions, "guide" | "logger">;
  /** Where signing keys are fetched from (tests point these at local servers). */
  metadataUrls?: TeamsAuthOptions["metadataUrls"];
  /** How replies to the Bot Connector are retried (tests shorten the waits). */
  connectorRetry?: Partial<ConnectorRetryOptions>;
}

/**
 * CloudAdapter with its turn runner reachable for a request we have already authenticated,
 * and whose connector clients retry 412/429/5xx with bounded back-off (connector-retry.ts).
 */
class AuthenticatedCloudAdapter extends CloudAdapter {
  constructor(
    auth: ConstructorParameters<typeof CloudAdapter>[0],
    private readonly retry: ConnectorRetryOptions,
    private readonly logger: Logger,
  ) {
    super(auth);
  }

  run(auth: AuthenticateRequestResult, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    const connectorFactory = auth.connectorFactory && withConnectorRetry(auth.connectorFactory, this.retry, this.logger);
    return this.processActivity({ ...auth, connectorFactory }, activity, logic);
  }
}

/** The route to mount, or null when Teams is not configured (the server then answers 404). */
export function createTeamsRoute(options: CreateTeamsRouteOptions): TeamsRoute | null {
  const { config, guide } = options;
  // Every Teams log line says which surface it came from, like the Slack adapter's.
  const logger = options.logger.child({ surface: "teams" });
  if (!config.appId) {
    if (!config.localDevNoAuth) {
      logger.info({ event: "teams_disabled" }, "Teams endpoint off: MicrosoftAppId is not set");
      return null;
    }
    logger.warn(
      { event: "teams_auth_disabled" },
      "TEAMS_LOCAL_DEV_NO_AUTH is on and MicrosoftAppId is not set: /api/messages accepts UNAUTHENTICATED requests. " +
        "Use this only with the Bot Framework Emulator on your own machine, never on a reachable server.",
    );
  } else if (config.localDevNoAuth) {
    logger.warn({ event: "teams_local_dev_flag_ignored" }, "TEAMS_LOCAL_DEV_NO_AUTH is ignored because MicrosoftAppId is set; requests are authenticated");
  }

  keepEntityPropertiesOnTheWire();
  const auth = createTeamsAuthenticator({ teams: config, logger, metadataUrls: options.metadataUrls });
  // The adapter's own inbound check is never used (run() receives an authenticated request);
  // it uses this authentication for its outbound clients.
  const retry: ConnectorRetryOptions = { ...DEFAULT_CONNECTOR_RETRY, timeoutMs: config.httpTimeoutMs, ...options.connectorRetry };
  const adapter = new AuthenticatedCloudAdapter(auth.botFrameworkAuthentication, retry, logger);
  adapter.onTurnError = async (_context, error) => {
    const status = connectorStatusOf(error);
    logger.error({ event: "teams_turn_failed", ...(status !== undefined ? { status } : {}), err: error.message }, "a Teams turn failed");
  };
  const bot = new PracticeGuideTeamsBot({ ...options.bot, guide, logger });

  const handler = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method !== "POST") {
      res.writeHead(405, { allow: "POST" }).end();
      return;
    }
    let body: Record<string, unknown>;
    try {
      body = await readJsonBody(req);
    } catch (err) {
      const status = err instanceof BodyError ? err.status : 400;
      // 413 and 415 leave the body unread: close, or its rest would be read as the next request.
      const close = status === 413 || status === 415 ? { connection: "close" } : {};
      res.writeHead(status, { "content-type": "text/plain; charset=utf-8", ...close }).end(err instanceof Error ? err.message : "Bad request");
      return;
    }
    const shaped = inboundActivity(body);
    if (!shaped.ok) {
      logger.info({ event: "teams_bad_activity", reason: shaped.reason }, `rejected a request to ${TEAMS_MESSAGES_PATH}: ${shaped.reason}`);
      res.writeHead(400, { "content-type": "text/plain; charset=utf-8" }).end(`Bad request: ${shaped.reason}.`);
      return;
    }
    const activity = shaped.activity;
    const started = Date.now();
    const authorization = req.headers.authorization;
    const outcome = await auth.authenticate(activity, typeof authorization === "string" ? authorization : undefined);
    if (!outcome.ok) {
      logger.warn(
        { event: "teams_auth_rejected", reason: outcome.reason, ms: Date.now() - started, activityType: activity.type, channelId: activity.channelId },
        `rejected a Teams request with 401: ${outcome.reason}`,
      );
      sendJson(res, 401, { error: "Unauthorized" });
      return;
    }
    try {
      const invokeResponse = await adapter.run(outcome.result, activity, (context) => bot.run(context));
      if (invokeResponse?.body !== undefined) sendJson(res, invokeResponse.status ?? 200, invokeResponse.body);
      else res.writeHead(invokeResponse?.status ?? 200).end();
    } catch (err) {
      logger.error({ event: "teams_request_failed", err: err instanceof Error ? err.message : String(err) }, "Teams request failed");
      if (!res.headersSent) res.writeHead(500);
      if (!res.writableEnded) res.end();
    }
  };
  return { path: TEAMS_MESSAGES_PATH, handler, auth };
}

/** Teams as the HTTP server mounts it: POST /api/messages, or a 404 saying why it is off. */
export function createTeamsMount(options: CreateTeamsRouteOptions): Mount {
  const route = createTeamsRoute(options);
  if (!route) return offMount("teams", TEAMS_MESSAGES_PATH, "MicrosoftAppId is not set (see docs/teams.md)");
  return {
    name: "teams",
    // Teams holds no connection; what it needs from Microsoft is the signing keys inbound
    // tokens are checked against (fetched at start, in the background): `starting` until
    // they are held, `degraded` while they cannot be fetched (every request would get 401).
    health: () => ({ ...route.auth.health(), mode: route.auth.enforced ? "authenticated" : "local-dev-no-auth" }),
    routes: [route],
    start: async () => route.auth.warm(),
    stop: async () => {},
  };
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(json) }).end(json);
}
