// How closely a question resembles what staff have asked of a section before: the questions
// it answered (Section.searchQuestions) and those it did not (Section.unansweredQuestions,
// the near-misses made from it). A near-miss shares nearly every word with its section, so
// retrieval scores cannot tell "what does the Equity Summit cost?" from "what was the Equity
// Summit's theme?"; the questions other writers asked of the same section can, because the
// things a section leaves unsaid (a price, a year, a speaker) are asked about again and
// again. The coverage model weighs both resemblances (bot/core/coverage.ts).
//
// Lexical on purpose: TF-IDF over every word, small ones included, since "how much", "who"
// and "when" are what a near-miss asks; IDF over the questions themselves, so a word every
// question uses ("ICMA", "what") weighs little.
import type { Section } from "../../corpus/section.js";
import { stem, tokenize } from "./text-terms.js";

/** A question's unit TF-IDF vector as word ids and their weights (compact: the bank holds ~10,000). */
interface StoredVector {
  ids: Uint32Array;
  weights: Float32Array;
}
type Vector = ReadonlyMap<number, number>;

export interface Resemblance {
  /** Highest cosine similarity to a question one of the sections answered (0 when none). */
  answered: number;
  /** Highest cosine similarity to a question one of the sections did not answer (0 when none). */
  unanswered: number;
}

export class AskedBefore {
  private readonly idf = new Map<string, number>();
  private readonly wordIds = new Map<string, number>();
  /** The weight of a word no question in the bank uses: that of a word one question used. */
  private readonly ceiling: number;
  private readonly answered = new Map<string, StoredVector[]>();
  private readonly unanswered = new Map<string, StoredVector[]>();

  constructor(sections: readonly Section[]) {
    const bank = sections.flatMap((s) => [...(s.searchQuestions ?? []), ...(s.unansweredQuestions ?? [])].map(terms));
    const frequency = new Map<string, number>();
    for (const words of bank) for (const w of new Set(words)) frequency.set(w, (frequency.get(w) ?? 0) + 1);
    for (const [w, n] of frequency) {
      this.idf.set(w, Math.log(1 + bank.length / n));
      this.wordIds.set(w, this.wordIds.size);
    }
    this.ceiling = Math.log(1 + Math.max(1, bank.length));
    for (const s of sections) {
      if (s.searchQuestions?.length) this.answered.set(s.id, s.searchQuestions.map((q) => stored(this.vector(q))));
      if (s.unansweredQuestions?.length) this.unanswered.set(s.id, s.unansweredQuestions.map((q) => stored(this.vector(q))));
    }
  }

  /** The question's resemblance to what the given sections were asked before. */
  resemblance(question: string, sectionIds: readonly string[]): Resemblance {
    const v = this.vector(question);
    const best = (bank: Map<string, StoredVector[]>) => Math.max(0, ...sectionIds.flatMap((id) => (bank.get(id) ?? []).map((u) => cosine(v, u))));
    return { answered: best(this.answered), unanswered: best(this.unanswered) };
  }

  /** The highest cosine to a question each section answered, per section (0 when none): the reranker's nearest-neighbour evidence. */
  answeredEach(question: string, sectionIds: readonly string[]): number[] {
    const v = this.vector(question);
    return sectionIds.map((id) => Math.max(0, ...(this.answered.get(id) ?? []).map((u) => cosine(v, u))));
  }

  /** Unit-length TF-IDF vector; a word no earlier question used weighs as the rarest (and matches nothing: id -1 and below). */
  private vector(question: string): Vector {
    const weights = new Map<number, number>();
    let unseen = -1;
    for (const w of terms(question)) {
      const id = this.wordIds.get(w) ?? unseen--;
      weights.set(id, (weights.get(id) ?? 0) + (this.idf.get(w) ?? this.ceiling));
    }
    const norm = Math.sqrt([...weights.values()].reduce((sum, x) => sum + x * x, 0)) || 1;
    for (const [w, x] of weights) weights.set(w, x / norm);
    return weights;
  }
}

function terms(question: string): string[] {
  return tokenize(question).map(stem);
}

function stored(v: Vector): StoredVector {
  const entries = [...v].filter(([id]) => id >= 0);
  return { ids: Uint32Array.from(entries, ([id]) => id), weights: Float32Array.from(entries, ([, x]) => x) };
}

function cosine(query: Vector, stored: StoredVector): number {
  let dot = 0;
  for (let i = 0; i < stored.ids.length; i++) dot += stored.weights[i]! * (query.get(stored.ids[i]!) ?? 0);
  return dot;
}
