// Replies reach Teams through the Bot Connector, which answers 429 when a bot sends too fast
// and 412 (or 502/503/504) when it cannot take a message just now; Teams' rate-limit guidance
// is to back off and retry. The connector client's own pipeline (Azure core's default retry
// step) retried a 429 only when it carried Retry-After, and then waited however long that
// said, and never retried a 412: the answer was dropped and the log had no status. This
// replaces that retry step on each connector client with a bounded one: a few attempts,
// exponential back-off with jitter, Retry-After honoured up to a cap, a deadline on each
// attempt (TEAMS_HTTP_TIMEOUT_MS), and one warning line per retry. Anything that may already
// have been delivered (a timeout, a dropped connection, a 500) is not retried, so a reply is
// never posted twice.
import type { Logger } from "../../platform/logger.js";

/** The statuses Teams asks bots to retry (412, 429, 502, 504), and 503 which says the same. */
export const RETRIED_STATUSES: ReadonlySet<number> = new Set([412, 429, 502, 503, 504]);
/** Connection failures before anything was sent, so a retry cannot post twice. */
const RETRIED_NETWORK_CODES: ReadonlySet<string> = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN"]);

export interface ConnectorRetryOptions {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  /** Back-off before the first retry without Retry-After; doubled each retry, with jitter. */
  baseDelayMs: number;
  /** Longest back-off without Retry-After. */
  maxDelayMs: number;
  /** Longest wait for a Retry-After; a longer one is waited this long. */
  retryAfterCapMs: number;
  /** Deadline for each attempt. */
  timeoutMs: number;
  /** Jitter source in [0, 1); tests make it fixed. */
  random?: () => number;
}

export const DEFAULT_CONNECTOR_RETRY: Omit<ConnectorRetryOptions, "timeoutMs"> = {
  maxAttempts: 4,
  baseDelayMs: 500,
  maxDelayMs: 4_000,
  retryAfterCapMs: 5_000,
};

/** The slice of Azure core's pipeline request and response this policy reads and writes. */
interface RequestLike {
  url: string;
  method: string;
  abortSignal?: AbortSignal;
}
interface ResponseLike {
  status: number;
  headers: { get(name: string): string | undefined };
}
export interface PipelinePolicyLike {
  name: string;
  sendRequest(request: RequestLike, next: (request: RequestLike) => Promise<ResponseLike>): Promise<ResponseLike>;
}
interface PipelineLike {
  removePolicy(options: { name?: string }): unknown[];
  addPolicy(policy: PipelinePolicyLike, options?: { phase?: "Retry" }): void;
}

export const CONNECTOR_RETRY_POLICY_NAME = "practiceGuideConnectorRetry";
/** Azure core's default retry step (core-rest-pipeline's defaultRetryPolicyName). */
const AZURE_DEFAULT_RETRY_POLICY = "defaultRetryPolicy";

/** Milliseconds a response asks to wait (Retry-After in seconds or as a date, or the -ms headers), if it says. */
export function retryAfterMs(headers: ResponseLike["headers"], now = Date.now()): number | undefined {
  for (const name of ["retry-after-ms", "x-ms-retry-after-ms"]) {
    const ms = Number(headers.get(name));
    if (headers.get(name) && Number.isFinite(ms) && ms >= 0) return ms;
  }
  const value = headers.get("retry-after")?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isFinite(date) ? Math.max(0, date - now) : undefined;
}

/** The wait before retry number `retry` (1 for the first): Retry-After up to the cap, else capped exponential back-off with jitter. */
export function retryDelayMs(retry: number, asked: number | undefined, options: Omit<ConnectorRetryOptions, "timeoutMs">): number {
  if (asked !== undefined) return Math.min(asked, options.retryAfterCapMs);
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (retry - 1));
  // "Equal jitter": at least half the ceiling, so retries spread out but never hammer.
  return Math.round(ceiling / 2 + (ceiling / 2) * (options.random ?? Math.random)());
}

export function connectorRetryPolicy(options: ConnectorRetryOptions, logger: Logger): PipelinePolicyLike {
  return {
    name: CONNECTOR_RETRY_POLICY_NAME,
    async sendRequest(request, next) {
      for (let attempt = 1; ; attempt++) {
        let response: ResponseLike;
        try {
          response = await withDeadline(request, next, options.timeoutMs);
        } catch (err) {
          const code = (err as { code?: unknown }).code;
          if (attempt >= options.maxAttempts || typeof code !== "string" || !RETRIED_NETWORK_CODES.has(code)) throw err;
          const delayMs = retryDelayMs(attempt, undefined, options);
          logger.warn({ event: "teams_connector_retry", code, attempt, delayMs, path: pathOf(request.url) }, `retrying a Bot Connector call after ${code}`);
          await sleep(delayMs);
          continue;
        }
        if (!RETRIED_STATUSES.has(response.status) || attempt >= options.maxAttempts) return response;
        const asked = retryAfterMs(response.headers);
        const delayMs = retryDelayMs(attempt, asked, options);
        logger.warn(
          { event: "teams_connector_retry", status: response.status, attempt, delayMs, ...(asked !== undefined ? { retryAfterMs: asked } : {}), path: pathOf(request.url) },
          `retrying a Bot Connector call after HTTP ${response.status}`,
        );
        await sleep(delayMs);
      }
    },
  };
}

/**
 * Puts the bounded retry step on a connector client in place of Azure core's. Throws if the
 * client does not have the pipeline this expects, so an SDK change fails loudly.
 */
export function useConnectorRetry(connectorClient: unknown, options: ConnectorRetryOptions, logger: Logger): void {
  const pipeline = (connectorClient as { client?: { pipeline?: Partial<PipelineLike> } }).client?.pipeline;
  if (typeof pipeline?.removePolicy !== "function" || typeof pipeline.addPolicy !== "function") {
    throw new Error("the Bot Framework connector client has no Azure core pipeline; check connector-retry.ts");
  }
  pipeline.removePolicy({ name: AZURE_DEFAULT_RETRY_POLICY });
  pipeline.removePolicy({ name: CONNECTOR_RETRY_POLICY_NAME });
  pipeline.addPolicy(connectorRetryPolicy(options, logger), { phase: "Retry" });
}

/** A connector factory (what an authenticated request carries) whose clients retry this way. */
export function withConnectorRetry<F extends { create(serviceUrl: string, audience?: string): Promise<unknown> }>(
  factory: F,
  options: ConnectorRetryOptions,
  logger: Logger,
): F {
  const create = async (serviceUrl: string, audience?: string) => {
    const client = await factory.create(serviceUrl, audience);
    useConnectorRetry(client, options, logger);
    return client;
  };
  // The factory's other members (botbuilder reads none today) stay reachable through the prototype.
  return Object.assign(Object.create(factory) as F, { create });
}

/** The status a failed connector call ended with (Azure core's RestError carries it), if any. */
export function connectorStatusOf(err: unknown): number | undefined {
  const status = (err as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === "number" ? status : undefined;
}

export class ConnectorTimeoutError extends Error {
  readonly code = "CONNECTOR_TIMEOUT";
}

/** One attempt, given up after `timeoutMs` (headers and body): the caller's own abort still applies. */
async function withDeadline(request: RequestLike, next: (request: RequestLike) => Promise<ResponseLike>, timeoutMs: number): Promise<ResponseLike> {
  const outer = request.abortSignal;
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), timeoutMs);
  request.abortSignal = outer ? AbortSignal.any([outer, deadline.signal]) : deadline.signal;
  try {
    return await next(request);
  } catch (err) {
    if (deadline.signal.aborted && !outer?.aborted) throw new ConnectorTimeoutError(`the Bot Connector did not answer within ${timeoutMs} ms`);
    throw err;
  } finally {
    clearTimeout(timer);
    request.abortSignal = outer;
  }
}

/** The URL's path without the query, for logs (conversation ids are not secrets; tokens never appear in it). */
function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return "";
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
