import { describe, expect, it } from "vitest";
import { type Answer, type Citation } from "../../core/answer-types.js";
import { decodeFeedbackValue, FEEDBACK_ACTION_ID } from "./feedback.js";
import { answerIdFor, renderPlainText, renderSlackAnswer, SHARE_ACTION_ID, SLACK_LIMITS, splitIntoChunks, type SlackBlock, type SlackMessage } from "./render-slack-answer.js";
import {
  answeredAnswer,
  glossaryAnswer,
  invalidAnswer,
  refusedAnswer,
} from "../../testing/fake-practice-guide.js";
import { EXAMPLE_QUESTIONS, PROJECT_WRITTEN_LABEL } from "../../core/wording.js";

/** Every `text` string Slack will display, anywhere in the message (button values are not displayed). */
function displayedTexts(message: SlackMessage): string[] {
  const out: string[] = [message.text];
  const walk = (node: unknown, key?: string) => {
    if (typeof node === "string") {
      if (key === "text") out.push(node);
      return;
    }
    if (Array.isArray(node)) node.forEach((n) => walk(n, key));
    else if (node && typeof node === "object") {
      for (const [k, v] of Object.entries(node)) walk(v, k === "text" ? "text" : k);
    }
  };
  walk(message.blocks);
  return out;
}

function blocksOfType<T extends SlackBlock["type"]>(message: SlackMessage, type: T): Extract<SlackBlock, { type: T }>[] {
  return message.blocks.filter((b): b is Extract<SlackBlock, { type: T }> => b.type === type);
}

function contextTexts(message: SlackMessage): string[] {
  return blocksOfType(message, "context").flatMap((b) =>
    b.elements.map((e) => ("text" in e && typeof e.text === "string" ? e.text : "")),
  );
}

function expectWithinLimits(message: SlackMessage): void {
  expect(message.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocksPerMessage);
  expect(message.text.length).toBeGreaterThan(0);
  expect(message.text.length).toBeLessThanOrEqual(SLACK_LIMITS.fallbackText);
  for (const s of blocksOfType(message, "section")) {
    expect(s.text?.text.length ?? 0).toBeGreaterThan(0);
    expect(s.text?.text.length ?? 0).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
  }
  for (const c of blocksOfType(message, "context")) {
    expect(c.elements.length).toBeLessThanOrEqual(10);
    for (const t of c.elements.map((e) => ("text" in e && typeof e.text === "string" ? e.text : ""))) {
      expect(t.length).toBeLessThanOrEqual(SLACK_LIMITS.contextText);
    }
  }
}

describe("renderSlackAnswer: answered", () => {
  const answer = answeredAnswer("How do we build trust with residents?");
  const message = renderSlackAnswer(answer);

  it("shows the answer text first, then one numbered context block per citation", () => {
    expect(message.blocks[0]).toMatchObject({ type: "section", text: { type: "mrkdwn", text: answer.text } });
    const citations = contextTexts(message);
    expect(citations).toHaveLength(2);
    expect(citations[0]).toContain("*[1]*");
    expect(citations[0]).toContain("toolkit.recommendations.2");
    expect(citations[0]).toContain("Toolkit recommendation 2: Build Trust-based Relationships");
    expect(citations[0]).toContain("“Build Trust-based Relationships”");
    expect(citations[1]).toContain("*[2]*");
    expect(citations[1]).toContain("toolkit.recommendations.3");
    expect(citations.join("\n")).not.toContain(PROJECT_WRITTEN_LABEL);
    expect(message.text).toBe(answer.text);
    expectWithinLimits(message);
  });

  it("ends with native feedback buttons whose values carry the answer id, question and section ids", () => {
    const last = message.blocks.at(-1);
    expect(last?.type).toBe("context_actions");
    if (last?.type !== "context_actions") throw new Error("unreachable");
    const buttons = last.elements[0];
    expect(buttons?.type).toBe("feedback_buttons");
    if (buttons?.type !== "feedback_buttons") throw new Error("unreachable");
    expect(buttons.action_id).toBe(FEEDBACK_ACTION_ID);
    const positive = decodeFeedbackValue(buttons.positive_button.value);
    const negative = decodeFeedbackValue(buttons.negative_button.value);
    expect(positive).toEqual({
      verdict: "helpful",
      answerId: answerIdFor(answer),
      question: answer.question,
      sectionIds: ["toolkit.recommendations.2", "toolkit.recommendations.3"],
    });
    expect(negative?.verdict).toBe("not_helpful");
    expect(buttons.positive_button.value.length).toBeLessThanOrEqual(2000);
  });

  it("gives the same answer the same id, and a different answer a different one", () => {
    expect(answerIdFor(answer)).toBe(answerIdFor(answeredAnswer(answer.question)));
    expect(answerIdFor(answer)).not.toBe(answerIdFor(glossaryAnswer("define implicit bias")));
  });

  it("labels a project-written glossary definition as such", () => {
    const glossary = renderSlackAnswer(glossaryAnswer("define implicit bias"));
    const [citation] = contextTexts(glossary);
    expect(citation).toContain(PROJECT_WRITTEN_LABEL);
    expect(citation).toContain("glossary.implicit-bias");
    expect(glossary.blocks.at(-1)?.type).toBe("context_actions");
  });

  it("adds the question and a share button only when asked to", () => {
    expect(blocksOfType(message, "actions")).toHaveLength(0);
    const ephemeral = renderSlackAnswer(answer, { showQuestion: true, shareButtonValue: "share-key" });
    expect(contextTexts(ephemeral)[0]).toBe(`*Question:* ${answer.question}`);
    const [actions] = blocksOfType(ephemeral, "actions");
    expect(actions?.elements[0]).toMatchObject({ type: "button", action_id: SHARE_ACTION_ID, value: "share-key" });
  });
});

describe("renderSlackAnswer: refused and invalid", () => {
  it("renders a refusal with the example questions and no feedback or sources", () => {
    const answer = refusedAnswer("What's the weather tomorrow?");
    const message = renderSlackAnswer(answer);
    const sections = blocksOfType(message, "section").map((s) => s.text?.text ?? "");
    expect(sections[0]).toBe(answer.text.replace("&", "&amp;"));
    for (const q of EXAMPLE_QUESTIONS) expect(sections[1]).toContain(q);
    expect(message.blocks.some((b) => b.type === "context_actions")).toBe(false);
    expect(contextTexts(message)).toHaveLength(0);
    expectWithinLimits(message);
  });

  it("renders invalid input as the core's polite text only", () => {
    const answer = invalidAnswer("");
    const message = renderSlackAnswer(answer, { showQuestion: true });
    expect(message.blocks).toEqual([{ type: "section", text: { type: "mrkdwn", text: answer.text }, expand: true }]);
    expect(message.text).toBe(answer.text);
  });

  it("never renders an empty section, even for an empty text", () => {
    const message = renderSlackAnswer({ ...invalidAnswer(""), text: "   " });
    expectWithinLimits(message);
  });
});

describe("renderSlackAnswer: long answers stay within Block Kit limits", () => {
  const citation = (n: number): Citation => ({
    n,
    sectionId: `practices.${n}.leadership.a`,
    title: `Practice ${n}: ${"a very long title ".repeat(30)}`,
    quote: `${"verbatim words from the source & more ".repeat(200)}`,
    kind: "practice",
  });
  const long: Answer = {
    ...answeredAnswer("Tell me everything"),
    text: Array.from({ length: 60 }, (_, i) => `Paragraph ${i} ${"lorem & ipsum <dolor> ".repeat(40)}[${i + 1}]`).join("\n\n"),
    citations: Array.from({ length: 80 }, (_, i) => citation(i + 1)),
  };
  const message = renderSlackAnswer(long);

  it("keeps block count, section text, context text and fallback text within limits", () => {
    expectWithinLimits(message);
    expect(message.blocks.length).toBe(SLACK_LIMITS.blocksPerMessage);
  });

  it("keeps the feedback buttons and says how many sources did not fit", () => {
    expect(message.blocks.at(-1)?.type).toBe("context_actions");
    const texts = contextTexts(message);
    const overflow = texts.at(-1) ?? "";
    const shown = texts.filter((t) => t.startsWith("*[")).length;
    expect(overflow).toContain(`and ${80 - shown} more sources`);
    expect(overflow).toContain("practices.80.leadership.a");
  });

  it("shortens very long quotes and titles but keeps their beginning verbatim", () => {
    const first = contextTexts(message)[0] ?? "";
    expect(first).toContain("“verbatim words from the source &amp; more");
    expect(first).toMatch(/…”$/);
  });

  it("splits text at boundaries without breaking escaped entities", () => {
    const text = "&amp;".repeat(1000);
    const chunks = splitIntoChunks(text, 3000);
    expect(chunks.every((c) => c.length <= 3000)).toBe(true);
    expect(chunks.every((c) => /^(&amp;)+$/.test(c))).toBe(true);
    expect(chunks.join("")).toBe(text);
  });
});

describe("renderSlackAnswer: hostile text", () => {
  const hostile = "<!channel> @here hey <@U123ABC> & <script>alert(1)</script> @channel @everyone <!everyone> <https://evil.example|click>";
  const answer: Answer = {
    ...answeredAnswer(hostile),
    text: `You asked: ${hostile} [1]`,
    citations: [
      {
        n: 1,
        sectionId: "practices.1.leadership.a",
        title: `Title ${hostile}`,
        quote: `Quote ${hostile}`,
        kind: "practice",
      },
    ],
  };
  const message = renderSlackAnswer(answer, { showQuestion: true, shareButtonValue: "k" });
  const texts = displayedTexts(message);

  it("escapes &, < and > everywhere", () => {
    for (const t of texts) {
      expect(t).not.toMatch(/<(?!@U123ABC>)/); // no raw markup at all
      expect(t).not.toContain("<script>");
      expect(t).not.toMatch(/&(?!amp;|lt;|gt;)/);
    }
    expect(texts.join("\n")).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(texts.join("\n")).toContain(" &amp; ");
  });

  it("never forms a broadcast or a user mention", () => {
    for (const t of texts) {
      expect(t).not.toContain("<!");
      expect(t).not.toContain("<@");
      expect(t).not.toMatch(/@(channel|here|everyone)\b/i);
    }
    // Still readable to a person.
    expect(texts.join("\n")).toContain("@\u200Dhere");
  });

  it("only mentions the sharer, and only with a real Slack user id", () => {
    const shared = renderSlackAnswer(answer, { sharedByUserId: "U0SHARER" });
    expect(contextTexts(shared)[0]).toBe("Shared by <@U0SHARER>");
    const forged = renderSlackAnswer(answer, { sharedByUserId: "U1> <!channel" });
    expect(displayedTexts(forged).join("\n")).not.toContain("<!");
  });
});

/** A lone half of a surrogate pair: what Slack shows as "�". */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe("renderSlackAnswer: emoji at every cut", () => {
  // Emoji (two UTF-16 code units each) wall to wall, so every limit falls inside one somewhere.
  const emoji = "😀👍🏽👨‍👩‍👧🇺🇸";
  const answer: Answer = {
    ...answeredAnswer(emoji.repeat(800)),
    text: emoji.repeat(2000),
    citations: [
      { n: 1, sectionId: `practices.1.${emoji.repeat(40)}`, title: emoji.repeat(150), quote: emoji.repeat(600), kind: "practice" },
    ],
  };

  for (const offset of [0, 1, 2, 3]) {
    it(`never leaves half an emoji in any displayed text (text shifted by ${offset})`, () => {
      const shifted: Answer = { ...answer, text: `${"x".repeat(offset)}${answer.text}`, question: `${"q".repeat(offset)}${answer.question}` };
      const message = renderSlackAnswer(shifted, { showQuestion: true });
      expectWithinLimits(message);
      for (const text of displayedTexts(message)) expect(text).not.toMatch(LONE_SURROGATE);
    });
  }

  it("splits emoji-only text (no spaces to break at) into chunks of whole characters", () => {
    for (const max of [7, 100, 2999, 3000]) {
      const chunks = splitIntoChunks("😀".repeat(5000), max);
      expect(chunks.every((c) => c.length <= max)).toBe(true);
      for (const chunk of chunks) expect(chunk).not.toMatch(LONE_SURROGATE);
      expect(chunks.join("")).toBe("😀".repeat(5000));
    }
  });
});

describe("renderPlainText and notices: our own wording is escaped too", () => {
  it("escapes a bare & (Slack reads a message's text as mrkdwn)", () => {
    expect(renderPlainText("Equity & Inclusion <Toolkit>")).toEqual({ text: "Equity &amp; Inclusion &lt;Toolkit&gt;" });
  });

  it("puts a notice above the answer, escaped", () => {
    const message = renderSlackAnswer(answeredAnswer("q"), { notice: "Couldn't post & retry" });
    expect(message.blocks[0]).toEqual({ type: "section", text: { type: "mrkdwn", text: "Couldn't post &amp; retry" }, expand: true });
    expect(message.blocks.slice(1)).toEqual(renderSlackAnswer(answeredAnswer("q")).blocks);
  });
});
