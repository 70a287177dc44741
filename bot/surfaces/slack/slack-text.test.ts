import { describe, expect, it } from "vitest";
import { decodeFeedbackValue, encodeFeedbackValue, FEEDBACK_VALUE_MAX } from "./feedback.js";
import { decodeShareValue, encodeShareValue, SharedAnswerStore } from "./shared-answers.js";
import { clipEscaped, escapeAndTruncate, escapeSlackText, questionFromSlackText, safeCutIndex, safePrefix, truncate } from "./slack-text.js";
import { BUTTON_VALUE_MAX, encodeWithQuestion } from "./button-value.js";
import { answeredAnswer } from "../../testing/fake-practice-guide.js";

describe("questionFromSlackText", () => {
  it("strips the bot mention and decodes Slack's entities", () => {
    expect(questionFromSlackText("<@UBOT> how do we handle R&amp;D &lt;budgets&gt;?", "UBOT")).toBe(
      "how do we handle R&D <budgets>?",
    );
  });

  it("turns a mention-only message into an empty question", () => {
    expect(questionFromSlackText("<@UBOT>  ", "UBOT")).toBe("");
    expect(questionFromSlackText(undefined, "UBOT")).toBe("");
  });

  it("unwraps links, channels, other users and broadcasts into plain words", () => {
    expect(
      questionFromSlackText("<@UBOT> ask <@U2|maria> in <#C1|general> about <https://icma.org|ICMA> <!here>", "UBOT"),
    ).toBe("ask @maria in #general about ICMA @here");
  });
});

describe("escapeSlackText", () => {
  it("escapes markup characters and breaks bare broadcasts", () => {
    expect(escapeSlackText("a & b < c > d @channel @Here")).toBe("a &amp; b &lt; c &gt; d @\u200Dchannel @\u200DHere");
  });

  it("truncates without leaving half an entity", () => {
    const cut = escapeAndTruncate("x".repeat(8) + "&&&&", 12);
    expect(cut.length).toBeLessThanOrEqual(12);
    expect(cut).not.toMatch(/&[a-z]*…$/);
  });
});

describe("button values", () => {
  it("fits a very long question into a feedback value and round-trips the rest", () => {
    const payload = {
      verdict: "not_helpful" as const,
      answerId: "abc123",
      question: `"quoted" \\ ${"ü".repeat(5000)}`,
      sectionIds: ["a.1", "b.2"],
    };
    const value = encodeFeedbackValue(payload);
    expect(value.length).toBeLessThanOrEqual(FEEDBACK_VALUE_MAX);
    const decoded = decodeFeedbackValue(value);
    expect(decoded?.answerId).toBe("abc123");
    expect(decoded?.sectionIds).toEqual(["a.1", "b.2"]);
    expect(payload.question.startsWith(decoded?.question ?? "-")).toBe(true);
    expect(decodeFeedbackValue("not json")).toBeUndefined();
  });

  it("round-trips a share value", () => {
    expect(decodeShareValue(encodeShareValue({ key: "k1", question: "q?" }))).toEqual({ key: "k1", question: "q?" });
    expect(decodeShareValue("{}")).toBeUndefined();
  });
});

describe("bounded in-memory stores", () => {
  it("hands a shared answer out once, and forgets it after its TTL", async () => {
    let now = 1_000;
    const store = new SharedAnswerStore({ ttlMs: 100, now: () => now });
    const key = await store.put(answeredAnswer("q"));
    expect((await store.take(key))?.question).toBe("q");
    expect(await store.take(key)).toBeUndefined();
    const later = await store.put(answeredAnswer("q2"));
    now = 1_200;
    expect(await store.take(later)).toBeUndefined();
  });
});

describe("cuts never split a character", () => {
  const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

  it("safeCutIndex backs off from the middle of a surrogate pair and of a grapheme cluster", () => {
    expect(safeCutIndex("ab😀c", 3)).toBe(2); // between the two halves of 😀
    expect(safeCutIndex("ab😀c", 4)).toBe(4);
    expect(safeCutIndex("ab👍🏽c", 4)).toBe(2); // between the thumb and its skin tone
    expect(safeCutIndex("a👨‍👩‍👧b", 5)).toBe(1); // inside the family's joiner sequence
    expect(safeCutIndex("e\u0301clair", 1)).toBe(0); // e + combining acute
    expect(safeCutIndex("abc", 10)).toBe(3);
    // A cluster too long to keep whole (stacked combining marks) is cut inside, still on a code point.
    const zalgo = `a${"\u0301".repeat(100)}`;
    expect(safeCutIndex(zalgo, 50)).toBe(50);
  });

  it("truncate, escapeAndTruncate and clipEscaped keep emoji whole at every length", () => {
    const text = "word 😀😀 & 👍🏽 more 🇺🇸🇺🇸 text 👨‍👩‍👧".repeat(5);
    for (let max = 1; max <= text.length + 2; max += 1) {
      for (const cut of [truncate(text, max), escapeAndTruncate(text, max), clipEscaped(escapeSlackText(text), max)]) {
        expect(cut.length).toBeLessThanOrEqual(max);
        expect(cut).not.toMatch(LONE_SURROGATE);
      }
      for (const escaped of [escapeAndTruncate(text, max), clipEscaped(escapeSlackText(text), max)]) expect(escaped).not.toMatch(/&[a-z]{0,3}…$/);
    }
  });

  it("safePrefix keeps a prefix of whole characters", () => {
    expect(safePrefix("😀😀😀", 5)).toBe("😀😀");
    expect(safePrefix("😀😀😀", 6)).toBe("😀😀😀");
  });
});

describe("button values hold hostile questions", () => {
  const hostile = ['"'.repeat(4000), "\\".repeat(4000), '\\"😀'.repeat(1000), "\u0000\u0001\u001f".repeat(1500), `${"😀".repeat(999)}"`];

  it("a share value stays within 2,000 characters and decodes to a prefix of whole characters", () => {
    for (const question of hostile) {
      const value = encodeShareValue({ key: "0b6f4f34-8d0a-4c1f-9f49-1d5f6c3b2a10", question });
      expect(value.length).toBeLessThanOrEqual(BUTTON_VALUE_MAX);
      const decoded = decodeShareValue(value);
      expect(decoded?.key).toBe("0b6f4f34-8d0a-4c1f-9f49-1d5f6c3b2a10");
      expect(question.startsWith(decoded!.question)).toBe(true);
      expect(decoded!.question).not.toMatch(/[\uD800-\uDBFF]$/);
      // As much as fits: one more character would not.
      expect(decoded!.question.length).toBeGreaterThan(0);
    }
  });

  it("a feedback value does the same", () => {
    for (const question of hostile) {
      const value = encodeFeedbackValue({ verdict: "helpful", answerId: "a1", question, sectionIds: ["x.1"] });
      expect(value.length).toBeLessThanOrEqual(FEEDBACK_VALUE_MAX);
      const decoded = decodeFeedbackValue(value);
      expect(question.startsWith(decoded!.question)).toBe(true);
      expect(decoded!.question).not.toMatch(/[\uD800-\uDBFF]$/);
    }
  });

  it("keeps the longest prefix that fits", () => {
    const question = '"'.repeat(4000);
    const value = encodeWithQuestion((q) => ({ q }), question, 100);
    expect(value.length).toBeLessThanOrEqual(100);
    expect(JSON.stringify({ q: question.slice(0, JSON.parse(value).q.length + 1) }).length).toBeGreaterThan(100);
  });
});
