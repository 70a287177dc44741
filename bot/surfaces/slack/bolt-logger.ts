// Routes bolt's and the Web API client's own log lines into our pino logger, so every
// line is structured JSON and goes through the same secret redaction.
import { LogLevel, type Logger as BoltLogger } from "@slack/bolt";
import type { Logger } from "../../platform/logger.js";
import { redactSecrets } from "../../platform/redact-secrets.js";

export function boltLoggerFrom(logger: Logger): BoltLogger {
  let child = logger.child({ component: "slack-bolt" });
  let level: LogLevel = toBoltLevel(logger.level);
  const write = (method: "debug" | "info" | "warn" | "error", msg: unknown[]) => {
    // bolt and the Web API client log debug lines (payloads included) for every request and
    // call: a disabled level costs nothing, not a JSON.stringify and a scrub of each payload.
    if (!child.isLevelEnabled(method)) return;
    const errors = msg.filter((m): m is Error => m instanceof Error);
    const text = msg
      .filter((m) => !(m instanceof Error))
      .map((m) => (typeof m === "string" ? m : safeJson(m)))
      .join(" ");
    // Tokens (and anything token-shaped a payload carried) scrubbed from free text, which
    // pino's path redaction cannot see.
    const safe = redactSecrets(text);
    if (errors[0]) child[method]({ err: errors[0] }, safe || redactSecrets(errors[0].message));
    else child[method](safe);
  };
  return {
    debug: (...msg: unknown[]) => write("debug", msg),
    info: (...msg: unknown[]) => write("info", msg),
    warn: (...msg: unknown[]) => write("warn", msg),
    error: (...msg: unknown[]) => write("error", msg),
    // Levels are owned by our LOG_LEVEL; bolt setting its own would fight it.
    setLevel: (l: LogLevel) => {
      level = l;
    },
    getLevel: () => level,
    setName: (name: string) => {
      child = logger.child({ component: name });
    },
  };
}

function toBoltLevel(level: string): LogLevel {
  switch (level) {
    case "trace":
    case "debug":
      return LogLevel.DEBUG;
    case "info":
      return LogLevel.INFO;
    case "warn":
      return LogLevel.WARN;
    default:
      return LogLevel.ERROR;
  }
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
