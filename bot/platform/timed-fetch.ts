// Every outbound HTTP call has a deadline. Libraries that take a `fetch` (Slack's Web API
// client and bolt's response_url replies) get this one, which aborts after `timeoutMs`
// unless the caller's own signal fires first. The global fetch is looked up on each call,
// not captured, so test interceptors installed later still see the request.

export type FetchFn = typeof globalThis.fetch;

export class FetchTimeoutError extends Error {
  constructor(
    readonly url: string,
    readonly timeoutMs: number,
  ) {
    super(`no answer from ${url} within ${timeoutMs} ms`);
    this.name = "FetchTimeoutError";
  }
}

/** A fetch that gives up after `timeoutMs` (rejecting with FetchTimeoutError). */
export function timedFetch(timeoutMs: number): FetchFn {
  return async (input, init) => {
    const deadline = AbortSignal.timeout(timeoutMs);
    const signal = init?.signal ? AbortSignal.any([init.signal, deadline]) : deadline;
    try {
      return await globalThis.fetch(input, { ...init, signal });
    } catch (err) {
      if (deadline.aborted && !init?.signal?.aborted) throw new FetchTimeoutError(urlOf(input), timeoutMs);
      throw err;
    }
  };
}

function urlOf(input: Parameters<FetchFn>[0]): string {
  if (typeof input === "string") return input;
  if (input instanceof URL) return input.href;
  return input.url;
}

/**
 * A short, operator-readable reason for a failed request: "connection refused
 * (ECONNREFUSED)", "no answer within 5000 ms", "DNS lookup failed (ENOTFOUND)"... Network
 * errors from fetch ("fetch failed") hide the cause one or two levels down.
 */
export function networkReason(err: unknown): string {
  const seen = new Set<unknown>();
  let current: unknown = err;
  let deepest: Error | undefined;
  while (current instanceof Error && !seen.has(current)) {
    seen.add(current);
    deepest = current;
    if (current instanceof FetchTimeoutError) return `no answer within ${current.timeoutMs} ms`;
    if (current.name === "TimeoutError") return "timed out";
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && (code in CODE_WORDS || /^E[A-Z_]+$/.test(code))) return `${CODE_WORDS[code] ?? "network error"} (${code})`;
    current = (current as { cause?: unknown }).cause ?? (current as { original?: unknown }).original;
  }
  // No code: the innermost message says most ("bad port", "invalid URL"), not "fetch failed".
  return deepest ? deepest.message : String(err);
}

const CODE_WORDS: Record<string, string> = {
  ECONNREFUSED: "connection refused",
  ECONNRESET: "connection reset",
  ENOTFOUND: "DNS lookup failed",
  EAI_AGAIN: "DNS lookup timed out",
  ETIMEDOUT: "connection timed out",
  EHOSTUNREACH: "host unreachable",
  ENETUNREACH: "network unreachable",
  UND_ERR_CONNECT_TIMEOUT: "connection timed out",
  UND_ERR_SOCKET: "connection closed",
  CERT_HAS_EXPIRED: "TLS certificate expired",
};
