import { describe, expect, it } from "vitest";
import { checkQuestion } from "./question-input.js";

describe("checkQuestion", () => {
  it("accepts a question, collapsing whitespace", () => {
    expect(checkQuestion("  what is   equity? ", 2000)).toEqual({ ok: true, question: "what is equity?" });
  });

  it.each(["", "   ", "\n\t"])(
    "politely rejects an empty message (%j)",
    (raw) => {
      const result = checkQuestion(raw, 2000);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.reply).toMatch(/didn't catch a question/);
    },
  );

  it("politely rejects an oversized question, saying the limit", () => {
    const result = checkQuestion("why ".repeat(600), 2000);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reply).toMatch(/up to 2,000/);
  });
});
