// Inverse document frequencies over the corpus, so rare words ("phone", "cybersecurity")
// weigh more than common ones ("local", "government") in coverage and sentence choice.
import type { Section } from "../../corpus/section.js";
import { PART_NAMES } from "../../corpus/part-names.js";
import { AskedBefore } from "./asked-before.js";
import { contentTerms } from "./text-terms.js";

export class CorpusStats {
  private readonly documentFrequency = new Map<string, number>();
  private readonly sectionTerms = new Map<string, Set<string>>();
  private readonly titles = new Map<string, string>();
  private readonly kindTitles = new Map<Section["kind"], string[]>();
  private readonly total: number;
  /** What the sections were asked before, answered and not (see asked-before.ts). */
  readonly askedBefore: AskedBefore;

  constructor(sections: readonly Section[]) {
    this.total = sections.length;
    this.askedBefore = new AskedBefore(sections);
    for (const s of sections) {
      const terms = new Set(contentTerms([s.title, s.text, ...(s.aliases ?? []), ...(s.keywords ?? []), ...PART_NAMES[s.kind]].join(" ")));
      this.sectionTerms.set(s.id, terms);
      this.titles.set(s.id, s.title);
      this.kindTitles.set(s.kind, [...(this.kindTitles.get(s.kind) ?? []), s.title]);
      for (const t of terms) this.documentFrequency.set(t, (this.documentFrequency.get(t) ?? 0) + 1);
    }
  }

  /** Smoothed IDF; a term the corpus never uses gets the highest weight. */
  idf(term: string): number {
    const df = this.documentFrequency.get(term) ?? 0;
    return Math.log(1 + (this.total + 1) / (df + 0.5));
  }

  knows(term: string): boolean {
    return this.documentFrequency.has(term);
  }

  titleOf(sectionId: string): string | undefined {
    return this.titles.get(sectionId);
  }

  /** The titles of every section of a kind. */
  titlesOfKind(kind: Section["kind"]): readonly string[] {
    return this.kindTitles.get(kind) ?? [];
  }

  termsOf(sectionId: string): ReadonlySet<string> {
    return this.sectionTerms.get(sectionId) ?? new Set();
  }

  /** IDF-weighted share of `terms` that occur in the section (title, text, aliases, keywords and the name of its part). */
  coverage(terms: readonly string[], sectionId: string): number {
    return this.weightedShare(terms, this.termsOf(sectionId));
  }

  /** IDF-weighted share of `terms` that occur in the section's title. */
  titleCoverage(terms: readonly string[], section: Section): number {
    return this.weightedShare(terms, new Set(contentTerms(section.title)));
  }

  private weightedShare(terms: readonly string[], have: ReadonlySet<string>): number {
    const unique = [...new Set(terms)];
    if (unique.length === 0) return 0;
    let hit = 0;
    let all = 0;
    for (const t of unique) {
      const w = this.idf(t);
      all += w;
      if (have.has(t)) hit += w;
    }
    return hit / all;
  }
}
