// Authenticating a Teams request ourselves, before the adapter runs the turn. CloudAdapter's
// process() did it inside the turn: a forged token got 500 (any error but botbuilder's own
// AuthenticationError), the body named the internal URL it failed to fetch, the reason went
// to console.error with a stack trace, and with the key endpoint unreachable each request
// hung. Here a request is answered within `deadlineMs` (default 800 ms) either way:
//   1. check-bearer-token.ts: JWT shape, algorithm, validity window, signature against the
//      issuer's keys (openid-keys.ts: fetched with a deadline, cached, failures cached);
//   2. botbuilder's own authenticateRequest, with those same keys installed as the ones it
//      looks up, for the claims (issuer, audience = our app id, serviceUrl, endorsements).
// Any failure is a reason string for one 401 log line, never an exception.
import { CallerIdConstants, ConfigurationBotFrameworkAuthentication, type Activity } from "botbuilder";
import type { Config } from "../../platform/config.js";
import type { Logger } from "../../platform/logger.js";
import { connector, useKeySourceFor } from "./botbuilder-internals.js";
import { checkBearerToken } from "./check-bearer-token.js";
import { OpenIdKeys } from "./openid-keys.js";
import { timedCredentialsFactory } from "./timed-token-client.js";

export type AuthenticateRequestResult = Awaited<ReturnType<ConfigurationBotFrameworkAuthentication["authenticateRequest"]>>;
export type AuthOutcome = { ok: true; result: AuthenticateRequestResult } | { ok: false; reason: string };

export interface TeamsAuthOptions {
  teams: Config["teams"];
  logger: Logger;
  /** Where the signing keys are published; botbuilder's public-cloud URLs unless set (tests use local servers). */
  metadataUrls?: { channel?: string; other?: string };
  /** Longest a request's authentication may take; default 800 ms. */
  deadlineMs?: number;
}

export interface TeamsAuthenticator {
  /** For the adapter's outbound side (connector and user-token clients, with the bounded token fetch). */
  readonly botFrameworkAuthentication: ConfigurationBotFrameworkAuthentication;
  /** False only in local development without an app id (TEAMS_LOCAL_DEV_NO_AUTH). */
  readonly enforced: boolean;
  authenticate(activity: Activity, authorization: string | undefined): Promise<AuthOutcome>;
  /** Fetches the Teams signing keys in the background, so the first genuine request finds them. */
  warm(): void;
  /** Whether Teams tokens can be checked: the channel's signing keys are held (ok), not yet, or unavailable. */
  health(): { state: "ok" | "starting" | "degraded"; detail?: string };
}

export function createTeamsAuthenticator(options: TeamsAuthOptions): TeamsAuthenticator {
  const { teams, logger } = options;
  const C = connector.AuthenticationConstants;
  const channelUrl = options.metadataUrls?.channel ?? C.ToBotFromChannelOpenIdMetadataUrl;
  const otherUrl = options.metadataUrls?.other ?? C.ToBotFromEmulatorOpenIdMetadataUrl;
  const deadlineMs = options.deadlineMs ?? 800;
  const channelKeys = new OpenIdKeys({ metadataUrl: channelUrl, logger, timeoutMs: teams.httpTimeoutMs });
  const otherKeys = new OpenIdKeys({ metadataUrl: otherUrl, logger, timeoutMs: teams.httpTimeoutMs });
  useKeySourceFor(channelUrl, channelKeys);
  useKeySourceFor(otherUrl, otherKeys);

  const auth = new ConfigurationBotFrameworkAuthentication(
    {
      MicrosoftAppId: teams.appId,
      MicrosoftAppPassword: teams.appPassword,
      MicrosoftAppType: teams.appType,
      MicrosoftAppTenantId: teams.tenantId,
      // botbuilder's public-cloud values, spelled out so that the metadata URLs can be ours
      // (its factory treats any one of these being set as "all of them are given").
      ToChannelFromBotLoginUrl: C.ToChannelFromBotLoginUrl,
      ToChannelFromBotOAuthScope: C.ToChannelFromBotOAuthScope,
      ToBotFromChannelTokenIssuer: C.ToBotFromChannelTokenIssuer,
      OAuthUrl: C.OAuthUrl,
      ToBotFromChannelOpenIdMetadataUrl: channelUrl,
      ToBotFromEmulatorOpenIdMetadataUrl: otherUrl,
      CallerId: CallerIdConstants.PublicAzureChannel,
      ValidateAuthority: true,
    },
    timedCredentialsFactory(teams),
  );
  const enforced = Boolean(teams.appId);
  const sources = { channelIssuer: C.ToBotFromChannelTokenIssuer, channel: channelKeys, other: otherKeys };

  const check = async (activity: Activity, authorization: string | undefined): Promise<AuthOutcome> => {
    if (enforced) {
      const token = await checkBearerToken(authorization, sources);
      if (!token.ok) return token;
    }
    try {
      return { ok: true, result: await auth.authenticateRequest(activity, enforced ? (authorization ?? "") : "") };
    } catch (err) {
      return { ok: false, reason: err instanceof Error ? err.message.split("\n")[0]!.slice(0, 300) : String(err) };
    }
  };

  return {
    botFrameworkAuthentication: auth,
    enforced,
    authenticate: (activity, authorization) => withDeadline(check(activity, authorization), deadlineMs),
    warm: () => {
      if (enforced) channelKeys.warm();
    },
    health: () => (enforced ? channelKeys.health() : { state: "ok" }),
  };
}

async function withDeadline(work: Promise<AuthOutcome>, ms: number): Promise<AuthOutcome> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<AuthOutcome>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, reason: `authentication did not finish within ${ms} ms` }), ms);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}
