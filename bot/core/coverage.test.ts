import { describe, expect, it } from "vitest";
import { CorpusStats } from "../../retrieval/text/corpus-stats.js";
import type { RetrievedSection } from "../../retrieval/retrieve-sections.js";
import { contentTerms, stem } from "../../retrieval/text/text-terms.js";
import type { Section } from "../../corpus/section.js";
import { assessCoverage, decideCoverage, COVERAGE_FEATURES, coverageProbability, coveredByNamedPractice, questionWords, type CoverageModel } from "./coverage.js";

const section = (id: string, title: string, text: string, parent: string | null = null): Section =>
  ({ id, kind: id.split(".").length > 2 ? "dimension" : "practice", title, text, parent, lines: [1, 1], source: null }) as Section;

const budgeting = section("practices.12", "Practice 12: Financial Management and Budgeting", "Managing the budget.");
const story = section("practices.12.leadership.c", "Budget as a story", "Using the budget to tell a story to the community.", "practices.12");
const booking = section("workshops.booking", "Workshops: price", "Half-day workshops: $3,960 for up to 50 participants.");
const stats = new CorpusStats([budgeting, story, booking]);
const hit = (s: Section): RetrievedSection => ({ section: s, score: 1, similarity: 0.5, bm25: 2 });

describe("coveredByNamedPractice", () => {
  it("covers a question naming a practice when that practice's sections are retrieved", () => {
    expect(coveredByNamedPractice("What does the budgeting practice say about the budget as a story?", [hit(story)], stats, "practices.12")).toBe(true);
  });

  it("does not when the practice is not among the top sections", () => {
    expect(coveredByNamedPractice("What does the budgeting practice say about the budget as a story?", [hit(booking)], stats, "practices.12")).toBe(false);
  });

  it("does not when the question asks in words the corpus never uses", () => {
    expect(coveredByNamedPractice("What does the budgeting practice say about snow plows?", [hit(story)], stats, "practices.12")).toBe(false);
  });
});

describe("assessCoverage", () => {
  it("decides a question for a specific fact by whether a top section states it", () => {
    const stated = assessCoverage("How much does a half-day workshop cost?", contentTerms("half-day workshop cost"), [hit(booking)], stats);
    expect(stated).toMatchObject({ covered: true, facts: [{ kind: "amount", sentence: "Half-day workshops: $3,960 for up to 50 participants." }] });
    expect(stated.facts[0]?.statedBy?.id).toBe("workshops.booking");
    const unstated = assessCoverage("How much does a full-day workshop cost?", contentTerms("full-day workshop cost"), [hit(booking)], stats);
    expect(unstated).toMatchObject({ covered: false, facts: [{ kind: "amount", statedBy: null }] });
  });

  it("judges a follow-up on the facts it asks, not again on the previous question's", () => {
    const previous = "Who asked ICMA to write the budget story?";
    const followUp = "What does it say about the community?";
    const joined = `${previous} ${followUp}`;
    const asJoined = assessCoverage(joined, contentTerms(joined), [hit(story)], stats);
    expect(asJoined).toMatchObject({ decidedBy: "asked-facts", covered: false });
    const asFollowUp = assessCoverage(joined, contentTerms(joined), [hit(story)], stats, { followUpOf: { followUp, previous } });
    expect(asFollowUp.decidedBy).toBe("model");
    expect(asFollowUp.facts).toEqual([]);
  });

  it("takes a follow-up's fact as stated by a part of what the previous answer cited, whatever the previous question's other words", () => {
    const previous = "how big are the breakout groups?";
    const followUp = "and what's it cost?";
    const joined = `${previous} ${followUp}`;
    const judge = (previousParts?: ReadonlySet<string>) => assessCoverage(joined, contentTerms(joined), [hit(booking)], stats, { followUpOf: { followUp, previous, previousParts } });
    // The price list says nothing of breakout groups: stated only when it is a part of what was just shown.
    expect(judge()).toMatchObject({ covered: false, decidedBy: "asked-facts" });
    expect(judge(new Set(["workshops.booking"]))).toMatchObject({ covered: true, decidedBy: "asked-facts" });
    expect(judge(new Set(["practices.12"]))).toMatchObject({ covered: false });
  });

  it("marks a question that names a practice but asks in a word the corpus never uses, for the model to weigh", () => {
    const zero = Object.fromEntries(COVERAGE_FEATURES.map((f) => [f, 0])) as CoverageModel["weights"];
    const ask = (question: string, model: CoverageModel) => assessCoverage(question, contentTerms(question), [hit(story)], stats, { namedPracticeId: "practices.12", model });
    const wary: CoverageModel = { bias: 1, weights: { ...zero, namedPracticeNewWords: -3 }, words: {}, threshold: 0.5 };
    const snow = ask("What does the budgeting practice say about snow plows?", wary);
    expect(snow.features.namedPracticeNewWords).toBe(1);
    expect(snow).toMatchObject({ covered: false, decidedBy: "model" });
    // Asked in the corpus's own words, the same practice named: nothing new, so covered.
    const told = ask("What does the budgeting practice say about the budget as a story?", wary);
    expect(told.features.namedPracticeNewWords).toBe(0);
    expect(told).toMatchObject({ covered: true, decidedBy: "model" });
  });

  it("covers a question of two asks when the model covers each, not when one of them asks what the corpus never says", () => {
    const zero = Object.fromEntries(COVERAGE_FEATURES.map((f) => [f, 0])) as CoverageModel["weights"];
    // Long questions read as less covered, as the fitted model's length weight has them.
    const lengthWary: CoverageModel = { bias: 3, weights: { ...zero, length: -2, unknown: -6 }, words: {}, threshold: 0.5 };
    const ask = (question: string) => assessCoverage(question, contentTerms(question), [hit(story), hit(budgeting)], stats, { model: lengthWary });
    expect(ask("What does the budget story tell the community?")).toMatchObject({ covered: true, decidedBy: "model" });
    const twoAsks = ask("What does the budget story tell the community, and how is the budget managed?");
    expect(twoAsks.probability).toBeLessThan(0.5);
    expect(twoAsks).toMatchObject({ covered: true, decidedBy: "model" });
    expect(ask("What does the budget story tell the community, and how are snow plows scheduled?").covered).toBe(false);
    // One ask, however long, is the model's alone.
    expect(ask("What does the budget story tell the community about managing the budget carefully every year?").covered).toBe(false);
  });

  it("refuses when nothing was retrieved", () => {
    expect(assessCoverage("anything at all", contentTerms("anything at all"), [], stats).covered).toBe(false);
  });
});

describe("the model's words", () => {
  it("weighs the asking clause's words and word pairs and the whole question's words, contractions spelled out", () => {
    const words = questionWords("Our town is small. What's the survey's schedule?");
    const survey = stem("survey");
    expect(words).toEqual(expect.arrayContaining([`a:${survey}`, `a:the_${survey}`, "q:town", "q:small", `q:${survey}`]));
    // Small words count only beside a word of substance.
    for (const small of ["a:town", "a:what", "a:is", "a:what_is", "q:our", "q:the"]) expect(words).not.toContain(small);
  });

  it("adds each known word's weight to the evidence, and ignores words it has no weight for", () => {
    const zero = Object.fromEntries(COVERAGE_FEATURES.map((f) => [f, 0])) as CoverageModel["weights"];
    const model: CoverageModel = { bias: 0, weights: zero, words: { "a:how_often": -2 }, threshold: 0.5 };
    expect(coverageProbability({ ...zero }, ["a:how_often", "q:unseen"], model)).toBeCloseTo(1 / (1 + Math.exp(2)));
    expect(coverageProbability({ ...zero }, ["q:unseen"], model)).toBe(0.5);
  });
});

describe("decideCoverage", () => {
  it("covers a named practice, but refuses a value asked of it that no top section states", () => {
    const decide = (q: string) => decideCoverage({ searched: q, terms: contentTerms(q), hits: [hit(budgeting), hit(story)], stats, whole: { id: "practices.12" } });
    expect(decide("What does the budgeting practice say?")).toMatchObject({ covered: true, decidedBy: "whole-practice" });
    expect(decide("Who wrote the budgeting practice?")).toMatchObject({ covered: false, decidedBy: "asked-facts" });
  });
});
