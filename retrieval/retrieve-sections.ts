// Hybrid retrieval: vector search and full-text (BM25) search over chunks, fused by
// reciprocal rank fusion and folded back to whole sections.
import type { Section, SectionKind } from "../corpus/section.js";
import type { Embedder } from "./embedder.js";
import type { ActiveIndex, ChunkHit } from "./index/lance-store.js";
import { DEFAULT_RERANK_MODEL, rerankSections, type RerankModel } from "./rerank-sections.js";
import type { SpellingCorrector } from "./spelling.js";
import type { CorpusStats } from "./text/corpus-stats.js";

export interface RetrievedSection {
  section: Section;
  /** Fused reciprocal-rank score (higher is better). */
  score: number;
  /** Cosine similarity of the best chunk to the query, when vectors were searched. */
  similarity: number | null;

  /** BM25 score of the best chunk, when full-text search found it. */
  bm25: number | null;
  /**
   * Set by the reranker on the candidates it reorders: the highest TF-IDF cosine of the query
   * to a training question this section answers (retrieval/text/asked-before.ts). Kept on the
   * hit so the tuner reads the value the pipeline saw, from the fold's own question bank.
   */
  answeredAlike?: number;
}

/** What the answer pipeline needs of retrieval: hybrid search over LanceDB, or an in-memory stand-in in tests. */
export interface Retriever {
  search(query: string, options?: RetrieveOptions): Promise<RetrievalResult>;
}

export interface RetrievalResult {
  sections: RetrievedSection[];
  /** The query as searched (typos corrected). */
  query: string;
  queryVector: number[] | null;
}

export interface RetrieveOptions {
  kinds?: readonly SectionKind[];
  limit?: number;
  /**
   * What a long question finally asks ("...What do the communication practices say about
   * this?"), searched for its words as well and fused in: the scene set before the ask
   * dilutes the question's words.
   */
  focus?: string;
}

/**
 * How much the focus searches weigh against the whole question's. On the dev set, 0.7 against
 * none: fact coverage 0.936 against 0.924, off-topic citations 0.030 against 0.038, recall@1
 * 0.963 against 0.968; 1.5 was worse on all three.
 */
const FOCUS_WEIGHT = 0.7;

const CANDIDATES_PER_SEARCH = 40;

export interface FusionWeights {
  /** RRF damping constant: larger flattens the difference between ranks. */
  k: number;
  vector: number;
  text: number;
  /**
   * Glossary definitions are our own words, written to be broadly similar to many
   * questions; outside glossary lookups the sources' own sections should win ties.
   */
  glossary: number;
}

// Chosen by comparing recall@5 and MRR on the golden set: with the project-written search
// keywords, full-text search is the stronger signal and USE lite the tie-breaker that
// catches paraphrases (equal weights: recall@5 0.85, MRR 0.74; these: 0.96, 0.89).
// k was then checked on writers held out of the search questions (an index built without
// their questions; scratch grid over k 0.5-10, vector 0.1-1, glossary 0.4-1): k 1 against 2
// gave recall@1 0.903 against 0.891 and fact coverage 0.902 against 0.894 on writers h, i
// and j (1,198 questions), 0.765 against 0.762 and 0.749 both on b, d and f (1,762), and on
// dev recall@1 0.974 against 0.968; larger k and more weight on vectors were worse on all.
export const DEFAULT_FUSION: FusionWeights = { k: 1, vector: 0.3, text: 1, glossary: 0.6 };

export class SectionRetriever implements Retriever {
  constructor(
    private readonly index: ActiveIndex,
    private readonly embedder: Embedder | null,
    private readonly sections: ReadonlyMap<string, Section>,
    private readonly spelling?: SpellingCorrector,
    private readonly fusion: FusionWeights = DEFAULT_FUSION,
    /** With corpus statistics, the fused candidates are reordered by the fitted reranker. */
    private readonly rerank?: { stats: CorpusStats; model?: RerankModel },
  ) {}

  /** Whether vector search takes part (false in full-text-only mode). */
  get hybrid(): boolean {
    return this.index.hasVectors && this.embedder !== null;
  }

  async embedQuery(query: string): Promise<number[] | null> {
    if (!this.hybrid) return null;
    const [vector] = await this.embedder!.embed([query]);
    return vector ?? null;
  }

  async retrieveSections(query: string, options: RetrieveOptions = {}): Promise<RetrievedSection[]> {
    return (await this.search(query, options)).sections;
  }

  /**
   * Like retrieveSections, also returning the query as searched (typos corrected) and its
   * vector (null in full-text-only mode).
   */
  async search(rawQuery: string, options: RetrieveOptions = {}): Promise<RetrievalResult> {
    const query = this.spelling ? this.spelling.correct(rawQuery) : rawQuery;
    const rawFocus = options.focus?.trim();
    const correctedFocus = rawFocus && this.spelling ? this.spelling.correct(rawFocus) : rawFocus;
    const focus = rawFocus && rawFocus.length < rawQuery.trim().length * 0.8 ? correctedFocus : undefined;
    // The focus is searched by its words only: embedding it too doubled the embedding time of
    // a long question (warm answer() p95 1.6-1.8x the floor against 1.15x) for no change on dev.
    const queryVector = await this.embedQuery(query);
    const [vectorHits, textHits, focusTextHits] = await Promise.all([
      queryVector ? this.index.vectorSearch(queryVector, CANDIDATES_PER_SEARCH, options.kinds) : Promise.resolve([]),
      this.safeTextSearch(query, options.kinds),
      focus ? this.safeTextSearch(focus, options.kinds) : Promise.resolve([]),
    ]);
    const fused = this.fuse([
      { hits: vectorHits, source: "vector", weight: 1 },
      { hits: textHits, source: "text", weight: 1 },
      { hits: focusTextHits, source: "text", weight: FOCUS_WEIGHT },
    ]);
    const sections = this.rerank ? rerankSections(fused, query, correctedFocus || query, this.rerank.stats, this.rerank.model ?? DEFAULT_RERANK_MODEL) : fused;
    return { sections: sections.slice(0, options.limit ?? 8), query, queryVector };
  }

  private async safeTextSearch(query: string, kinds?: readonly SectionKind[]): Promise<ChunkHit[]> {
    // The full-text index takes plain words; punctuation only confuses its query parser.
    const words = query.replace(/[^\p{L}\p{N}$'\s-]/gu, " ").replace(/\s+/g, " ").trim();
    if (!words) return [];
    try {
      return await this.index.textSearch(words, CANDIDATES_PER_SEARCH, kinds);
    } catch {
      return [];
    }
  }

  private fuse(lists: Array<{ hits: ChunkHit[]; source: "vector" | "text"; weight: number }>): RetrievedSection[] {
    const bySection = new Map<string, RetrievedSection>();
    const visit = (hits: ChunkHit[], source: "vector" | "text", listWeight: number, isFocus: boolean) => {
      const seen = new Set<string>();
      let rank = 0;
      for (const hit of hits) {
        // A section is ranked by its best chunk only.
        if (seen.has(hit.sectionId)) continue;
        seen.add(hit.sectionId);
        rank += 1;
        const section = this.sections.get(hit.sectionId);
        if (!section) continue;
        const entry = bySection.get(hit.sectionId) ?? { section, score: 0, similarity: null, bm25: null };
        const weight = listWeight * (source === "vector" ? this.fusion.vector : this.fusion.text) * (section.kind === "glossary" ? this.fusion.glossary : 1);
        entry.score += weight / (this.fusion.k + rank);
        // Similarity and BM25 are the whole question's (the coverage features read them), or
        // the focus's when only it found the section.
        if (source === "vector") entry.similarity = isFocus ? (entry.similarity ?? 1 - hit.score) : 1 - hit.score;
        else entry.bm25 = isFocus ? (entry.bm25 ?? hit.score) : hit.score;
        bySection.set(hit.sectionId, entry);
      }
    };
    lists.forEach(({ hits, source, weight }, i) => weight > 0 && visit(hits, source, weight, i >= 2));
    return [...bySection.values()].sort((a, b) => b.score - a.score);
  }
}
