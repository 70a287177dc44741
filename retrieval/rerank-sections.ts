// Reorders the fused candidates by a learned listwise model. Reciprocal rank fusion sees only
// each list's ranks; it cannot see that a candidate holds every rare word of the question
// while the one above it holds half, or that the one above is a program block found by a
// generic word. The reranker weighs, per candidate, its fused score and ranks beside how much
// of the question (and of its asking clause) the section's own words cover, which kind of
// section it is, and how closely the question resembles a training question the section
// answers (its nearest neighbour: writers who ask alike are asking for the same section; the
// search index holds those questions too, but a fused score dilutes one close match). It is fitted by `npx tsx evals/tune-rerank.ts` on the training questions,
// each searched against an index that does not hold it or any question by its writer
// (evals/cross-fit-coverage.ts collects them), and checked on writers held out of the fit.
import type { SectionKind } from "../corpus/section.js";
import type { RetrievedSection } from "./retrieve-sections.js";
import type { CorpusStats } from "./text/corpus-stats.js";
import { contentTerms } from "./text/text-terms.js";
import fittedModel from "./rerank-model.json" with { type: "json" };

export const RERANK_FEATURES = [
  "scoreShare",
  "reciprocalRank",
  "hasSimilarity",
  "similarityGap",
  "similarityRank",
  "bm25Share",
  "bm25Rank",
  "coverage",
  "askCoverage",
  "titleCoverage",
  "askMissing",
  "length",
  "answeredAlike",
] as const;
export type RerankFeatureName = (typeof RERANK_FEATURES)[number];

export interface RerankModel {
  /** How many of the fused candidates are reordered; the rest keep their place after them. */
  depth: number;
  weights: Record<RerankFeatureName, number>;
  /** A prior per kind of section, as the training questions found them. */
  kinds: Partial<Record<SectionKind, number>>;
}

/** Fitted by `npx tsx evals/tune-rerank.ts`; do not edit by hand. */
export const DEFAULT_RERANK_MODEL: RerankModel = fittedModel as RerankModel;

/**
 * The features of each candidate, read from its fused score rather than its place in the
 * list, so they are the same whatever order the list arrives in (the fit reads candidates as
 * the pipeline finally ordered them).
 */
export function rerankFeatures(candidates: readonly RetrievedSection[], question: string, askingClause: string, stats: CorpusStats): number[][] {
  const terms = [...new Set(contentTerms(question))];
  const asked = [...new Set(contentTerms(askingClause))];
  const topScore = Math.max(Number.MIN_VALUE, ...candidates.map((c) => c.score));
  const fusedRank = (c: RetrievedSection) => 1 + candidates.filter((o) => o.score > c.score).length;
  const similarities = candidates.map((c) => c.similarity).filter((s): s is number => s !== null);
  const maxSimilarity = similarities.length ? Math.max(...similarities) : 0;
  const maxBm25 = Math.max(0, ...candidates.map((c) => c.bm25 ?? 0));
  const rankBy = (value: (c: RetrievedSection) => number | null, c: RetrievedSection) => {
    const own = value(c);
    return own === null ? 0 : 1 / (1 + candidates.filter((o) => (value(o) ?? -Infinity) > own).length);
  };
  const maxIdf = Math.max(1e-9, ...asked.map((t) => stats.idf(t)));
  const alike = answeredAlikeOf(candidates, question, stats);
  return candidates.map((c, i) => [
    c.score / topScore,
    1 / fusedRank(c),
    c.similarity === null ? 0 : 1,
    c.similarity === null ? 0 : c.similarity - maxSimilarity,
    rankBy((o) => o.similarity, c),
    c.bm25 === null || maxBm25 === 0 ? 0 : c.bm25 / maxBm25,
    rankBy((o) => o.bm25, c),
    stats.coverage(terms, c.section.id),
    asked.length ? stats.coverage(asked, c.section.id) : stats.coverage(terms, c.section.id),
    stats.titleCoverage(terms, c.section),
    Math.max(0, ...asked.filter((t) => !stats.termsOf(c.section.id).has(t)).map((t) => stats.idf(t))) / maxIdf,
    Math.log(1 + c.section.text.split(/\s+/).length) / 5,
    alike[i]!,
  ]);
}

/** Each candidate's resemblance to the training questions it answers: as the hit carries it (the tuner's samples), else from the question bank. */
function answeredAlikeOf(candidates: readonly RetrievedSection[], question: string, stats: CorpusStats): number[] {
  if (candidates.every((c) => c.answeredAlike !== undefined)) return candidates.map((c) => c.answeredAlike!);
  return stats.askedBefore.answeredEach(question, candidates.map((c) => c.section.id));
}

export function rerankScore(features: readonly number[], kind: SectionKind, model: RerankModel): number {
  let z = model.kinds[kind] ?? 0;
  RERANK_FEATURES.forEach((name, j) => (z += (model.weights[name] ?? 0) * features[j]!));
  return z;
}

/**
 * The candidates (in fused order, best first) with the first `model.depth` reordered by the
 * model; a stable sort, so ties keep the fused order.
 */
export function rerankSections(candidates: readonly RetrievedSection[], question: string, askingClause: string, stats: CorpusStats, model: RerankModel = DEFAULT_RERANK_MODEL): RetrievedSection[] {
  if (model.depth < 2) return [...candidates];
  const alike = stats.askedBefore.answeredEach(question, candidates.slice(0, model.depth).map((c) => c.section.id));
  const head = candidates.slice(0, model.depth).map((c, i) => ({ ...c, answeredAlike: alike[i]! }));
  const features = rerankFeatures(head, question, askingClause, stats);
  const scored = head.map((c, i) => ({ c, z: rerankScore(features[i]!, c.section.kind, model), i }));
  scored.sort((a, b) => b.z - a.z || a.i - b.i);
  return [...scored.map((s) => s.c), ...candidates.slice(model.depth)];
}
