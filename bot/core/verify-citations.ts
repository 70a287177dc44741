// Nothing reaches a user unless every quote it shows is verbatim in the section it cites.
import type { Citation } from "./answer-types.js";

export interface CitableSection {
  id: string;
  text: string;
}

/** Collapses runs of whitespace and unifies typographic quotes and dashes, so line wrapping and smart punctuation never decide a match. */
export function normaliseForQuote(text: string): string {
  return text
    .replace(/[\u2018\u2019\u201B\u2032]/g, "'")
    .replace(/[\u201C\u201D\u201F\u2033]/g, '"')
    .replace(/[\u2013\u2014]/g, "-")
    .replace(/\s+/g, " ")
    .trim();
}

export function quoteOccursIn(quote: string, sectionText: string): boolean {
  const q = normaliseForQuote(quote);
  return q.length > 0 && normaliseForQuote(sectionText).includes(q);
}

export interface CitationProblem {
  n: number;
  sectionId: string;
  problem: "unknown-section" | "quote-not-verbatim";
}

export interface CitationCheck {
  ok: boolean;
  problems: CitationProblem[];
}

/**
 * Checks every citation against the full text of the section it cites: the id must exist
 * and the quote must occur verbatim (whitespace-normalised).
 */
export function verifyCitations(
  answer: { citations: Pick<Citation, "n" | "sectionId" | "quote">[] },
  sections: ReadonlyMap<string, CitableSection> | readonly CitableSection[],
): CitationCheck {
  const byId =
    sections instanceof Map ? sections : new Map((sections as readonly CitableSection[]).map((s) => [s.id, s]));
  const problems: CitationProblem[] = [];
  for (const c of answer.citations) {
    const section = byId.get(c.sectionId);
    if (!section) problems.push({ n: c.n, sectionId: c.sectionId, problem: "unknown-section" });
    else if (!quoteOccursIn(c.quote, section.text))
      problems.push({ n: c.n, sectionId: c.sectionId, problem: "quote-not-verbatim" });
  }
  return { ok: problems.length === 0, problems };
}
