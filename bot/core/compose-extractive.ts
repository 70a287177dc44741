// Extractive answers: the corpus's own words, whole sentences or dimensions, each followed
// by its [n] citation. Short and directly responsive: the best sentences of the best few
// sections, never a dump of search hits.
import type { CorpusStats } from "../../retrieval/text/corpus-stats.js";
import type { UnitVector } from "../../retrieval/index/lance-store.js";
import { contentTerms } from "../../retrieval/text/text-terms.js";
import { QUOTE_WHOLE_SECTION_CHARS, splitIntoUnits } from "../../retrieval/index/chunk-sections.js";
import { splitSentences } from "../../retrieval/text/sentences.js";
import type { Section } from "../../corpus/section.js";
import type { Citation } from "./answer-types.js";
import { familyOf } from "../../corpus/id-scheme.js";
import { PROJECT_WRITTEN_NOTE } from "./wording.js";

/** What the composer needs of a question to choose sentences. */
export interface QuestionToQuote {
  /** Content terms of the whole question. */
  terms: readonly string[];
  /** Content terms of each clause of a multi-part question ([] or one entry: not multi-part). */
  clauses?: ReadonlyArray<readonly string[]>;
  /** The question's embedding, when the index has vectors. */
  vector?: number[] | null;
  /** Quotes already shown ("tell me more" after an answer): not quoted again. */
  shown?: ReadonlySet<string>;
}

export interface ComposedAnswer {
  text: string;
  citations: Citation[];
}

const MAX_SECTIONS = 3;
/** A follow-on section must score at least this share of the best one to be included. */
const FOLLOW_ON_SCORE_SHARE = 0.5;
/** From a long best section: its closest sentences, as many as fit this many characters. */
const MAX_SENTENCES_FROM_BEST_SECTION = 8;
const BEST_SECTION_BUDGET_CHARS = 1100;
/** Weight of the question's rare words a sentence shares, beside its embedding similarity. */
const LEXICAL_WEIGHT = 0.4;

/**
 * A unit that is a labelled field ("(Practice Groups: 3, 8, 9, 14)", "Cost: $3,960") whose label
 * the question names is what it asks for: its few common words lose to any long sentence about
 * the topic on similarity and rare words alike.
 */
const LABEL_BONUS = 1;
const FIELD_LABEL = /^\(?\s*([A-Za-z][A-Za-z'’ -]{1,40}?)\s*:/;

function asksForLabel(unit: string, asked: ReadonlySet<string>): boolean {
  const label = FIELD_LABEL.exec(unit)?.[1];
  if (!label || label.split(/\s+/).length > 4) return false;
  const words = contentTerms(label);
  return words.length > 0 && words.every((w) => asked.has(w));
}

interface ScoredSentence {
  text: string;
  terms: ReadonlySet<string>;
  position: number;
  semantic: number;
  score: number;
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
   * The sentences of a section closest to the question, in source order, as many as `count`
   * and `budgetChars` allow: by embedding similarity when the index has sentence vectors, plus
   * the question's rare words they share.
   */
  bestQuotes(section: Section, question: QuestionToQuote, count: number, budgetChars = Infinity): string[] {
    if (section.text.length <= QUOTE_WHOLE_SECTION_CHARS) return question.shown?.has(wholeQuote(section)) ? [] : [wholeQuote(section)];
    const scored = this.scoreSentences(section, question).filter((s) => !question.shown?.has(s.text));
    const chosen: ScoredSentence[] = [];
    let chars = 0;
    const fits = (s: ScoredSentence) => chosen.length === 0 || chars + s.text.length <= budgetChars;
    const take = (s: ScoredSentence) => {
      chosen.push(s);
      chars += s.text.length;
    };
    // Each part of a multi-part question first gets the sentence that best matches its own words.
    for (const pick of this.bestPerClause(scored, question.clauses ?? [])) if (chosen.length < count && fits(pick)) take(pick);
    // A sentence that introduces a list ("Here is a list of program activities:") always brings
    // the line after it: alone it says nothing.
    const introducedBy = (s: ScoredSentence) => chosen.some((c) => c.position === s.position - 1 && /:\s*$/.test(c.text));
    for (;;) {
      const pending = scored.filter((s) => !chosen.includes(s));
      const listItem = pending.find(introducedBy);
      if (listItem) {
        take(listItem);
        continue;
      }
      const next = pending.reduce<ScoredSentence | undefined>((best, s) => (!best || s.score > best.score ? s : best), undefined);
      if (chosen.length >= count || !next || !fits(next)) break;
      take(next);
    }
    return chosen.sort((a, b) => a.position - b.position).map((s) => s.text);
  }

  private scoreSentences(section: Section, question: QuestionToQuote): ScoredSentence[] {
    const asked = new Set(question.terms);
    const maxLexical = this.idfSum(asked) || 1;
    const vectors = new Map((this.unitVectors.get(section.id) ?? []).map((u) => [u.text, u.vector]));
    const sentences = splitIntoUnits(section.text).filter((u) => u.split(/\s+/).length >= 4);
    return sentences.map((text, position) => {
      const terms = new Set(contentTerms(text));
      const lexical = this.idfSum([...terms].filter((t) => asked.has(t)));
      const vector = question.vector ? vectors.get(text) : undefined;
      const semantic = vector ? cosine(question.vector!, vector) : 0;
      // Ties go to earlier sentences, which tend to state the point.
      const labelled = asksForLabel(text, asked) ? LABEL_BONUS : 0;
      return { text, terms, position, semantic, score: semantic + LEXICAL_WEIGHT * (lexical / maxLexical) + labelled - position * 0.001 };
    });
  }

  /** For a question of two or more parts, the sentence sharing most of each part's rare words. */
  private bestPerClause(scored: readonly ScoredSentence[], clauses: ReadonlyArray<readonly string[]>): ScoredSentence[] {
    const parts = clauses.filter((clause) => clause.length > 0);
    if (parts.length < 2) return [];
    const picks = parts.map((clause) => {
      const wanted = new Set(clause);
      const clauseScore = (s: ScoredSentence) => this.idfSum([...s.terms].filter((t) => wanted.has(t))) + 0.1 * s.semantic;
      return scored.reduce<ScoredSentence | undefined>((best, s) => (!best || clauseScore(s) > clauseScore(best) ? s : best), undefined);
    });
    return [...new Set(picks.filter((p): p is ScoredSentence => p !== undefined))];
  }

  private idfSum(terms: Iterable<string>): number {
    let sum = 0;
    for (const t of terms) sum += this.stats.idf(t);
    return sum;
  }


  /**
   * An answer from the best-ranked sections (already ordered by relevance), after the
   * sentences that state the specific facts asked, if any, and after the practice the
   * question asks which of (`practiceAsked`), when it asks that.
   */
  compose(
    question: QuestionToQuote,
    ranked: ReadonlyArray<{ section: Section; score: number }>,
    statedFacts: ReadonlyArray<{ section: Section; sentence: string }> = [],
    practiceAsked?: Section,
    complements: ReadonlyArray<{ section: Section; answers: readonly string[] }> = [],
  ): ComposedAnswer {
    const list = new CitationList();
    const lines: string[] = [];
    // "Which practice is about working with elected officials?" is answered by naming the
    // practice, then with what of it matches.
    if (practiceAsked) lines.push(practiceLine(practiceAsked, list));
    for (const { section, sentence } of statedFacts) {
      // A short section is quoted whole anyway: quoting the sentence too would repeat it.
      const quote = section.text.length <= QUOTE_WHOLE_SECTION_CHARS ? wholeQuote(section) : sentence;
      if (list.citations.some((c) => c.sectionId === section.id && c.quote === quote)) continue;
      lines.push(cited(quote, list.cite(section, quote)));
    }
    const alreadyQuoted = (section: Section, quote: string) => list.citations.some((c) => c.sectionId === section.id && c.quote.includes(quote));
    const topScore = ranked[0]?.score ?? 0;
    const families = new Set([...statedFacts.map((f) => f.section.id), ranked[0]?.section.id ?? ""].map(familyOf));
    // Sections with nothing left to show ("tell me more" after they were quoted whole) give way.
    const showable = question.shown ? ranked.filter(({ section }) => this.bestQuotes(section, question, 1).length > 0) : ranked;
    for (const [i, { section, score }] of showable.slice(0, MAX_SECTIONS).entries()) {
      if (i > 0 && score < (showable[0]?.score ?? topScore) * FOLLOW_ON_SCORE_SHARE) break;
      // No padding from another family (a price table under a question about delegating):
      // a follow-on section of another family appears only when the question names it (a
      // glossary term, a program by its name). Training questions expect sections of two
      // families in 50 of 3,494 cases; level scores did not tell those apart from padding.
      if (i > 0 && !families.has(familyOf(section.id)) && !namedBy(section, question)) continue;
      const quotes = i === 0 ? this.bestQuotes(section, question, MAX_SENTENCES_FROM_BEST_SECTION, BEST_SECTION_BUDGET_CHARS) : this.bestQuotes(section, question, 1);
      for (const quote of quotes) {
        if (!alreadyQuoted(section, quote)) lines.push(`${projectWrittenLabel(section)}${cited(quote, list.cite(section, quote))}`);
      }
      // After the best section, the sections answering what it leaves unanswered
      // (complementary-sections.ts), each by its sentence closest to the words it answers.
      if (i === 0) {
        for (const complement of complements) {
          const [quote] = this.bestQuotes(complement.section, { terms: complement.answers, vector: question.vector, shown: question.shown }, 1);
          if (quote && !alreadyQuoted(complement.section, quote)) lines.push(`${projectWrittenLabel(complement.section)}${cited(quote, list.cite(complement.section, quote))}`);
        }
      }
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
      const definition = wholeQuote(entry);
      lines.push(`${projectWrittenLabel(entry)}${cited(definition, list.cite(entry, definition))}`);
      const uses = (entry.seeAlso ?? []).map((id) => sections.get(id)).filter((s): s is Section => s !== undefined);
      const termWords = contentTerms([entry.title, ...(entry.aliases ?? [])].join(" "));
      for (const use of uses.slice(0, entries.length > 1 ? 1 : 3)) {
        const [quote] = this.bestQuotes(use, { terms: termWords }, 1);
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
    const lines = [practiceLine(practice, list)];
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

/** "Practice 8, Policy Facilitation: <its definition> [1]": a practice named and defined. */
function practiceLine(practice: Section, list: CitationList): string {
  return `${practice.title.replace(/^Practice (\d+): /, "Practice $1, ")}: ${cited(practice.text, list.cite(practice, practice.text))}`;
}

/** The whole section as its quote: a byte-exact slice of its text (the answer text shows it on one line). */
function wholeQuote(section: Section): string {
  return section.text.trim();
}

/** Whether the question uses every content word of the section's title, or of one of its aliases. */
function namedBy(section: Section, question: QuestionToQuote): boolean {
  const asked = new Set(question.terms);
  return [section.title, ...(section.aliases ?? [])].some((name) => {
    const words = contentTerms(name);
    return words.length > 0 && words.every((w) => asked.has(w));
  });
}

/** Project-written text is labelled wherever it appears in an answer, not only in glossary lookups. */
function projectWrittenLabel(section: Section): string {
  return section.writtenBy === "project" ? `${section.title} (definition ${PROJECT_WRITTEN_NOTE}): ` : "";
}

/**
 * The quote with its [n] after every sentence, so no sentence of it reads as uncited. The
 * sentences are the ones the evals and reconciliation see, so "assets. — MARC OTT" is two
 * sentences here too, each with its marker.
 */
function cited(quote: string, n: number): string {
  return splitSentences(quote, { withoutListBullets: true })
    .map((sentence) => `${sentence.text} [${n}]`)
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
