import { describe, expect, it } from "vitest";
import type { Answer, ConversationTurn } from "./answer-types.js";
import { aboutPrevious, itemBeside, practiceOfPrevious, entryUsesAsked, personInPreviousAnswer, relatedAsked, followUpPracticeSide, glossaryEntryFollowedUp, glossaryFollowUpTerm, nthDimensionOfPrevious, sideAskedFor, sideNamed, pointedAtListItem, leansOnPrevious, makeStandaloneByRule, moreFromPrevious, pointedAtCitation, previousPractice, partAskedFor, otherPartAskedFor, termAskedAfterEntry, reasonForPrevious, pointedAtPracticeListed, groupOfPrevious } from "./follow-up.js";

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
    expect(pointedAtCitation("sorry, what was step two?", turns)).toBe("practices.13.leadership.b");
    expect(pointedAtCitation("and item 1?", turns)).toBe("practices.13.leadership.a");
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
    expect(glossaryFollowUpTerm("And how's the individual kind different?")).toEqual({ term: "individual", compare: true });
    expect(glossaryFollowUpTerm("what about the structural type")).toEqual({ term: "structural", compare: false });
    expect(glossaryFollowUpTerm("And what's the kind people are aware of?")).toBeUndefined();
    expect(glossaryFollowUpTerm("how's that different from plain equity?")).toEqual({ term: "equity", compare: true });
    expect(glossaryFollowUpTerm("and from equality?")).toEqual({ term: "equality", compare: true });
    expect(glossaryFollowUpTerm("does it cover allyship?")).toEqual({ term: "allyship", compare: false });
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

describe("follow-ups that move from the dimension the previous answer was about", () => {
  // Practice 8 has leadership dimensions a-k and management a-h in the corpus; here a-c and a-b.
  const existing = new Set(["practices.8.leadership.a", "practices.8.leadership.b", "practices.8.leadership.c", "practices.8.management.a", "practices.8.management.b"]);
  const exists = (id: string) => existing.has(id);
  const about = (...sectionIds: string[]) => [
    { question: "What does Practice 8 leadership B cover?", answer: { citations: sectionIds.map((sectionId, i) => ({ n: i + 1, sectionId, quote: "q" })) } as unknown as Answer },
  ];

  const beside = (q: string, turns: readonly ConversationTurn[], has = exists) => {
    const item = itemBeside(q, turns, has);
    return item && ("id" in item ? item.id : item.missing);
  };

  it("finds the next and the previous dimension, and the other side's with the same letter", () => {
    const turns = about("practices.8.leadership.b");
    expect(beside("What's the one right after it?", turns)).toBe("practices.8.leadership.c");
    expect(beside("next one?", turns)).toBe("practices.8.leadership.c");
    expect(beside("what comes after that?", turns)).toBe("practices.8.leadership.c");
    expect(beside("and the one before that?", turns)).toBe("practices.8.leadership.a");
    expect(beside("what's the leadership item just before it?", turns)).toBe("practices.8.leadership.a");
    expect(beside("What's the management dimension with the same letter?", turns)).toBe("practices.8.management.b");
    expect(beside("and its counterpart?", turns)).toBe("practices.8.management.b");
    expect(beside("and A?", turns)).toBe("practices.8.leadership.a");
    expect(beside("what about management B?", turns)).toBe("practices.8.management.b");
    expect(beside("and the next leadership point after that?", turns)).toBe("practices.8.leadership.c");
    expect(beside("what comes after that step?", turns)).toBe("practices.8.leadership.c");
    expect(beside("the item that comes right before it?", turns)).toBe("practices.8.leadership.a");
  });

  it("moves from the dimension an answer led by its practice's line was about, and from the practice of a whole-practice answer", () => {
    const has = (id: string) => /^practices\.(?:[1-9]|1[0-4])$/.test(id) || exists(id);
    // "Which practice covers ...?" is answered with the practice's line, then the dimension.
    expect(beside("and what comes right after that one?", about("practices.8", "practices.8.leadership.b"), has)).toBe("practices.8.leadership.c");
    expect(beside("and the one before that?", about("practices.8", "practices.8.leadership.b"), has)).toBe("practices.8.leadership.a");
    expect(beside("the next one?", about("practices.8", "practices.8.leadership.a", "practices.8.leadership.b"), has)).toBe("practices.9");
    // Led by the practice's line, a few dimensions in the order they answered are about the first.
    expect(beside("and what's the item right before it?", about("practices.8", "practices.8.management.b", "practices.8.leadership.a"), has)).toBe("practices.8.management.a");
    expect(beside("what's the one just before that?", about("practices.8", "practices.8.leadership.c", "practices.8.leadership.a"), has)).toBe("practices.8.leadership.b");
  });

  it("finds the next practice and the next recommendation", () => {
    const has = (id: string) => /^practices\.(?:[1-9]|1[0-4])$/.test(id) || /^toolkit\.recommendations\.(?:[1-9]|1[01])$/.test(id) || exists(id);
    expect(beside("and the next practice?", about("practices.2"), has)).toBe("practices.3");
    expect(beside("what's the number after it?", about("practices.2"), has)).toBe("practices.3");
    expect(beside("and the practice that comes after it?", about("practices.2"), has)).toBe("practices.3");
    expect(beside("and the practice that comes after it?", about("practices.8.leadership.b"), has)).toBe("practices.9");
    expect(beside("and the twelfth?", about("toolkit.recommendations.1"), has)).toEqual({ kind: "recommendation", asked: "12", first: "1", last: "11" });
    expect(beside("what about number 4?", about("toolkit.recommendations.1"), has)).toBe("toolkit.recommendations.4");
    expect(beside("and the third?", about("practices.8.leadership.b"), has)).toBeUndefined();
    expect(beside("and the next practice?", about("practices.8.leadership.b"), has)).toBe("practices.9");
    expect(beside("the next one?", about("toolkit.recommendations.6"), has)).toBe("toolkit.recommendations.7");
    expect(beside("and the one right after it?", about("toolkit.recommendations.11"), has)).toEqual({ kind: "recommendation", asked: "12", first: "1", last: "11" });
    expect(beside("and the next practice?", about("practices.14"), has)).toEqual({ kind: "practice", asked: "15", first: "1", last: "14" });
  });

  it("says what the list holds past its last dimension, or for a letter it lacks", () => {
    expect(beside("and the next one?", about("practices.8.leadership.c"))).toEqual({ kind: "dimension", practice: "8", side: "leadership", asked: "D", first: "A", last: "C" });
    expect(beside("and H?", about("practices.8.management.b"))).toEqual({ kind: "dimension", practice: "8", side: "management", asked: "H", first: "A", last: "B" });
    expect(beside("is there an M?", about("practices.8.management.b"))).toMatchObject({ kind: "dimension", asked: "M" });
    expect(beside("is there a K after that?", about("practices.8.leadership.c"))).toMatchObject({ kind: "dimension", asked: "K" });
    expect(beside("is there a C?", about("practices.8.leadership.a"))).toBe("practices.8.leadership.c");
    expect(beside("ok and is there an F after that one?", about("practices.8.leadership.c"))).toMatchObject({ kind: "dimension", asked: "F" });
  });

  it("gives nothing after an answer that was not about a numbered item, or for other questions", () => {
    expect(beside("the next one?", about("glossary.equity"))).toBeUndefined();
    expect(beside("what does it say about budgets?", about("practices.8.leadership.b"))).toBeUndefined();
    expect(beside("What should we do after that?", about("practices.8.leadership.b"))).toBeUndefined();
    expect(beside("Is there an equivalent for front-line staff?", about("practices.8.leadership.b"))).toBeUndefined();
    expect(beside("the next one?", [])).toBeUndefined();
  });

  it("counts the practice's dimensions on that side for 'the last one' after an answer about one dimension", () => {
    expect(nthDimensionOfPrevious("The last one?", about("practices.8.leadership.a"), exists)).toBe("practices.8.leadership.c");
    expect(nthDimensionOfPrevious("and the second one?", about("practices.8.management.a"), exists)).toBe("practices.8.management.b");
    expect(nthDimensionOfPrevious("how does the management side of that practice start?", about("practices.8.leadership.b"), exists)).toBe("practices.8.management.a");
    expect(nthDimensionOfPrevious("what does the management side begin with?", about("practices.8.leadership.b"), exists)).toBe("practices.8.management.a");
    expect(nthDimensionOfPrevious("how does the management side handle that?", about("practices.8.leadership.b"), exists)).toBeUndefined();
    // An answer with several sections keeps its own items unless the caller asks for the fallback.
    const several = about("practices.8.leadership.a", "toolkit.recommendations.6");
    expect(nthDimensionOfPrevious("The third one?", several, exists)).toBeUndefined();
    expect(nthDimensionOfPrevious("The third one?", several, exists, true)).toBe("practices.8.leadership.c");
    // "The first of those" points into the answer's own text.
    expect(nthDimensionOfPrevious("What does the glossary say about the first of those?", about("practices.8.leadership.a"), exists)).toBeUndefined();
    expect(nthDimensionOfPrevious("The fifth one?", about("practices.8.leadership.a"), exists)).toBeUndefined();
  });

  it("counts the side a follow-up names after any answer from one practice", () => {
    const whole = about("practices.8", "practices.8.leadership.a", "practices.8.leadership.b");
    expect(nthDimensionOfPrevious("And what's the first thing listed on the management side?", whole, exists)).toBe("practices.8.management.a");
    expect(nthDimensionOfPrevious("the last one on the leadership side?", about("practices.8.management.b"), exists)).toBe("practices.8.leadership.c");
    // Past the end of that side there is nothing to point at.
    expect(nthDimensionOfPrevious("the ninth management dimension?", whole, exists)).toBeUndefined();
  });
});

describe("sideNamed", () => {
  it("reads the side named for one dimension as well as for the whole side, which sideAskedFor alone asks", () => {
    expect(sideNamed("Is there a leadership one about crises too?")).toBe("leadership");
    expect(sideAskedFor("Is there a leadership one about crises too?")).toBeUndefined();
    expect(sideNamed("and the management side?")).toBe("management");
    expect(sideNamed("what does good management look like?")).toBeUndefined();
  });
});

describe("glossaryEntryFollowedUp", () => {
  const afterEntry = [{ question: "What's an affinity group?", answer: { status: "answered", text: "", citations: [{ n: 1, sectionId: "glossary.affinity-group", title: "Affinity group", quote: "q", kind: "glossary" }], retrieved: [] } }] as never;
  it("is the previous glossary entry for a short follow-up that names no other part of the corpus", () => {
    expect(glossaryEntryFollowedUp("Give me an example.", afterEntry)).toBe("glossary.affinity-group");
    expect(glossaryEntryFollowedUp("Who came up with that term?", afterEntry)).toBe("glossary.affinity-group");
  });

  it("says where the sources use the entry's term when a follow-up asks which part of them talks about it", () => {
    const seeAlso = () => ["practices.9.leadership.d", "practices.9", "toolkit"];
    expect(entryUsesAsked("Which practice talks about that?", afterEntry, seeAlso)).toEqual(["practices.9.leadership.d", "practices.9"]);
    expect(entryUsesAsked("Is it in the toolkit?", afterEntry, seeAlso)).toEqual(["toolkit"]);
    expect(entryUsesAsked("Give me an example.", afterEntry, seeAlso)).toEqual([]);
    expect(entryUsesAsked("Which practice talks about that?", [{ question: "What is Practice 3?" }], seeAlso)).toEqual([]);
  });

  it("is nothing when the follow-up names another part, is a new long question, or the previous answer was no entry", () => {
    expect(glossaryEntryFollowedUp("Which practice talks about that?", afterEntry)).toBeUndefined();
    expect(glossaryEntryFollowedUp("Does ICMA list any resources on that?", afterEntry)).toBeUndefined();
    expect(glossaryEntryFollowedUp("Our council wants every department to report on how its hiring compares with the county's population, where do we start?", afterEntry)).toBeUndefined();
    expect(glossaryEntryFollowedUp("Give me an example.", [{ question: "What is Practice 3?" }])).toBeUndefined();
  });
});

describe("relatedAsked", () => {
  const after = (sectionId: string) => [{ question: "q", answer: { status: "answered", text: "", citations: [{ n: 1, sectionId, title: "t", quote: "q", kind: "dimension" }], retrieved: [] } }] as never;
  const related = {
    workshopsOf: (practiceId: string) => (practiceId === "practices.8" ? ["workshops.institutional-racism"] : []),
    entriesFor: (sectionId: string) => (sectionId === "practices.3.management.b" ? ["glossary.affinity-group", "glossary.mentoring-program"] : []),
  };
  it("asks for the workshops tied to the previous answer's practice, or the glossary entries for its section, the nth when pointed at", () => {
    expect(relatedAsked("Is there an ICMA workshop that's tied to that practice?", after("practices.8.leadership.a"), related)).toEqual(["workshops.institutional-racism"]);
    expect(relatedAsked("Does the glossary have anything related to that?", after("practices.3.management.b"), related)).toEqual(["glossary.affinity-group", "glossary.mentoring-program"]);
    expect(relatedAsked("What does the glossary say about the second of those?", after("practices.3.management.b"), related)).toEqual(["glossary.mentoring-program"]);
    expect(relatedAsked("What does the glossary say about the last of those?", after("practices.3.management.b"), related)).toEqual(["glossary.mentoring-program"]);
    expect(relatedAsked("What does the glossary say about the fifth of those?", after("practices.3.management.b"), related)).toEqual([]);
  });

  it("is nothing for a question that does not lean on the previous answer, or after a glossary answer", () => {
    expect(relatedAsked("Which workshops does ICMA offer on data?", after("practices.8.leadership.a"), related)).toEqual([]);
    expect(relatedAsked("Does the glossary have anything related to that?", after("glossary.equity"), related)).toEqual([]);
  });
});

describe("a follow-up about the person the previous answer named", () => {
  const answered = (text: string) => [{ question: "Who wrote the Governing for Equity report?", answer: { status: "answered", text, citations: [{ n: 1, sectionId: "research.governing-for-equity", title: "t", quote: "q", kind: "research" }], retrieved: [] } }] as never;
  const history = answered("In this report, ICMA Research Fellow Benoy Jacob, Ph.D., highlights local governments. [1]");
  it("finds the person and searches with their name when the follow-up says he or she", () => {
    expect(personInPreviousAnswer(history)).toBe("Benoy Jacob");
    expect(makeStandaloneByRule("What's his job?", history)).toBe("Who wrote the Governing for Equity report? What's his job? (Benoy Jacob)");
  });

  it("prefers the person the previous question named to the first the answer names", () => {
    const list = [{ question: "What has Benoy Jacob published?", answer: { status: "answered", text: "Smart Cities, by Kevin C. Desouza and Benoy Jacob. [1] Advancing Social Equity, by Benoy Jacob. [1]", citations: [{ n: 1, sectionId: "research.governing-for-equity.publications", title: "t", quote: "q", kind: "research" }], retrieved: [] } }] as never;
    expect(personInPreviousAnswer(list)).toBe("Benoy Jacob");
  });

  it("adds no name when the follow-up has no personal pronoun, or the answer names no one", () => {
    expect(makeStandaloneByRule("and the management side?", history)).toBe("Who wrote the Governing for Equity report? and the management side?");
    expect(makeStandaloneByRule("What's his job?", answered("Local governments excel in increasing diversity. [1]"))).toBe("Who wrote the Governing for Equity report? What's his job?");
  });
});

describe("partAskedFor", () => {
  it("reads the part of the corpus a question asks whether it holds something of", () => {
    expect(partAskedFor("Is there an ICMA program that trains managers on that?")).toBe("programs.");
    expect(partAskedFor("does ICMA offer a short workshop on data?")).toBe("workshops.");
    expect(partAskedFor("is there any research on equity?")).toBe("research.");
  });

  it("leaves practices, which a question names otherwise, and other questions alone", () => {
    expect(partAskedFor("Is there a practice about budgets?")).toBeUndefined();
    expect(partAskedFor("is there a way to do this?")).toBeUndefined();
    expect(partAskedFor("What does the cybersecurity program cost?")).toBeUndefined();
  });
});

describe("pointedAtListItem on a list written in a sentence", () => {
  const said = (text: string) => [{ question: "q", answer: { text, citations: [{ n: 1, sectionId: "practices.3.management.b", quote: "q" }] } as unknown as Answer }];
  it("reads the nth item of a 'such as' list", () => {
    const history = said("Understanding and championing sustainable support mechanisms such as affinity groups, mentoring programs, and cultural celebrations [1]");
    expect(pointedAtListItem("the first of those, what exactly is it?", history)).toBe("affinity groups");
    expect(pointedAtListItem("and the last one?", history)).toBe("cultural celebrations");
    expect(pointedAtListItem("the second one?", said("Building trust among staff [1]"))).toBeUndefined();
  });
});

describe("practiceOfPrevious", () => {
  const after = (sectionId: string) => [{ question: "q", answer: { citations: [{ n: 1, sectionId, quote: "q" }] } as unknown as Answer }];
  it("is the practice of the dimension the previous answer was about, when the follow-up asks for it", () => {
    for (const q of ["which practice is that under?", "tell me more about that practice as a whole", "what's the overall point of that practice?", "What practice does it fall under?"])
      expect(practiceOfPrevious(q, after("practices.5.management.c"))).toBe("practices.5");
  });
  it("is asked for in any order of words, but not by a follow-up with a topic of its own", () => {
    for (const q of ["what's the overall practice that falls under?", "what's the practice that's under, overall?", "which practice is that one from?"])
      expect(practiceOfPrevious(q, after("practices.2.leadership.d"))).toBe("practices.2");
    for (const q of ["What's the legal requirement to provide staff development under this ICMA practice?", "what's the first leadership item under that practice?", "which practices fall under that group?"])
      expect(practiceOfPrevious(q, after("practices.2.leadership.d"))).toBeUndefined();
  });

  it("is the workshop itself, which lists its practice groups, when asked which practices it is tied to", () => {
    expect(practiceOfPrevious("which of the 14 practices does it connect to?", after("workshops.customer-service"))).toBe("workshops.customer-service");
    expect(practiceOfPrevious("how much does it cost?", after("workshops.customer-service"))).toBeUndefined();
  });

  it("is the practice itself after an answer that began with it", () => {
    expect(practiceOfPrevious("which practice is that part of?", after("practices.13"))).toBe("practices.13");
    expect(practiceOfPrevious("which practice is that one under?", after("practices.5.management.c"))).toBe("practices.5");
  });

  it("is nothing for other follow-ups, or after an answer that was no dimension", () => {
    expect(practiceOfPrevious("what does that practice say about budgets?", after("practices.5.management.c"))).toBeUndefined();
    expect(practiceOfPrevious("which practice is that under?", after("glossary.equity"))).toBeUndefined();
  });
});

describe("aboutPrevious", () => {
  const after = (sectionId: string) => [{ question: "q", answer: { citations: [{ n: 1, sectionId, quote: "q" }] } as unknown as Answer }];
  it("is the section the previous answer began with, for 'what's that one about?'", () => {
    for (const q of ["what's that one about?", "So what is it about?", "what does it cover?"]) expect(aboutPrevious(q, after("programs.courageous-conversation-series")), q).toBe("programs.courageous-conversation-series");
  });
  it("is nothing for a question about something of its own", () => {
    expect(aboutPrevious("what's the equity summit about?", after("programs.courageous-conversation-series"))).toBeUndefined();
    expect(aboutPrevious("what is it about budgets that matters?", after("practices.12"))).toBeUndefined();
  });
});

describe("reasonForPrevious", () => {
  const answerAbout = (...sectionIds: string[]) => [
    { question: "Should we share our data tools with neighbouring cities?", answer: { citations: sectionIds.map((sectionId, i) => ({ n: i + 1, sectionId, quote: "q" })) } as unknown as Answer },
  ];

  it("answers a short why from the section the previous answer was about", () => {
    const turns = answerAbout("practices.11.leadership.d");
    expect(reasonForPrevious("why does that matter?", turns)).toBe("practices.11.leadership.d");
    expect(reasonForPrevious("why, what's the benefit?", turns)).toBe("practices.11.leadership.d");
    expect(reasonForPrevious("what's the point of those?", turns)).toBe("practices.11.leadership.d");
    expect(reasonForPrevious("how come?", answerAbout("practices.11", "practices.11.leadership.d"))).toBe("practices.11.leadership.d");
  });

  it("leaves a why with a subject of its own, a long one, or one with nothing before it", () => {
    const turns = answerAbout("practices.11.leadership.d");
    expect(reasonForPrevious("why did ICMA put the toolkit together at all?", turns)).toBeUndefined();
    expect(reasonForPrevious("what does it say about budgets?", turns)).toBeUndefined();
    expect(reasonForPrevious("why would a council that already shares its permits data with the county want to do even more of that kind of thing?", turns)).toBeUndefined();
    expect(reasonForPrevious("why does that matter?", [])).toBeUndefined();
  });
});

describe("pointedAtPracticeListed", () => {
  const exists = (id: string) => /^practices\.(?:[1-9]|1[0-4])$/.test(id);
  const after = (text: string) => [{ question: "Which practice groups is that workshop tied to?", answer: { text, citations: [{ n: 1, sectionId: "workshops.customer-service", quote: "q" }] } as unknown as Answer }];
  const workshop = after("Come learn about customer service. [1] (Practice Groups: 4-Staff Effectiveness; 9 - Community and Resident Service; and 14 - Communication and Information Sharing) [1]");

  it("points an ordinal at the nth practice the previous answer named by number", () => {
    expect(pointedAtPracticeListed("the first one you listed, what's that practice about?", workshop, exists)).toBe("practices.4");
    expect(pointedAtPracticeListed("what's the second of those about?", workshop, exists)).toBe("practices.9");
    expect(pointedAtPracticeListed("the last one - what's that practice?", workshop, exists)).toBe("practices.14");
    expect(pointedAtPracticeListed("the very last one on that list?", after("1. Personal and Professional Integrity [1] 2. Community Engagement [1] 3. Equity and Inclusion [1]"), exists)).toBe("practices.3");
  });

  it("leaves an ordinal of something else, nested ordinals, and answers naming fewer than two practices", () => {
    expect(pointedAtPracticeListed("what's in the last group?", workshop, exists)).toBeUndefined();
    expect(pointedAtPracticeListed("the first practice in the last group?", workshop, exists)).toBeUndefined();
    expect(pointedAtPracticeListed("the first one?", after("(Practice Groups: 4-Staff Effectiveness)"), exists)).toBeUndefined();
    expect(pointedAtPracticeListed("what does it cost?", workshop, exists)).toBeUndefined();
  });
});

describe("groupOfPrevious", () => {
  const after = (sectionId: string) => [{ question: "q", answer: { citations: [{ n: 1, sectionId, quote: "q" }] } as unknown as Answer }];

  it("answers which group a practice or dimension just shown falls in from the section that groups them", () => {
    expect(groupOfPrevious("and which of the four groups does it belong to?", after("practices.8"), "practices.groups")).toBe("practices.groups");
    expect(groupOfPrevious("which other practices are grouped together with that one?", after("practices.8.leadership.g"), "practices.groups")).toBe("practices.groups");
  });

  it("leaves a workshop's own practice groups, and questions not about groups", () => {
    expect(groupOfPrevious("which practice groups is that workshop tied to?", after("workshops.customer-service"), "practices.groups")).toBeUndefined();
    expect(groupOfPrevious("and the management side?", after("practices.8"), "practices.groups")).toBeUndefined();
    expect(groupOfPrevious("which of the four groups does it belong to?", [], "practices.groups")).toBeUndefined();
  });
});

/** A history of one answer that cited one section. */
const after = (sectionId: string): ConversationTurn[] => [{ question: "q", answer: { text: "t", citations: [{ n: 1, sectionId, quote: "q" }], retrieved: [] } as unknown as Answer }];

describe("otherPartAskedFor", () => {
  it("reads the part a follow-up asks of when the previous answer came from another", () => {
    expect(otherPartAskedFor("which of the ICMA practices talks about supporting groups like that?", after("glossary.affinity-group"))).toBe("practices.");
    expect(otherPartAskedFor("is there a glossary term for that idea?", after("practices.9.leadership.e"))).toBe("glossary.");
    expect(otherPartAskedFor("does ICMA offer a program on that?", after("practices.11.management.c"))).toBe("programs.");
    expect(otherPartAskedFor("does the equity toolkit say anything similar?", after("practices.3.leadership.a"))).toBe("toolkit");
  });

  it("leaves the previous answer's own part, a manner of doing, and a personal recommendation alone", () => {
    expect(otherPartAskedFor("which practice is that in?", after("practices.9.leadership.e"))).toBeUndefined();
    expect(otherPartAskedFor("how would a city actually put that into practice?", after("glossary.equity"))).toBeUndefined();
    expect(otherPartAskedFor("what about when council overrules my recommendation?", after("practices.8.leadership.h"))).toBeUndefined();
    expect(otherPartAskedFor("any kind of program that helps with that?", after("practices.4.management.d"))).toBeUndefined();
    expect(otherPartAskedFor("which of the ICMA practices covers that?", [])).toBeUndefined();
  });
});

describe("termAskedAfterEntry", () => {
  it("reads a follow-up asking the term for something as asking for another entry than the one shown", () => {
    expect(termAskedAfterEntry("is there a specific name for that neutral-rule situation?", after("glossary.discrimination"))).toBe("glossary.discrimination");
    expect(termAskedAfterEntry("what's that called when it's built into the institution?", after("glossary.racism"))).toBe("glossary.racism");
  });
  it("leaves other follow-ups, and follow-ups to other answers, alone", () => {
    expect(termAskedAfterEntry("give me an example", after("glossary.discrimination"))).toBeUndefined();
    expect(termAskedAfterEntry("is there a name for that?", after("practices.3.leadership.a"))).toBeUndefined();
  });
});

describe("the other parts otherPartAskedFor reads", () => {
  it("reads the ideals and research by their names", () => {
    expect(otherPartAskedFor("does ICMA have its own statement of ideals too?", after("resources.pm-magazine"))).toBe("ideals");
    expect(otherPartAskedFor("is there any research on that?", after("practices.7.management.c"))).toBe("research.");
  });
});

describe("glossaryFollowUpTerm comparing", () => {
  it("reads 'so is that the same thing as X?' as a comparison", () => {
    expect(glossaryFollowUpTerm("so is that the same thing as inclusion?")).toEqual({ term: "inclusion", compare: true });
  });
});
