import { describe, expect, it } from "vitest";
import { CorpusStats } from "../../retrieval/text/corpus-stats.js";
import type { RetrievedSection } from "../../retrieval/retrieve-sections.js";
import { contentTerms } from "../../retrieval/text/text-terms.js";
import type { Section } from "../../corpus/section.js";
import { assessCoverage, coveredByNamedPractice } from "./coverage.js";

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

  it("refuses when nothing was retrieved", () => {
    expect(assessCoverage("anything at all", contentTerms("anything at all"), [], stats).covered).toBe(false);
  });
});
