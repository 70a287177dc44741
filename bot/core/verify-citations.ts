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

/**
 * The slice of the section text a quote matches once both are normalised: what is shown, so
 * a quote a model retyped with straight quotes or other line breaks still appears exactly as
 * the source has it. Null when it does not occur.
 */
export function sourceSliceFor(quote: string, sectionText: string): string | null {
  const wanted = normaliseForQuote(quote);
  if (wanted === "") return null;
  // The section normalised one character at a time (the replacements are one for one), with
  // where each normalised character came from.
  let normalised = "";
  const origin: number[] = [];
  for (let i = 0; i < sectionText.length; i++) {
    const ch = sectionText[i]!;
    if (/\s/.test(ch)) {
      if (normalised.endsWith(" ")) continue;
      normalised += " ";
    } else normalised += normaliseForQuote(ch);
    origin.push(i);
  }
  const at = normalised.indexOf(wanted);
  if (at < 0) return null;
  return sectionText.slice(origin[at], origin[at + wanted.length - 1]! + 1);
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
