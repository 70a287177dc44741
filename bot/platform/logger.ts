import { pino, stdSerializers, type Logger } from "pino";
import { redactSecrets } from "./redact-secrets.js";

export type { Logger };

// Defence in depth: no code path should log a secret, but if a config object or a
// request header slips into a log call these paths are censored.
const REDACT_PATHS = [
  "*.apiKey",
  "*.token",
  "*.botToken",
  "*.appToken",
  "*.signingSecret",
  "*.appPassword",
  "*.authorization",
  "*.headers.authorization",
  "*.headers['x-slack-signature']",
  "apiKey",
  "token",
  "authorization",
];

/**
 * An error's message and stack can carry what a library was given (a token in a URL, a
 * question typed with a token in it): they pass through redactSecrets like user text does.
 */
function redactedError(err: unknown): unknown {
  const serialized = stdSerializers.err(err as Error) as unknown as Record<string, unknown> | undefined;
  if (!serialized || typeof serialized !== "object") return serialized;
  for (const key of ["message", "stack"]) if (typeof serialized[key] === "string") serialized[key] = redactSecrets(serialized[key] as string);
  return serialized;
}

/** Structured logs go to stderr so stdout stays clean for `--json` / `--jsonl` output. */
export function createLogger(level: string, destination: NodeJS.WritableStream = process.stderr): Logger {
  return pino(
    {
      level,
      base: { app: "practice-guide" },
      redact: { paths: REDACT_PATHS, censor: "[redacted]" },
      serializers: { err: redactedError, error: redactedError },
    },
    destination as pino.DestinationStream,
  );
}
