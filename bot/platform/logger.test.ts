import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "./logger.js";

function capture() {
  const lines: Array<Record<string, any>> = [];
  const sink = new Writable({ write: (chunk, _enc, done) => (lines.push(JSON.parse(String(chunk))), done()) });
  return { logger: createLogger("info", sink), lines };
}

describe("createLogger", () => {
  it("redacts token-shaped strings in an error's message and stack, and keeps the rest", async () => {
    const { logger, lines } = capture();
    const err = new Error("An API error occurred: invalid_auth for xoxb-1234-5678-abcdefghijklmnop");
    logger.error({ err }, "Slack call failed");
    logger.warn({ error: new Error("rejected key sk-abcdefghijklmnopqrstuvwx") }, "generation failed");
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines[0]!.err.message).toBe("An API error occurred: invalid_auth for [redacted]");
    expect(lines[0]!.err.stack).not.toContain("xoxb-");
    expect(lines[0]!.err.type).toBe("Error");
    expect(lines[1]!.error.message).toBe("rejected key [redacted]");
    expect(JSON.stringify(lines)).not.toMatch(/xoxb-|sk-abc/);
  });

  it("still censors known secret keys", async () => {
    const { logger, lines } = capture();
    logger.info({ config: { apiKey: "secret-value" } }, "configured");
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines[0]!.config.apiKey).toBe("[redacted]");
  });
});
