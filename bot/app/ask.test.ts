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

  it("answers lines that share a conversation as turns of it, and other lines on their own", () => {
    const input = [
      { q: "What does ICMA say about succession planning?", conversation: "c1" },
      { q: "and the management side?" },
      { q: "and the management side?", conversation: "c1" },
      { q: "and the management side?", conversation: "c2" },
    ]
      .map((l) => JSON.stringify(l))
      .join("\n");
    const out = execFileSync(process.execPath, ["--import", "tsx", "bot/app/ask.ts", "--jsonl"], {
      input,
      env: { ...process.env, EMBEDDER: "none", LOG_LEVEL: "silent", LANCEDB_URI: path.join(mkdtempSync(path.join(tmpdir(), "ask-")), "db") },
    }).toString();
    const [first, alone, followUp, otherConversation] = out.trimEnd().split("\n").map((l) => JSON.parse(l) as { status: string; citations: Array<{ sectionId: string }> });
    expect(first!.status).toBe("answered");
    // Only the turn in c1 has the succession-planning question as context: it answers from practice 13's management side.
    expect(followUp!.status).toBe("answered");
    expect(followUp!.citations.some((c) => c.sectionId.startsWith("practices.13.management"))).toBe(true);
    for (const lonely of [alone!, otherConversation!]) expect(lonely.citations.some((c) => c.sectionId.startsWith("practices.13.management"))).toBe(false);
  }, 120_000);
});
