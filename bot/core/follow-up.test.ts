import { describe, expect, it } from "vitest";
import type { Answer } from "./answer-types.js";
import { followUpPracticeSide, glossaryFollowUpTerm, pointedAtListItem, leansOnPrevious, makeStandaloneByRule, moreFromPrevious, pointedAtCitation, previousPractice } from "./follow-up.js";

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

  it("leaves a follow-up that names its own numbered subject alone", () => {
    const practiceNine = [{ question: "What's Practice 9 about?" }];
    expect(makeStandaloneByRule("What about Practice 10?", practiceNine)).toBe("What about Practice 10?");
    expect(makeStandaloneByRule("and recommendation 4?", practiceNine)).toBe("and recommendation 4?");
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

describe("follow-ups that point back at the previous answer", () => {
  const answer = {
    citations: [
      { n: 1, sectionId: "practices.13.leadership.a", quote: "A" },
      { n: 2, sectionId: "practices.13.leadership.b", quote: "B" },
      { n: 3, sectionId: "toolkit.recommendations.6", quote: "R6" },
    ],
    retrieved: [{ sectionId: "practices.13.leadership.a" }, { sectionId: "practices.13.leadership.f" }, { sectionId: "practices.13.leadership.b" }, { sectionId: "toolkit.recommendations.6" }],
  } as unknown as Answer;
  const turns = [{ question: "What does practice 13 say about leaders?", answer }];

  it("maps an ordinal to that item of the previous answer, but not a numbered practice", () => {
    expect(pointedAtCitation("tell me more about the second one", turns)).toBe("practices.13.leadership.b");
    expect(pointedAtCitation("the last one?", turns)).toBe("toolkit.recommendations.6");
    expect(pointedAtCitation("what about #1", turns)).toBe("practices.13.leadership.a");
    expect(pointedAtCitation("what does the third practice say?", turns)).toBeUndefined();
    expect(pointedAtCitation("the fifth one", turns)).toBeUndefined();
    expect(pointedAtCitation("the second one", [])).toBeUndefined();
  });

  it("counts the items of a listed answer, not its citations", () => {
    const practice = {
      text: "Practice 5, Personal Resiliency: ... [1]\n- Leadership A: Modeling healthy work habits [2]\n- Leadership B: Modeling a healthy lifestyle [3]\n- Leadership C: Encouraging growth [4]",
      citations: ["practices.5", "practices.5.leadership.a", "practices.5.leadership.b", "practices.5.leadership.c"].map((sectionId, i) => ({ n: i + 1, sectionId })),
      retrieved: [],
    } as unknown as Answer;
    const listed = [{ question: "What are the leadership dimensions of Practice 5?", answer: practice }];
    expect(pointedAtCitation("the third one?", listed)).toBe("practices.5.leadership.c");
    expect(pointedAtCitation("and the last one", listed)).toBe("practices.5.leadership.c");
  });

  it("answers 'tell me more' from what the previous answer did not show: its cited sections again, then the ones it did not cite", () => {
    const more = { sections: ["practices.13.leadership.a", "practices.13.leadership.b", "toolkit.recommendations.6", "practices.13.leadership.f"], shown: ["A", "B", "R6"] };
    expect(moreFromPrevious("tell me more", turns)).toEqual(more);
    expect(moreFromPrevious("Go on please", turns)).toEqual(more);
    expect(moreFromPrevious("tell me more about unions in our county", turns)).toBeUndefined();
  });

  it("narrows within the practice most of the previous answer cites", () => {
    expect(previousPractice(turns)).toBe("practices.13");
    expect(leansOnPrevious("what does she do about it?")).toBe(true);
    expect(leansOnPrevious("how do his staff handle that")).toBe(true);
  });

  it("joins a follow-up with a pronoun of any person, up to a longer length", () => {
    expect(makeStandaloneByRule("what should she tell her staff first?", history)).toBe(`${history[0]!.question} what should she tell her staff first?`);
  });
});

describe("glossaryFollowUpTerm", () => {
  it("reads the term an elliptical or comparing follow-up asks about", () => {
    expect(glossaryFollowUpTerm("And explicit?")).toEqual({ term: "explicit", compare: false });
    expect(glossaryFollowUpTerm("what about structural racism")).toEqual({ term: "structural racism", compare: false });
    expect(glossaryFollowUpTerm("How's that different from equality?")).toEqual({ term: "equality", compare: true });
    expect(glossaryFollowUpTerm("Is it the same as equity?")).toEqual({ term: "equity", compare: true });
  });

  it("leaves full questions alone", () => {
    for (const q of ["What does the toolkit recommend for hiring?", "and how should a manager respond when staff push back on it in meetings?"]) expect(glossaryFollowUpTerm(q), q).toBeUndefined();
  });
});

describe("pointedAtListItem", () => {
  const answer = { text: "ICMA provides a set of key recommendations: (1) Consider the Impact; (2) Build Trust-based Relationships; (3) Review Current Policies; and (4) Be Conscious of Bias. [1]", citations: [{ n: 1, sectionId: "toolkit.recommendations", quote: "" }], retrieved: [] } as unknown as Answer;
  const turns = [{ question: "What are the toolkit's key recommendations?", answer }];

  it("reads the nth item of a list written inline, and the last", () => {
    expect(pointedAtListItem("The second one?", turns)).toBe("Build Trust-based Relationships");
    expect(pointedAtListItem("and the last one", turns)).toBe("Be Conscious of Bias");
    expect(pointedAtListItem("the ninth one", turns)).toBeUndefined();
    expect(pointedAtListItem("what does the third practice say?", turns)).toBeUndefined();
  });
});
