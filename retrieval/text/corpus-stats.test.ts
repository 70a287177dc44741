import { describe, expect, it } from "vitest";
import type { Section } from "../../corpus/section.js";
import { CorpusStats } from "./corpus-stats.js";
import { contentTerms } from "./text-terms.js";

const section = (id: string, kind: string, title: string, text: string): Section => ({ id, kind, title, text, parent: null, source: null }) as Section;

const entry = section("glossary.pay-equity", "glossary", "Pay equity", "Employees doing the same or comparable work are paid fairly.");
const recommendation = section("toolkit.recommendations.4", "recommendation", "(4) Adopt Equitable Compensation Practices", "Review pay bands.");
const stats = new CorpusStats([entry, recommendation, section("practices.1", "practice", "Practice 1: Personal Resiliency", "Demonstrating commitment.")]);

describe("CorpusStats", () => {
  it('counts the name of a section\'s part as its word: a question "in the glossary" asks nothing the entry lacks', () => {
    expect(stats.coverage(contentTerms("pay equity in the glossary"), entry.id)).toBe(1);
    expect(stats.coverage(contentTerms("the toolkit's recommendation on pay"), recommendation.id)).toBe(1);
    expect(stats.coverage(contentTerms("the glossary on pay"), recommendation.id)).toBeLessThan(1);
  });

  it("weighs rare words above common ones", () => {
    expect(stats.idf("resilien")).toBeGreaterThan(stats.idf("pay"));
    expect(stats.knows("snowplow")).toBe(false);
  });
});
