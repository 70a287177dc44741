import { describe, expect, it } from "vitest";
import { checkQuestion } from "./question-input.js";

describe("checkQuestion", () => {
  it("accepts a question, collapsing whitespace", () => {
    expect(checkQuestion("  what is   equity? ", 2000)).toEqual({ ok: true, question: "what is equity?" });
  });

  it.each(["", "   ", "\n\t", "<@U123ABC>", "<at>Practice Guide</at>", "<!here> <@U1|bob>"])(
    "politely rejects an empty or mention-only message (%j)",
    (raw) => {
      const result = checkQuestion(raw, 2000);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.reply).toMatch(/didn't catch a question/);
    },
  );

  it("strips a mention before the question", () => {
    expect(checkQuestion("<@U123> how do we build trust?", 2000)).toEqual({ ok: true, question: "how do we build trust?" });
  });

  it("politely rejects an oversized question, saying the limit", () => {
    const result = checkQuestion("why ".repeat(600), 2000);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reply).toMatch(/up to 2,000/);
  });
});
