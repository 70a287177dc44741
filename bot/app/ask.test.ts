// The `ask --jsonl` contract: one {"q"} per line in, one Answer JSON per line out, in order.
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

describe("npm run -s ask -- --jsonl", () => {
  it("answers each input line with one Answer line, in order, keeping bad lines in place", () => {
    const input = ['{"q": "define implicit bias"}', "not json", '{"q": ""}', '{"q": "How much do ICMA members pay for the cybersecurity program?"}', ""].join("\n");
    const out = execFileSync(process.execPath, ["--import", "tsx", "bot/app/ask.ts", "--jsonl"], {
      input,
      // Full-text only keeps this test fast; the answer path is the same.
      env: { ...process.env, EMBEDDER: "none", LOG_LEVEL: "silent", LANCEDB_URI: path.join(mkdtempSync(path.join(tmpdir(), "ask-")), "db") },
    }).toString();
    const lines = out.trimEnd().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatchObject({ question: "define implicit bias", status: "answered", mode: "extractive" });
    expect(lines[1]).toEqual({ error: expect.stringMatching(/^line 2: /) });
    expect(lines[2]).toMatchObject({ status: "invalid", citations: [] });
    expect(lines[3]).toMatchObject({ status: "answered" });
    expect(Object.keys(lines[0]!).sort()).toEqual(["citations", "mode", "question", "retrieved", "status", "text", "timingsMs"]);
  }, 120_000);
});
