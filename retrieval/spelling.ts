// Small typos ("engagment", "resilency") sink full-text search, which matches whole words.
// Words the corpus never uses are corrected to the nearest word it does use, when one is
// within a typo or two; everything else is left as typed.
import { distance } from "fastest-levenshtein";
import type { Section } from "../scripts/corpus/section.js";
import { tokenize } from "./text-terms.js";

const MIN_LENGTH = 5;

export class SpellingCorrector {
  private readonly frequency = new Map<string, number>();
  private readonly byLength = new Map<number, string[]>();

  constructor(sections: Iterable<Section>) {
    for (const s of sections) {
      for (const word of tokenize([s.title, s.text, ...(s.aliases ?? []), ...(s.keywords ?? [])].join(" "))) {
        if (!/^[a-z]+$/.test(word)) continue;
        this.frequency.set(word, (this.frequency.get(word) ?? 0) + 1);
      }
    }
    for (const word of this.frequency.keys()) {
      const list = this.byLength.get(word.length) ?? [];
      list.push(word);
      this.byLength.set(word.length, list);
    }
  }

  correctWord(word: string): string {
    if (word.length < MIN_LENGTH || this.frequency.has(word) || !/^[a-z]+$/.test(word)) return word;
    const budget = word.length >= 9 ? 2 : 1;
    let best: { word: string; d: number; f: number } | undefined;
    for (let len = word.length - budget; len <= word.length + budget; len++) {
      for (const candidate of this.byLength.get(len) ?? []) {
        const d = distance(word, candidate);
        const f = this.frequency.get(candidate)!;
        if (d <= budget && (!best || d < best.d || (d === best.d && f > best.f))) best = { word: candidate, d, f };
      }
    }
    return best?.word ?? word;
  }

  /** The query with each unknown word replaced by its correction, if any. */
  correct(query: string): string {
    return query.replace(/[A-Za-z]+/g, (w) => {
      const corrected = this.correctWord(w.toLowerCase());
      return corrected === w.toLowerCase() ? w : corrected;
    });
  }
}
