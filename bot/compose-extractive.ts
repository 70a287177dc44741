// Extractive answers: the corpus's own words, whole sentences or dimensions, each followed
// by its [n] citation. Short and directly responsive: the best sentences of the best few
// sections, never a dump of search hits.
import type { CorpusStats } from "../retrieval/corpus-stats.js";
import type { UnitVector } from "../retrieval/lance-store.js";
import { contentTerms } from "../retrieval/text-terms.js";
import { QUOTE_WHOLE_SECTION_CHARS, splitIntoUnits } from "../scripts/corpus/chunk-sections.js";
import type { Section } from "../scripts/corpus/section.js";
import type { Citation } from "./answer-types.js";

export interface ComposedAnswer {
  text: string;
  citations: Citation[];
}

const MAX_SECTIONS = 3;
/** A follow-on section must score at least this share of the best one to be included. */
const FOLLOW_ON_SCORE_SHARE = 0.75;
const SENTENCES_FROM_BEST_SECTION = 3;
/** Lexical overlap breaks ties between sentences the embedding finds equally close. */
const LEXICAL_WEIGHT = 0.15;

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
  private readonly unitVectors = new Map<string, UnitVector[]>();

  constructor(
    private readonly stats: CorpusStats,
    unitVectors: readonly UnitVector[] = [],
  ) {
    for (const unit of unitVectors) {
      const list = this.unitVectors.get(unit.sectionId) ?? [];
      list.push(unit);
      this.unitVectors.set(unit.sectionId, list);
    }
  }

  /**
   * The sentences of a section closest to the question, in source order: by embedding
   * similarity when the index has sentence vectors, by shared rare words otherwise.
   */
  bestQuotes(section: Section, questionTerms: readonly string[], count: number, queryVector?: number[] | null): string[] {
    if (section.text.length <= QUOTE_WHOLE_SECTION_CHARS) return [section.text.replace(/\s+/g, " ").trim()];
    const asked = new Set(questionTerms);
    const maxLexical = [...asked].reduce((sum, t) => sum + this.stats.idf(t), 0) || 1;
    const vectors = new Map((this.unitVectors.get(section.id) ?? []).map((u) => [u.text, u.vector]));
    const units = splitIntoUnits(section.text).filter((u) => u.split(/\s+/).length >= 4);
    const scored = units.map((unit, position) => {
      let lexical = 0;
      for (const t of new Set(contentTerms(unit))) if (asked.has(t)) lexical += this.stats.idf(t);
      const vector = queryVector ? vectors.get(unit) : undefined;
      const semantic = vector ? cosine(queryVector!, vector) : 0;
      // Ties go to earlier sentences, which tend to state the point.
      return { unit, position, score: semantic + LEXICAL_WEIGHT * (lexical / maxLexical) - position * 0.001 };
    });
    return scored
      .sort((a, b) => b.score - a.score)
      .slice(0, count)
      .sort((a, b) => a.position - b.position)
      .map((s) => s.unit);
  }

  /** An answer from the best-ranked sections (already ordered by relevance). */
  compose(
    questionTerms: readonly string[],
    ranked: ReadonlyArray<{ section: Section; score: number }>,
    queryVector?: number[] | null,
  ): ComposedAnswer {
    const list = new CitationList();
    const lines: string[] = [];
    const topScore = ranked[0]?.score ?? 0;
    for (const { section, score } of ranked.slice(0, MAX_SECTIONS)) {
      if (lines.length > 0 && score < topScore * FOLLOW_ON_SCORE_SHARE) break;
      const count = lines.length === 0 ? SENTENCES_FROM_BEST_SECTION : 1;
      for (const quote of this.bestQuotes(section, questionTerms, count, queryVector)) lines.push(cited(quote, list.cite(section, quote)));
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
      lines.push(`${entry.title} (definition written for this guide, not quoted from the sources): ${cited(definition, list.cite(entry, definition))}`);
      const uses = (entry.seeAlso ?? []).map((id) => sections.get(id)).filter((s): s is Section => s !== undefined);
      const termWords = contentTerms([entry.title, ...(entry.aliases ?? [])].join(" "));
      for (const use of uses.slice(0, entries.length > 1 ? 1 : 3)) {
        const [quote] = this.bestQuotes(use, termWords, 1);
        if (quote) lines.push(`- Used in ${use.title}: ${cited(quote, list.cite(use, quote))}`);
      }
    }
    return { text: lines.join("\n"), citations: list.citations };
  }

  /** A practice as a whole: its definition, then its dimensions (optionally one side only). */
  composeWholePractice(practiceAndDimensions: readonly Section[], side?: "leadership" | "management"): ComposedAnswer {
    const list = new CitationList();
    const [practice, ...dimensions] = practiceAndDimensions;
    if (!practice) return { text: "", citations: [] };
    const lines = [`${practice.title.replace(/^Practice (\d+): /, "Practice $1, ")}: ${cited(practice.text, list.cite(practice, practice.text))}`];
    for (const dim of dimensions) {
      const dimSide = dim.id.includes(".leadership.") ? "leadership" : "management";
      if (side && dimSide !== side) continue;
      const letter = dim.id.slice(-1).toUpperCase();
      const label = `${dimSide === "leadership" ? "Leadership" : "Management"} ${letter}`;
      lines.push(`- ${label}: ${cited(dim.text, list.cite(dim, dim.text))}`);
    }
    return { text: lines.join("\n"), citations: list.citations };
  }
}

/** The quote with its [n] after every sentence, so no sentence of it reads as uncited. */
function cited(quote: string, n: number): string {
  return splitIntoUnits(quote)
    .map((sentence) => `${sentence} [${n}]`)
    .join(" ");
}

function cosine(a: readonly number[], b: readonly number[]): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}
