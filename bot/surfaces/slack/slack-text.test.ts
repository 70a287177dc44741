import { describe, expect, it } from "vitest";
import { decodeFeedbackValue, encodeFeedbackValue, FEEDBACK_VALUE_MAX } from "./feedback.js";
import { decodeShareValue, encodeShareValue, SharedAnswerStore } from "./shared-answers.js";
import { escapeAndTruncate, escapeSlackText, questionFromSlackText } from "./slack-text.js";
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
  it("hands a shared answer out once, and forgets it after its TTL", () => {
    let now = 1_000;
    const store = new SharedAnswerStore({ ttlMs: 100, now: () => now });
    const key = store.put(answeredAnswer("q"));
    expect(store.take(key)?.question).toBe("q");
    expect(store.take(key)).toBeUndefined();
    const later = store.put(answeredAnswer("q2"));
    now = 1_200;
    expect(store.take(later)).toBeUndefined();
  });
});
