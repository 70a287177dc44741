// Hand-made answers and sections for the eval unit tests; no index, no model.
import type { Answer, Citation } from "../bot/core/answer-types.js";
import type { CitableSection } from "../bot/core/verify-citations.js";
import type { GoldenCase } from "./golden-set.js";
import { scoreCase, type CaseScore, type SectionLookup } from "./metrics.js";

export const SECTIONS: CitableSection[] = [
  { id: "practices.3", text: "Equity and Inclusion. Create a culture of equity and inclusion." },
  { id: "practices.3.leadership.a", text: "Seek out voices that are usually left out of decisions." },
  { id: "practices.30", text: "A made-up section whose id shares a prefix with practices.3." },
  { id: "glossary.implicit-bias", text: "Implicit bias: attitudes that affect our understanding without our awareness." },
];

export const lookup: SectionLookup = (id) => SECTIONS.find((s) => s.id === id);

export function citation(n: number, sectionId: string, quote: string): Citation {
  return { n, sectionId, quote, title: sectionId, kind: "practice" };
}

export function makeAnswer(partial: Partial<Answer> & { retrievedIds?: string[] }): Answer {
  const { retrievedIds = [], ...rest } = partial;
  return {
    question: "q",
    status: "answered",
    text: "",
    citations: [],
    retrieved: retrievedIds.map((sectionId, i) => ({ sectionId, score: 1 - i / 10 })),
    mode: "extractive",
    timingsMs: { retrieve: 1, total: 2 },
    ...rest,
  };
}

export function golden(partial: Partial<GoldenCase> & Pick<GoldenCase, "id" | "kind">): GoldenCase {
  return { q: `question ${partial.id}`, expect: [], facts: [], ...partial };
}

export function score(g: GoldenCase, a: Answer, wallMs = 10, mode: Answer["mode"] = "extractive", turn?: number): CaseScore {
  return scoreCase({ golden: g, answer: a, wallMs, turn }, mode, lookup);
}
