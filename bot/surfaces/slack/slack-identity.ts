// Who the bot is on Slack (auth.test: its user id, bot id, team), learned in the background
// after the server is already listening. bolt would call auth.test before start-up and retry
// it for about 30 minutes when the Web API is unreachable, so /healthz and Teams were down
// with it; here start-up never waits on Slack.
//
// Retry policy: a few quick attempts with doubling back-off (1, 2, 4, 8, 16 s: about 30 s in
// all) while the surface is `starting`; after that it is `degraded` and keeps trying once a
// minute. Why keep trying: every cause seen in practice (a Web API outage, a proxy or
// firewall being fixed, DNS, a GovSlack URL corrected upstream) heals without a restart, and
// one small request a minute costs nothing. A token Slack rejects outright (invalid_auth,
// token_revoked, ...) will not heal by waiting, so it goes to `degraded` at once with an
// error line, and is retried at the slow pace only in case the app is reinstalled.
import { webApi } from "@slack/bolt";
import type { Logger } from "../../platform/logger.js";
import type { SurfaceState } from "../../platform/http-mount.js";
import { networkReason, type FetchFn } from "../../platform/timed-fetch.js";
import { redactSecrets } from "../../platform/redact-secrets.js";

export interface SlackBotIdentity {
  botUserId: string;
  botId?: string;
  teamId?: string;
}

export interface SlackIdentityOptions {
  botToken: string;
  apiUrl: string;
  fetch: FetchFn;
  logger: Logger;
  /** Waits between the quick attempts while starting; default 1, 2, 4, 8, 16 s. */
  quickRetryDelaysMs?: number[];
  /** Wait between attempts once degraded; default 60 s. */
  slowRetryMs?: number;
}

/** Platform errors that mean the token itself is refused: waiting will not fix them. */
const TOKEN_REFUSED = new Set(["invalid_auth", "not_authed", "account_inactive", "token_revoked", "token_expired", "no_permission", "missing_scope"]);

export class SlackIdentity {
  private readonly client: webApi.WebClient;
  private readonly logger: Logger;
  private readonly apiUrl: string;
  private readonly botToken: string;
  private readonly quickDelays: number[];
  private readonly slowRetryMs: number;
  private identity: SlackBotIdentity | undefined;
  private status: Exclude<SurfaceState, "off"> = "starting";
  private lastProblem: string | undefined;
  private attempts = 0;
  private timer: NodeJS.Timeout | undefined;
  private attempt: Promise<SlackBotIdentity | undefined> | undefined;
  private stopped = false;
  private readonly waiters = new Set<() => void>();

  constructor(options: SlackIdentityOptions) {
    this.logger = options.logger;
    this.apiUrl = options.apiUrl;
    this.botToken = options.botToken;
    this.quickDelays = options.quickRetryDelaysMs ?? [1_000, 2_000, 4_000, 8_000, 16_000];
    this.slowRetryMs = options.slowRetryMs ?? 60_000;
    // Its own client: no retries of its own (the schedule here is the retry policy) and its
    // library log lines kept at debug, so each attempt is one clear line, not several.
    this.client = new webApi.WebClient(undefined, {
      slackApiUrl: options.apiUrl,
      fetch: options.fetch,
      retryConfig: { retries: 0 },
      logger: quietLogger(options.logger),
    });
  }

  get state(): Exclude<SurfaceState, "off"> {
    return this.status;
  }

  /** Why it is not ok yet (the last attempt's reason), for /healthz. */
  get problem(): string | undefined {
    return this.status === "ok" ? undefined : this.lastProblem;
  }

  get current(): SlackBotIdentity | undefined {
    return this.identity;
  }

  /** Starts the attempts in the background; returns at once. */
  start(): void {
    this.stopped = false;
    if (!this.identity && !this.attempt && !this.timer) void this.tryNow();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    for (const wake of this.waiters) wake();
  }

  /** The identity, waiting at most `timeoutMs` for an attempt under way; undefined if none came. */
  async waitFor(timeoutMs: number): Promise<SlackBotIdentity | undefined> {
    if (this.identity || this.stopped) return this.identity;
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      timer.unref();
      this.waiters.add(done);
    });
    return this.identity;
  }

  private tryNow(): Promise<SlackBotIdentity | undefined> {
    this.attempt ??= this.callAuthTest().finally(() => {
      this.attempt = undefined;
    });
    return this.attempt;
  }

  private async callAuthTest(): Promise<SlackBotIdentity | undefined> {
    this.attempts += 1;
    const attempt = this.attempts;
    try {
      const result = await this.client.auth.test({ token: this.botToken });
      if (!result.user_id) throw new Error("auth.test answered without a user_id");
      this.identity = { botUserId: result.user_id, botId: result.bot_id, teamId: result.team_id };
      this.status = "ok";
      this.lastProblem = undefined;
      this.logger.info(
        { event: "slack_api_ready", url: this.apiUrl, attempt, botUserId: result.user_id, teamId: result.team_id },
        `Slack Web API at ${this.apiUrl} answered auth.test (attempt ${attempt}); the Slack surface is ok`,
      );
      for (const wake of this.waiters) wake();
      return this.identity;
    } catch (err) {
      if (this.stopped) return undefined;
      const platformError = (err as { code?: string; data?: { error?: string } }).code === webApi.ErrorCode.PlatformError ? (err as { data?: { error?: string } }).data?.error : undefined;
      const reason = reasonFor(err);
      this.lastProblem = reason;
      const refused = platformError !== undefined && TOKEN_REFUSED.has(platformError);
      const quickLeft = !refused && attempt <= this.quickDelays.length;
      const nextMs = quickLeft ? this.quickDelays[attempt - 1]! : this.slowRetryMs;
      if (refused) {
        this.logger.error(
          { event: "slack_token_refused", url: this.apiUrl, attempt, reason, nextRetryMs: nextMs },
          `Slack refused SLACK_BOT_TOKEN (${reason}); the Slack surface is degraded until the token is fixed`,
        );
      } else {
        this.logger.warn(
          { event: "slack_api_waiting", url: this.apiUrl, attempt, reason, nextRetryMs: nextMs },
          `waiting for the Slack Web API at ${this.apiUrl} (attempt ${attempt}): ${reason}`,
        );
      }
      if (!quickLeft && this.status === "starting") {
        this.status = "degraded";
        if (!refused)
          this.logger.error(
            { event: "slack_degraded", url: this.apiUrl, attempts: attempt, reason, retryEveryMs: this.slowRetryMs },
            `the Slack Web API at ${this.apiUrl} did not answer in ${attempt} attempts; the Slack surface is degraded and retries every ${Math.round(this.slowRetryMs / 1000)} s`,
          );
      }
      this.timer = setTimeout(() => {
        this.timer = undefined;
        if (!this.stopped) void this.tryNow();
      }, nextMs);
      this.timer.unref();
      return undefined;
    }
  }
}

function reasonFor(err: unknown): string {
  const e = err as { code?: string; data?: { error?: string }; statusCode?: number };
  if (e.code === webApi.ErrorCode.PlatformError) return `Slack answered ${e.data?.error ?? "an error"}`;
  if (e.code === webApi.ErrorCode.HTTPError) return `HTTP ${e.statusCode}`;
  if (e.code === webApi.ErrorCode.RateLimitedError) return "rate limited";
  return networkReason(err);
}

/** The Web API client's own lines, at debug only (the lines above say what happened). */
function quietLogger(logger: Logger): webApi.Logger {
  const child = logger.child({ component: "slack-web-api" });
  const text = (msg: unknown[]) => redactSecrets(msg.map((m) => (typeof m === "string" ? m : m instanceof Error ? m.message : JSON.stringify(m))).join(" "));
  const debug = (...msg: unknown[]) => {
    if (child.isLevelEnabled("debug")) child.debug(text(msg));
  };
  let level = webApi.LogLevel.DEBUG;
  return {
    debug,
    info: debug,
    warn: debug,
    error: debug,
    setLevel: (l: webApi.LogLevel) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => {},
  };
}
