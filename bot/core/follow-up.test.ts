import { describe, expect, it } from "vitest";
import type { Answer } from "./answer-types.js";
import { followUpPracticeSide, makeStandaloneByRule } from "./follow-up.js";

const history = [{ question: "How do I make sure people who are usually left out get a voice?" }];

describe("makeStandaloneByRule", () => {
  it("joins a follow-up that leans on the previous turn to the previous question", () => {
    expect(makeStandaloneByRule("and what about the management side?", history)).toBe(
      "How do I make sure people who are usually left out get a voice? and what about the management side?",
    );
  });

  it("leaves a full new question alone", () => {
    const q = "What does the toolkit recommend about hiring practices in local government?";
    expect(makeStandaloneByRule(q, history)).toBe(q);
  });

  it("leaves the question alone without history", () => {
    expect(makeStandaloneByRule("and the management side?", [])).toBe("and the management side?");
  });
});

describe("followUpPracticeSide", () => {
  const answer = {
    citations: [{ n: 1, sectionId: "practices.3.leadership.a", title: "", quote: "", kind: "dimension" }],
  } as unknown as Answer;
  const turns = [{ question: "How do I make sure people who are usually left out get a voice?", answer }];

  it("asks for the other side of the practice the previous answer came from", () => {
    expect(followUpPracticeSide("and what about the management side?", turns)).toEqual({ practiceId: "practices.3", side: "management" });
  });

  it("needs a side, a previous practice answer, and a short follow-up", () => {
    expect(followUpPracticeSide("and what about budgets?", turns)).toBeUndefined();
    expect(followUpPracticeSide("and the management side?", [])).toBeUndefined();
    const glossaryTurn = [{ question: "define equity", answer: { citations: [{ sectionId: "glossary.equity" }] } as unknown as Answer }];
    expect(followUpPracticeSide("and the management side?", glossaryTurn)).toBeUndefined();
  });
});
