import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "../../platform/logger.js";
import { boltLoggerFrom } from "./bolt-logger.js";

function capture(level: string) {
  const lines: Array<Record<string, any>> = [];
  const sink = new Writable({ write: (chunk, _enc, done) => (lines.push(JSON.parse(String(chunk))), done()) });
  return { bolt: boltLoggerFrom(createLogger(level, sink)), lines };
}

describe("boltLoggerFrom", () => {
  it("builds no line for a level that is off: bolt's per-request debug payloads are never serialised", async () => {
    let serialised = 0;
    const payload = { toJSON: () => ((serialised += 1), { text: "a question" }) };
    const { bolt, lines } = capture("info");
    bolt.debug("incoming request", payload);
    await new Promise((resolve) => setImmediate(resolve));
    expect(serialised).toBe(0);
    expect(lines).toEqual([]);
  });

  it("writes an enabled level as one structured line, with token-shaped text scrubbed", async () => {
    const { bolt, lines } = capture("debug");
    bolt.debug("calling chat.postMessage with", { token: "xoxb-1234-5678-abcdefghijklmnop" });
    bolt.warn("slow listener");
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines.map((l) => [l.level, l.component])).toEqual([
      [20, "slack-bolt"],
      [40, "slack-bolt"],
    ]);
    expect(lines[0]!.msg).toContain("calling chat.postMessage with");
    expect(JSON.stringify(lines)).not.toContain("xoxb-");
  });
});
