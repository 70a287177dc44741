// Extractive answers: the corpus's own words, whole sentences or dimensions, each followed
// by its [n] citation. Short and directly responsive: the best sentences of the best few
// sections, never a dump of search hits.
import type { CorpusStats } from "../retrieval/corpus-stats.js";
import { contentTerms } from "../retrieval/text-terms.js";
import type { Section } from "../scripts/corpus/section.js";
import type { Citation } from "./answer-types.js";

export interface ComposedAnswer {
  text: string;
  citations: Citation[];
}

const MAX_SECTIONS = 3;
/** A follow-on section must score at least this share of the best one to be included. */
const FOLLOW_ON_SCORE_SHARE = 0.75;
/** Sections this short are quoted whole. */
const WHOLE_SECTION_CHARS = 320;
const SENTENCES_PER_SECTION = 2;

const segmenter = new Intl.Segmenter("en", { granularity: "sentence" });

/** Sentences (and list lines) of a section, each an exact substring of its text. */
export function splitIntoUnits(text: string): string[] {
  const units: string[] = [];
  for (const line of text.split("\n")) {
    for (const { segment } of segmenter.segment(line)) {
      const unit = segment.trim().replace(/^[-•]\s+/, "");
      if (unit.length > 0) units.push(unit);
    }
  }
  return units;
}

export class CitationList {
  readonly citations: Citation[] = [];

  cite(section: Section, quote: string): number {
    const existing = this.citations.find((c) => c.sectionId === section.id && c.quote === quote);
    if (existing) return existing.n;
    const n = this.citations.length + 1;
    this.citations.push({
      n,
      sectionId: section.id,
      title: section.title,
      quote,
      kind: section.kind,
      ...(section.writtenBy ? { writtenBy: section.writtenBy } : {}),
    });
    return n;
  }
}

export class ExtractiveComposer {
  constructor(private readonly stats: CorpusStats) {}

  /** The most relevant sentences of one section, in source order. */
  bestQuotes(section: Section, questionTerms: readonly string[], count = SENTENCES_PER_SECTION): string[] {
    if (section.text.length <= WHOLE_SECTION_CHARS) return [section.text.replace(/\s+/g, " ").trim()];
    const asked = new Set(questionTerms);
    const units = splitIntoUnits(section.text).filter((u) => u.split(/\s+/).length >= 4);
    const scored = units.map((unit, position) => {
      const terms = new Set(contentTerms(unit));
      let score = 0;
      for (const t of terms) if (asked.has(t)) score += this.stats.idf(t);
      // Ties go to earlier sentences, which tend to state the point.
      return { unit, position, score: score - position * 0.01 };
    });
    const chosen = scored
      .sort((a, b) => b.score - a.score)
      .slice(0, count)
      .filter((s, i) => i === 0 || s.score > 0)
      .sort((a, b) => a.position - b.position);
    return chosen.map((s) => s.unit);
  }

  /** An answer from the best-ranked sections (already ordered by relevance). */
  compose(questionTerms: readonly string[], ranked: ReadonlyArray<{ section: Section; score: number }>): ComposedAnswer {
    const list = new CitationList();
    const lines: string[] = [];
    const topScore = ranked[0]?.score ?? 0;
    for (const { section, score } of ranked.slice(0, MAX_SECTIONS)) {
      if (lines.length > 0 && score < topScore * FOLLOW_ON_SCORE_SHARE) break;
      for (const quote of this.bestQuotes(section, questionTerms)) lines.push(`${quote} [${list.cite(section, quote)}]`);
    }
    return { text: lines.join("\n"), citations: list.citations };
  }

  /**
   * Glossary entries (one, or two being compared), each labelled as project-written, with
   * the places the sources use the term.
   */
  composeGlossary(entries: readonly Section[], sections: ReadonlyMap<string, Section>): ComposedAnswer {
    const list = new CitationList();
    const lines: string[] = [];
    for (const entry of entries) {
      const definition = entry.text.replace(/\s+/g, " ").trim();
      lines.push(`${entry.title} (definition written for this guide, not quoted from the sources): ${definition} [${list.cite(entry, definition)}]`);
      const uses = (entry.seeAlso ?? []).map((id) => sections.get(id)).filter((s): s is Section => s !== undefined);
      const termWords = contentTerms([entry.title, ...(entry.aliases ?? [])].join(" "));
      for (const use of uses.slice(0, entries.length > 1 ? 1 : 3)) {
        const [quote] = this.bestQuotes(use, termWords, 1);
        if (quote) lines.push(`- Used in ${use.title}: ${quote} [${list.cite(use, quote)}]`);
      }
    }
    return { text: lines.join("\n"), citations: list.citations };
  }

  /** A practice as a whole: its definition, then its dimensions (optionally one side only). */
  composeWholePractice(practiceAndDimensions: readonly Section[], side?: "leadership" | "management"): ComposedAnswer {
    const list = new CitationList();
    const [practice, ...dimensions] = practiceAndDimensions;
    if (!practice) return { text: "", citations: [] };
    const lines = [`${practice.title.replace(/^Practice (\d+): /, "Practice $1, ")}: ${practice.text} [${list.cite(practice, practice.text)}]`];
    for (const dim of dimensions) {
      const dimSide = dim.id.includes(".leadership.") ? "leadership" : "management";
      if (side && dimSide !== side) continue;
      const letter = dim.id.slice(-1).toUpperCase();
      const label = `${dimSide === "leadership" ? "Leadership" : "Management"} ${letter}`;
      lines.push(`- ${label}: ${dim.text} [${list.cite(dim, dim.text)}]`);
    }
    return { text: lines.join("\n"), citations: list.citations };
  }
}
