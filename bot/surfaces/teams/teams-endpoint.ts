// The Teams messaging endpoint, mounted by bot/surfaces/http/server.ts at /api/messages. Requests are
// authenticated by botbuilder's CloudAdapter; because the library silently skips
// authentication when no app id is set, the endpoint is off without an app id unless the
// explicit local-development flag is on.
import type { IncomingMessage, ServerResponse } from "node:http";
import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from "botbuilder";
import type { PracticeGuide } from "../../core/answer-types.js";
import type { Config } from "../../platform/config.js";
import type { Logger } from "../../platform/logger.js";
import { offMount, type Mount } from "../../platform/http-mount.js";
import { keepEntityPropertiesOnTheWire } from "./keep-entity-properties.js";
import { BodyError, readJsonBody, toBotRequest, toBotResponse } from "./node-http-shim.js";
import { PracticeGuideTeamsBot, type TeamsBotOptions } from "./teams-bot.js";

export const TEAMS_MESSAGES_PATH = "/api/messages";

export interface TeamsRoute {
  path: typeof TEAMS_MESSAGES_PATH;
  handler: (req: IncomingMessage, res: ServerResponse) => Promise<void>;
}

export interface CreateTeamsRouteOptions {
  config: Config["teams"];
  guide: PracticeGuide;
  logger: Logger;
  /** Memory bounds for the bot; defaults suit one server process. */
  bot?: Omit<TeamsBotOptions, "guide" | "logger">;
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
  const auth = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: config.appId,
    MicrosoftAppPassword: config.appPassword,
    MicrosoftAppType: config.appType,
    MicrosoftAppTenantId: config.tenantId,
  });
  const adapter = new CloudAdapter(auth);
  adapter.onTurnError = async (_context, error) => {
    logger.error({ event: "teams_turn_failed", err: error.message }, "a Teams turn failed");
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
      res.writeHead(status, { "content-type": "text/plain; charset=utf-8" }).end(err instanceof Error ? err.message : "Bad request");
      return;
    }
    try {
      // Authentication failures come back from process() as a 401 response, not a throw.
      await adapter.process(toBotRequest(req, body), toBotResponse(res), (context) => bot.run(context));
    } catch (err) {
      logger.error({ event: "teams_request_failed", err: err instanceof Error ? err.message : String(err) }, "Teams request failed");
      if (!res.headersSent) res.writeHead(500);
      if (!res.writableEnded) res.end();
    }
  };
  return { path: TEAMS_MESSAGES_PATH, handler };
}

/** Teams as the HTTP server mounts it: POST /api/messages, or a 404 saying why it is off. */
export function createTeamsMount(options: CreateTeamsRouteOptions): Mount {
  const route = createTeamsRoute(options);
  if (!route) return offMount("teams", TEAMS_MESSAGES_PATH, "MicrosoftAppId is not set (see docs/teams.md)");
  return { name: "teams", health: () => ({ state: "ok" }), routes: [route], start: async () => {}, stop: async () => {} };
}
