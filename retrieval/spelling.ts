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

let english: ReadonlySet<string> | undefined;
/** The English word list of the `word-list` package (about 274,000 words), read once. */
export function englishWords(): ReadonlySet<string> {
  english ??= new Set(readFileSync(wordListPath, "utf8").split("\n"));
  return english;
}

export class SpellingCorrector {
  private readonly frequency = new Map<string, number>();
  private readonly byLength = new Map<number, string[]>();
  private readonly pairs = new Set<string>();

  constructor(
    sections: Iterable<Section>,
    private readonly dictionary: ReadonlySet<string> = englishWords(),
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
