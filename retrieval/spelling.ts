// Small typos ("engagment", "resilency") sink full-text search, which matches whole words.
// A word that is neither in the corpus nor an English word is corrected to the nearest word
// the corpus does use, when one is within a typo or two; everything else is left as typed.
// The English check matters: "exact" is not a typo for the corpus word "enact", and a
// question about a "commissioner race" is not about a "commission". An English word is still
// corrected when the correction makes a phrase the corpus uses: "succession planing" is a typo
// for "succession planning", though "planing" is a word. A short word that is neither
// ("wht", "teh", "waht") is a slip on a function word: it becomes the one function word it is
// a keystroke away from, so coverage does not read it as a word the corpus never uses.
import { readFileSync } from "node:fs";
import { distance } from "fastest-levenshtein";
import wordListPath from "word-list";
import type { Section } from "../corpus/section.js";
import { isStopWord, tokenize } from "./text/text-terms.js";

const MIN_LENGTH = 5;

/** What the corrector asks of a dictionary. */
export interface WordSet {
  readonly size: number;
  has(word: string): boolean;
}

/**
 * A word list held as the file's own text and the offsets of its lines: as a Set, the 274,000
 * words of the English list cost a serving process about 20 MB of heap (and as much again of
 * garbage while it is built); this way 3 MB and almost no garbage. Lookups are a binary
 * search, 18 comparisons, a few microseconds per query word.
 */
export class SortedWordList implements WordSet {
  private readonly starts: Uint32Array;
  private readonly ends: Uint32Array;
  /** Lines out of order in the file (the package's list has two): kept aside, not trusted. */
  private readonly strays = new Set<string>();

  /** `text` is one word per line, sorted but for a few strays. */
  constructor(private readonly text: string) {
    const starts: number[] = [];
    const ends: number[] = [];
    let start = 0;
    for (let at = 0; at <= text.length; at++) {
      if (at < text.length && text.charCodeAt(at) !== 10) continue;
      if (at > start) {
        const previous = starts.length - 1;
        if (previous >= 0 && compareRanges(text, starts[previous]!, ends[previous]!, start, at) >= 0) this.strays.add(text.slice(start, at));
        else {
          starts.push(start);
          ends.push(at);
        }
      }
      start = at + 1;
    }
    this.starts = Uint32Array.from(starts);
    this.ends = Uint32Array.from(ends);
    for (const word of this.strays) if (this.inOrder(word)) this.strays.delete(word);
  }

  get size(): number {
    return this.starts.length + this.strays.size;
  }

  has(word: string): boolean {
    return this.strays.has(word) || this.inOrder(word);
  }

  private inOrder(word: string): boolean {
    let low = 0;
    let high = this.starts.length - 1;
    while (low <= high) {
      const mid = (low + high) >>> 1;
      const order = compareWith(this.text, this.starts[mid]!, this.ends[mid]!, word);
      if (order === 0) return true;
      if (order < 0) low = mid + 1;
      else high = mid - 1;
    }
    return false;
  }
}

/** How text[start, end) sorts against `word`, by UTF-16 code units as `<` does, allocating nothing. */
function compareWith(text: string, start: number, end: number, word: string): number {
  const length = Math.min(end - start, word.length);
  for (let i = 0; i < length; i++) {
    const d = text.charCodeAt(start + i) - word.charCodeAt(i);
    if (d !== 0) return d;
  }
  return end - start - word.length;
}

function compareRanges(text: string, aStart: number, aEnd: number, bStart: number, bEnd: number): number {
  const length = Math.min(aEnd - aStart, bEnd - bStart);
  for (let i = 0; i < length; i++) {
    const d = text.charCodeAt(aStart + i) - text.charCodeAt(bStart + i);
    if (d !== 0) return d;
  }
  return aEnd - aStart - (bEnd - bStart);
}

let english: WordSet | undefined;
/** The English word list of the `word-list` package (about 274,000 words), read once. */
export function englishWords(): WordSet {
  english ??= new SortedWordList(readFileSync(wordListPath, "utf8"));
  return english;
}

export class SpellingCorrector {
  private readonly frequency = new Map<string, number>();
  private readonly byLength = new Map<number, string[]>();
  private readonly pairs = new Set<string>();

  constructor(
    sections: Iterable<Section>,
    private readonly dictionary: WordSet = englishWords(),
  ) {
    for (const s of sections) {
      for (const text of [s.title, s.text, ...(s.aliases ?? []), ...(s.keywords ?? [])]) {
        const words = tokenize(text);
        words.forEach((word, i) => {
          if (i > 0) this.pairs.add(`${words[i - 1]} ${word}`);
          if (/^[a-z]+$/.test(word)) this.frequency.set(word, (this.frequency.get(word) ?? 0) + 1);
        });
      }
    }
    for (const word of this.frequency.keys()) {
      const list = this.byLength.get(word.length) ?? [];
      list.push(word);
      this.byLength.set(word.length, list);
    }
  }

  /** The word corrected; `before` and `after` are its neighbours in the query, for phrase checks. */
  correctWord(word: string, before?: string, after?: string): string {
    if (TYPED_WITHOUT_APOSTROPHE.test(word)) return word;
    if (word.length < MIN_LENGTH && word.length >= 3 && /^[a-z]+$/.test(word) && !this.frequency.has(word) && !this.dictionary.has(word)) return functionWordSlip(word) ?? word;
    if (word.length < MIN_LENGTH || this.frequency.has(word) || !/^[a-z]+$/.test(word)) return word;
    if (this.dictionary.has(word)) {
      // Only a neighbour with content counts: "write the" is a phrase of every text.
      const phrase = (a: string | undefined, b: string | undefined) => a !== undefined && b !== undefined && !isStopWord(a) && !isStopWord(b) && this.pairs.has(`${a} ${b}`);
      return this.nearest(word, 1, (c) => phrase(before, c) || phrase(c, after)) ?? word;
    }
    return this.nearest(word, word.length >= 9 ? 2 : 1) ?? word;
  }

  /** The most frequent corpus word within `budget` edits, among those `accept` allows. */
  private nearest(word: string, budget: number, accept: (candidate: string) => boolean = () => true): string | undefined {
    let best: { word: string; d: number; f: number } | undefined;
    for (let len = word.length - budget; len <= word.length + budget; len++) {
      for (const candidate of this.byLength.get(len) ?? []) {
        const d = distance(word, candidate);
        const f = this.frequency.get(candidate)!;
        if (d <= budget && (!best || d < best.d || (d === best.d && f > best.f)) && accept(candidate)) best = { word: candidate, d, f };
      }
    }
    return best?.word;
  }

  /** The query with each unknown word replaced by its correction, if any. */
  correct(query: string): string {
    const words = query.match(/[A-Za-z]+/g) ?? [];
    let i = 0;
    return query.replace(/[A-Za-z]+/g, (w) => {
      const lower = w.toLowerCase();
      const corrected = this.correctWord(lower, words[i - 1]?.toLowerCase(), words[i + 1]?.toLowerCase());
      i++;
      return corrected === lower ? w : corrected;
    });
  }
}

/**
 * A contraction typed without its apostrophe ("arent", "doesnt", "youre", "theyve") is no
 * typo: corrected to the nearest corpus word it became another word ("arent" was "agent").
 */
const TYPED_WITHOUT_APOSTROPHE = /^(?:(?:are|is|do|does|did|was|were|has|have|had|should|could|would|must|need|ca|wo)nt|(?:you|they|we|who|what)(?:re|ve|ll|d)|i(?:m|ve|ll))$/;

/** The words a question is built with, the only corrections a short slip may get. */
const FUNCTION_WORDS = "what how who why when where which does did the and for with about that this there they them their should would could can are was were have has our you your from into any some tell mean says".split(" ");

/**
 * The function word `word` is a keystroke from, or undefined when none or several are. A
 * dropped letter ("wht") is the commonest slip, then two letters swapped ("teh"), then
 * one struck for another: the first kind with exactly one candidate decides, so "wht" is
 * "what", though it is also one letter off "why" and "who".
 */
function functionWordSlip(word: string): string | undefined {
  // Two letters trade places: the same letters, two positions differing.
  const swapped = (a: string, b: string) => a.length === b.length && [...a].filter((c, i) => c !== b[i]).length === 2 && [...a].sort().join("") === [...b].sort().join("");
  const kinds = [
    (w: string) => w.length === word.length + 1 && distance(w, word) === 1,
    (w: string) => swapped(w, word),
    (w: string) => w.length === word.length && distance(w, word) === 1,
  ];
  for (const kind of kinds) {
    const near = FUNCTION_WORDS.filter(kind);
    if (near.length > 0) return near.length === 1 ? near[0] : undefined;
  }
  return undefined;
}
