import { pino, type Logger } from "pino";

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

/** Structured logs go to stderr so stdout stays clean for `--json` / `--jsonl` output. */
export function createLogger(level: string, destination: NodeJS.WritableStream = process.stderr): Logger {
  return pino(
    { level, base: { app: "practice-guide" }, redact: { paths: REDACT_PATHS, censor: "[redacted]" } },
    destination as pino.DestinationStream,
  );
}
