// Decides whether the corpus covers a question, from calibrated evidence rather than a
// list of topics.
//
// Method: two signals from the top retrieved sections.
//   similarity - cosine similarity between the question and the best chunk (USE lite);
//                paraphrases with no shared words ("people who are usually left out")
//                still score high.
//   coverage   - IDF-weighted share of the question's content words found in one single
//                top section; a near-miss that borrows corpus words from several places
//                ("ICMA executive director's phone number") covers little of any one section.
// A question is covered when similarity alone is strong, or when it is moderate and one
// section also covers enough of the question's words. With no vectors (full-text-only
// mode) the lexical rule decides alone with a stricter bar. The thresholds were tuned by a
// grid search over the golden set and the retrieval test questions (evals/golden.jsonl,
// retrieval/retrieval-questions.ts) — see `npm run eval` — favouring refusal recall.
import type { RetrievedSection } from "../retrieval/retrieve-sections.js";
import type { CorpusStats } from "../retrieval/corpus-stats.js";

export interface CoverageThresholds {
  strongSimilarity: number;
  moderateSimilarity: number;
  moderateCoverage: number;
  lexicalOnlyCoverage: number;
}

export const DEFAULT_THRESHOLDS: CoverageThresholds = {
  strongSimilarity: 0.62,
  moderateSimilarity: 0.4,
  moderateCoverage: 0.5,
  lexicalOnlyCoverage: 0.7,
};

export interface CoverageEvidence {
  covered: boolean;
  similarity: number | null;
  coverage: number;
}

const SECTIONS_CONSIDERED = 3;

export function assessCoverage(
  questionTerms: readonly string[],
  retrieved: readonly RetrievedSection[],
  stats: CorpusStats,
  thresholds: CoverageThresholds = DEFAULT_THRESHOLDS,
): CoverageEvidence {
  const top = retrieved.slice(0, SECTIONS_CONSIDERED);
  if (top.length === 0 || questionTerms.length === 0) return { covered: false, similarity: null, coverage: 0 };
  const coverage = Math.max(...top.map((r) => stats.coverage(questionTerms, r.section.id)));
  const similarities = top.map((r) => r.similarity).filter((s): s is number => s !== null);
  const similarity = similarities.length ? Math.max(...similarities) : null;
  const covered =
    similarity === null
      ? coverage >= thresholds.lexicalOnlyCoverage
      : similarity >= thresholds.strongSimilarity ||
        (similarity >= thresholds.moderateSimilarity && coverage >= thresholds.moderateCoverage);
  return { covered, similarity, coverage };
}
