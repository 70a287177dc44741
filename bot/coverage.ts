// Decides whether the corpus covers a question, from calibrated evidence rather than a
// list of topics.
//
// Method: a logistic model over a few signals measured on the top retrieved sections.
//   similarity   - cosine similarity of the question to the best chunk (USE lite), which
//                  recognises paraphrases that share no words with the sources;
//   coverage     - IDF-weighted share of the question's content words found in one single
//                  top section (title, text and search keywords);
//   titleCoverage - the same share for the best top section's title alone: a question that
//                  names what it asks about ("the Governing for Equity report") is covered;
//   unknown      - IDF-weighted share of the question's words the corpus never uses at all
//                  ("weather", "Super Bowl", "recipe");
//   textScore    - log of the best BM25 score per question word;
//   agreement    - 1 when vector search and full-text search rank the same section first;
//   length       - log of the number of content words (long questions carry filler words,
//                  so their coverage reads lower);
//   missing answer - the question asks for a kind of fact (an amount, a date, a phone number,
//                  an email address) that the section best matching it does not state:
//                  "how much are the dues" needs a figure, "what's the deadline" a date.
// The weights and the threshold are fitted by `npx tsx evals/tune-coverage.ts` on the golden
// set (evals/golden.jsonl), which also reports leave-one-out accuracy; refusals are weighted
// up so that out-of-scope questions are refused even at some cost in over-refusal.
import type { CorpusStats } from "../retrieval/corpus-stats.js";
import type { RetrievedSection } from "../retrieval/retrieve-sections.js";

export const COVERAGE_FEATURES = ["similarity", "coverage", "titleCoverage", "unknown", "length", "missingAnswer", "textScore", "agreement"] as const;
export type CoverageFeatures = Record<(typeof COVERAGE_FEATURES)[number], number>;

export interface CoverageModel {
  bias: number;
  weights: CoverageFeatures;
  /** Covered when the model's probability is at least this. */
  threshold: number;
}

export const DEFAULT_COVERAGE_MODEL: CoverageModel = {
  bias: -4.106,
  weights: {
    similarity: 0.343,
    coverage: 1.295,
    titleCoverage: 0.177,
    unknown: -1.437,
    length: 0.961,
    missingAnswer: -1.386,
    textScore: 1.659,
    agreement: 0.992,
  },
  threshold: 0.515,
};

export interface CoverageEvidence {
  covered: boolean;
  probability: number;
  features: CoverageFeatures;
}

const SECTIONS_CONSIDERED = 3;
/** Kinds of fact a question can ask for, and what a section must contain to state one. */
const ANSWER_TYPES: Array<{ asks: RegExp; states: RegExp }> = [
  { asks: /\b(?:phone|telephone)\b/i, states: /\(?\d{3}\)?[\s.-]\d{3}[\s.-]\d{4}/ },
  { asks: /\be-?mail\s+address\b/i, states: /@/ },
  {
    asks: /\b(?:how\s+(?:many|much)|what\s+percent(?:age)?|percentage|costs?|price|fees?|dues|salary|salaries|tax\s+rate|budget\s+(?:numbers?|figures?)|number\s+of)\b/i,
    states: /[$%]|\d/,
  },
  {
    asks: /\b(?:when|deadline|dates?|what\s+year|what\s+time|schedule)\b/i,
    states: /\b(?:January|February|March|April|May|June|July|August|September|October|November|December|(?:19|20)\d\d)\b/,
  },
];

export function coverageFeatures(
  question: string,
  questionTerms: readonly string[],
  retrieved: readonly RetrievedSection[],
  stats: CorpusStats,
): CoverageFeatures {
  const top = retrieved.slice(0, SECTIONS_CONSIDERED);
  const unique = [...new Set(questionTerms)];
  const totalWeight = unique.reduce((sum, t) => sum + stats.idf(t), 0);
  const unknownWeight = unique.filter((t) => !stats.knows(t)).reduce((sum, t) => sum + stats.idf(t), 0);
  const similarities = top.map((r) => r.similarity).filter((s): s is number => s !== null);
  const coverages = top.map((r) => stats.coverage(unique, r.section.id));
  // The section that best matches the question's words is the one that would have to hold the fact.
  const answerSection = top[coverages.indexOf(Math.max(...coverages))]?.section;
  const wanted = ANSWER_TYPES.filter((type) => type.asks.test(question));
  const bestBy = (score: (r: RetrievedSection) => number | null) =>
    retrieved.reduce<RetrievedSection | undefined>((best, r) => ((score(r) ?? -Infinity) > ((best && score(best)) ?? -Infinity) ? r : best), undefined);
  const topText = bestBy((r) => r.bm25);
  const topVector = bestBy((r) => r.similarity);
  return {
    similarity: similarities.length ? Math.max(...similarities) : 0,
    coverage: coverages.length ? Math.max(...coverages) : 0,
    titleCoverage: top.length ? Math.max(...top.map((r) => stats.titleCoverage(unique, r.section))) : 0,
    unknown: totalWeight > 0 ? unknownWeight / totalWeight : 1,
    length: Math.log(1 + unique.length),
    textScore: Math.log(1 + (topText?.bm25 ?? 0) / Math.max(1, unique.length)),
    agreement: topText && topVector && topText.section.id === topVector.section.id ? 1 : 0,
    missingAnswer: wanted.some((type) => !answerSection || !type.states.test(answerSection.text)) ? 1 : 0,
  };
}

export function coverageProbability(features: CoverageFeatures, model: CoverageModel): number {
  let z = model.bias;
  for (const name of COVERAGE_FEATURES) z += model.weights[name] * features[name];
  return 1 / (1 + Math.exp(-z));
}

export function assessCoverage(
  question: string,
  questionTerms: readonly string[],
  retrieved: readonly RetrievedSection[],
  stats: CorpusStats,
  model: CoverageModel = DEFAULT_COVERAGE_MODEL,
): CoverageEvidence {
  const features = coverageFeatures(question, questionTerms, retrieved, stats);
  if (retrieved.length === 0 || questionTerms.length === 0) return { covered: false, probability: 0, features };
  const probability = coverageProbability(features, model);
  return { covered: probability >= model.threshold, probability, features };
}
