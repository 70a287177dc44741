// Every way a language model call can fail, reduced to one reason the core can log and
// fall back on. Messages carry no key, no prompt text and no server-supplied wording.
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
  InternalServerError,
  RateLimitError,
} from "openai";

export type GeneratorFailure =
  | "timeout"
  | "rate-limited"
  | "server-error"
  | "network"
  | "malformed"
  | "refused-by-server"
  /** The caller's AbortSignal fired; not a fault of the endpoint. */
  | "aborted";

export class GeneratorError extends Error {
  override readonly name = "GeneratorError";
  readonly reason: GeneratorFailure;
  /** HTTP status of the failed response, when there was one. */
  readonly status?: number;

  constructor(reason: GeneratorFailure, message: string, status?: number) {
    super(message);
    this.reason = reason;
    if (status !== undefined) this.status = status;
  }
}

/** Thrown by our own parsing when the model's reply is not the JSON we asked for. */
export function malformedReply(what: string): GeneratorError {
  return new GeneratorError("malformed", `model reply was malformed: ${what}`);
}

/**
 * Maps whatever a call threw to a GeneratorError. Order matters: the SDK's timeout error is
 * a kind of connection error, and its abort error is a kind of APIError.
 */
export function toGeneratorError(error: unknown): GeneratorError {
  if (error instanceof GeneratorError) return error;
  if (error instanceof APIUserAbortError) return new GeneratorError("aborted", "request was aborted by the caller");
  if (error instanceof APIConnectionTimeoutError) return new GeneratorError("timeout", "request timed out");
  if (error instanceof APIConnectionError) return new GeneratorError("network", "could not reach the endpoint");
  if (error instanceof RateLimitError) return new GeneratorError("rate-limited", "endpoint rate-limited the request (429)", 429);
  if (error instanceof InternalServerError) {
    return new GeneratorError("server-error", `endpoint failed (${error.status})`, error.status);
  }
  if (error instanceof APIError) {
    const status = typeof error.status === "number" ? error.status : undefined;
    if (status !== undefined && status >= 500) return new GeneratorError("server-error", `endpoint failed (${status})`, status);
    if (status !== undefined) return new GeneratorError("refused-by-server", `endpoint refused the request (${status})`, status);
    // An error event inside a stream carries no status.
    return new GeneratorError("server-error", "endpoint reported an error mid-stream");
  }
  if (error instanceof SyntaxError) return malformedReply("not valid JSON");
  if (error instanceof Error && error.name === "AbortError") return new GeneratorError("aborted", "request was aborted by the caller");
  return new GeneratorError("network", "request failed unexpectedly");
}
