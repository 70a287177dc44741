// Pure metric functions: a golden case plus what answer() returned in, scores out. Nothing
// here touches the index, so every metric is unit-tested on small hand-made cases.
import type { Answer, AnswerMode, AnswerStatus, RefusalKind } from "../bot/core/answer-types.js";
import { citedSentences, markerNumbers, stripMarkers } from "../bot/core/citation-markers.js";
import { normaliseForQuote, verifyCitations, type CitableSection, type CitationProblem } from "../bot/core/verify-citations.js";
import { familyOf } from "../corpus/id-scheme.js";
import type { GoldenCase, GoldenKind, RefusalSubtype } from "./golden-set.js";

export { familyOf };

/** Retrieval and failure reports look this deep into the ranked list. */
export const TOP_K = 5;

// ---- retrieval -------------------------------------------------------------------------

/**
 * An expected id is hit by itself or by a descendant, matched by whole id segments:
 * `practices.3` is hit by `practices.3.leadership.a` but not by `practices.30`.
 */
export function idHits(candidateId: string, expectedId: string): boolean {
  return candidateId === expectedId || candidateId.startsWith(`${expectedId}.`);
}

export function hitsAnyExpected(candidateId: string, expected: readonly string[]): boolean {
  return expected.some((e) => idHits(candidateId, e));
}

/** 1-based rank of the first retrieved id that hits an expected id, or null when none does. */
export function firstHitRank(retrievedIds: readonly string[], expected: readonly string[]): number | null {
  const index = retrievedIds.findIndex((id) => hitsAnyExpected(id, expected));
  return index === -1 ? null : index + 1;
}

export function hitWithin(rank: number | null, k: number): boolean {
  return rank !== null && rank <= k;
}

export function reciprocalRank(rank: number | null): number {
  return rank === null ? 0 : 1 / rank;
}

// ---- citations -------------------------------------------------------------------------

export type SectionLookup = (id: string) => CitableSection | undefined;

export interface CitationResult {
  total: number;
  /** The [n] numbers whose quote is verbatim in an existing cited section. */
  verifiedNs: number[];
  problems: CitationProblem[];
}

export function checkCitations(answer: Pick<Answer, "citations">, getSection: SectionLookup): CitationResult {
  const sections = new Map<string, CitableSection>();
  for (const c of answer.citations) {
    const section = getSection(c.sectionId);
    if (section) sections.set(c.sectionId, { id: section.id, text: section.text });
  }
  const { problems } = verifyCitations(answer, sections);
  const failed = new Set(problems.map((p) => `${p.n}\u0000${p.sectionId}`));
  const verifiedNs = answer.citations.filter((c) => !failed.has(`${c.n}\u0000${c.sectionId}`)).map((c) => c.n);
  return { total: answer.citations.length, verifiedNs, problems };
}

// ---- groundedness ----------------------------------------------------------------------

/** Case-insensitive, whitespace- and punctuation-style-insensitive form; [n] markers are dropped so they never split a phrase. */
export function normaliseForFacts(text: string): string {
  return normaliseForQuote(stripMarkers(text, " ")).toLowerCase();
}

export function missingFacts(answerText: string, facts: readonly string[]): string[] {
  const haystack = normaliseForFacts(answerText);
  return facts.filter((f) => !haystack.includes(normaliseForFacts(f)));
}

/**
 * Splits answer text into sentences (retrieval/text/sentences.ts, the splitter every part of
 * the project uses), each keeping the [n] markers that trail it. Pieces without a word
 * character, such as a line of markers alone, are dropped.
 */
export function splitSentences(text: string): string[] {
  return citedSentences(text)
    .map((sentence) => sentence.text)
    .filter((s) => /[\p{L}\p{N}]/u.test(stripMarkers(s)));
}

/** The sentence with its [n] markers taken out. */
export function withoutMarkers(sentence: string): string {
  return stripMarkers(sentence).replace(/\s+([.!?,;:])/g, "$1").replace(/\s+/g, " ").trim();
}

/** Marker numbers of a sentence; re-exported for faithfulness.ts, which reads answers through these metrics. */
export { markerNumbers };

export function countCitedSentences(text: string, verifiedNs: readonly number[]): { total: number; cited: number } {
  const verified = new Set(verifiedNs);
  const sentences = splitSentences(text);
  const cited = sentences.filter((s) => markerNumbers(s).some((n) => verified.has(n))).length;
  return { total: sentences.length, cited };
}

// ---- per case --------------------------------------------------------------------------

export interface CaseRun {
  golden: GoldenCase;
  answer: Answer;
  /** Wall time of the answer() call, measured by the runner. */
  wallMs: number;
  /** 1-based turn within its conversation; undefined for a case on its own. */
  turn?: number;
}

/** Questions this long (in words) are the scene-setting kind whose answer rate is reported apart. */
export const LONG_QUESTION_WORDS = 15;

/** Whether an answer cites a section outside the family of every expected id. */
export function citesOffTopic(citedIds: readonly string[], expected: readonly string[]): boolean {
  const families = new Set(expected.map(familyOf));
  return citedIds.some((id) => !families.has(familyOf(id)));
}

export interface CaseScore {
  id: string;
  kind: GoldenKind;
  /** Refusal cases: out-of-scope, near-miss, adversarial, nonexistent-item... */
  subtype: RefusalSubtype | null;
  /** Words in the question. */
  words: number;
  /** 1-based turn within its conversation; null for a case on its own. */
  turn: number | null;
  /** Null unless an answer case was answered: it cites a section of another family. */
  offTopic: boolean | null;
  question: string;
  status: AnswerStatus;
  /** Refused answers: why (Answer.refusal); null otherwise. */
  refusal: RefusalKind | null;
  mode: AnswerMode;
  wallMs: number;
  expect: string[];
  topRetrieved: string[];
  citedIds: string[];
  /** Null for refusal cases, which expect no sections. */
  firstHitRank: number | null;
  citations: CitationResult;
  /** Null unless an in-scope case was answered. */
  citesExpected: boolean | null;
  facts: { total: number; missing: string[] };
  /** Counted only for answered cases (zero otherwise). */
  sentences: { total: number; cited: number };
  /** Null unless the run was in generated mode and the case was answered. */
  fellBackToExtractive: boolean | null;
  answerText: string;
  /** Why the case failed; empty when it passed. */
  failures: string[];
}

export function isInScope(kind: GoldenKind): boolean {
  return kind !== "refusal";
}

export function scoreCase(run: CaseRun, runMode: AnswerMode, getSection: SectionLookup): CaseScore {
  const { golden, answer } = run;
  const inScope = isInScope(golden.kind);
  const answered = answer.status === "answered";
  const retrievedIds = answer.retrieved.map((r) => r.sectionId);
  const rank = inScope ? firstHitRank(retrievedIds, golden.expect) : null;
  const citations = checkCitations(answer, getSection);
  const missing = inScope ? missingFacts(answer.text, golden.facts) : [];

  const failures: string[] = [];
  if (inScope) {
    if (!hitWithin(rank, TOP_K)) failures.push(`no expected id in the top ${TOP_K} retrieved`);
    if (!answered) failures.push(`in-scope question not answered (status ${answer.status})`);
    if (missing.length > 0) failures.push(`${missing.length} of ${golden.facts.length} facts missing`);
  } else if (answered) {
    failures.push("out-of-scope question answered");
  }
  if (citations.problems.length > 0) failures.push(`${citations.problems.length} citation(s) failed verification`);

  return {
    id: golden.id,
    kind: golden.kind,
    subtype: golden.subtype ?? null,
    words: golden.q.trim().split(/\s+/).filter(Boolean).length,
    turn: run.turn ?? null,
    offTopic: golden.kind === "answer" && answered ? citesOffTopic(answer.citations.map((c) => c.sectionId), golden.expect) : null,
    question: golden.q,
    status: answer.status,
    refusal: answer.refusal ?? null,
    mode: answer.mode,
    wallMs: run.wallMs,
    expect: golden.expect,
    topRetrieved: retrievedIds.slice(0, TOP_K),
    citedIds: answer.citations.map((c) => c.sectionId),
    firstHitRank: rank,
    citations,
    citesExpected: inScope && answered ? answer.citations.some((c) => hitsAnyExpected(c.sectionId, golden.expect)) : null,
    facts: { total: inScope ? golden.facts.length : 0, missing },
    sentences: answered ? countCitedSentences(answer.text, citations.verifiedNs) : { total: 0, cited: 0 },
    fellBackToExtractive: runMode === "generated" && answered ? answer.mode === "extractive" : null,
    answerText: answer.text,
    failures,
  };
}

// ---- aggregation -----------------------------------------------------------------------

/** Every ratio is in [0, 1]; null when nothing in the run could be measured (e.g. no refusal cases in a --kind answer run). */
export interface MetricSet {
  cases: number;
  recallAt1: number | null;
  recallAt5: number | null;
  mrr: number | null;
  citationValidity: number | null;
  citationPrecision: number | null;
  factCoverage: number | null;
  citedSentenceShare: number | null;
  refusalRecall: number | null;
  refusalRecallOutOfScope: number | null;
  refusalRecallNearMiss: number | null;
  refusalRecallAdversarial: number | null;
  refusalRecallNonexistent: number | null;
  refusalPrecision: number | null;
  /** In-scope questions of LONG_QUESTION_WORDS or more that were answered. */
  answerRateLong: number | null;
  /** Answered answer cases citing a section outside the family of every expected id (lower is better). */
  offTopicShare: number | null;
  /** Recall@5 and fact coverage on the second and later turns of conversations. */
  turn2RecallAt5: number | null;
  turn2FactCoverage: number | null;
  fallbackRate: number | null;
  latencyP50Ms: number | null;
  latencyP95Ms: number | null;
}

export type RatioMetric = Exclude<keyof MetricSet, "cases" | "latencyP50Ms" | "latencyP95Ms">;

/** Every ratio metric; all are better higher except the fallback rate. */
export const RATIO_METRICS: readonly RatioMetric[] = [
  "recallAt1",
  "recallAt5",
  "mrr",
  "citationValidity",
  "citationPrecision",
  "factCoverage",
  "citedSentenceShare",
  "refusalRecall",
  "refusalRecallOutOfScope",
  "refusalRecallNearMiss",
  "refusalRecallAdversarial",
  "refusalRecallNonexistent",
  "refusalPrecision",
  "answerRateLong",
  "offTopicShare",
  "turn2RecallAt5",
  "turn2FactCoverage",
  "fallbackRate",
];

export function ratio(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : numerator / denominator;
}

function mean(values: readonly number[]): number | null {
  return values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length;
}

/** Nearest-rank percentile (p in 0..100) of unsorted values; null for no values. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1] ?? null;
}

const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);

export function aggregate(scores: readonly CaseScore[]): MetricSet {
  const inScope = scores.filter((s) => isInScope(s.kind));
  const refusals = scores.filter((s) => s.kind === "refusal");
  const ranks = inScope.map((s) => s.firstHitRank);
  const answered = scores.filter((s) => s.status === "answered");
  const answeredInScope = inScope.filter((s) => s.status === "answered");
  const generationAttempts = scores.filter((s) => s.fellBackToExtractive !== null);
  const latencies = scores.map((s) => s.wallMs);
  const refusedShare = (subtype: RefusalSubtype) => {
    const of = refusals.filter((s) => s.subtype === subtype);
    return ratio(of.filter((s) => s.status !== "answered").length, of.length);
  };
  const long = inScope.filter((s) => s.words >= LONG_QUESTION_WORDS);
  const answeredAnswers = scores.filter((s) => s.offTopic !== null);
  const laterTurns = inScope.filter((s) => s.turn !== null && s.turn >= 2);
  const factShare = (of: readonly CaseScore[]) => ratio(sum(of.map((s) => s.facts.total - s.facts.missing.length)), sum(of.map((s) => s.facts.total)));

  return {
    cases: scores.length,
    recallAt1: mean(ranks.map((r) => (hitWithin(r, 1) ? 1 : 0))),
    recallAt5: mean(ranks.map((r) => (hitWithin(r, TOP_K) ? 1 : 0))),
    mrr: mean(ranks.map(reciprocalRank)),
    citationValidity: ratio(sum(scores.map((s) => s.citations.verifiedNs.length)), sum(scores.map((s) => s.citations.total))),
    citationPrecision: ratio(answeredInScope.filter((s) => s.citesExpected === true).length, answeredInScope.length),
    factCoverage: factShare(inScope),
    citedSentenceShare: ratio(sum(answered.map((s) => s.sentences.cited)), sum(answered.map((s) => s.sentences.total))),
    refusalRecall: ratio(refusals.filter((s) => s.status !== "answered").length, refusals.length),
    refusalRecallOutOfScope: refusedShare("out-of-scope"),
    refusalRecallNearMiss: refusedShare("near-miss"),
    refusalRecallAdversarial: refusedShare("adversarial"),
    refusalRecallNonexistent: refusedShare("nonexistent-item"),
    refusalPrecision: ratio(inScope.filter((s) => s.status === "answered").length, inScope.length),
    answerRateLong: ratio(long.filter((s) => s.status === "answered").length, long.length),
    offTopicShare: ratio(answeredAnswers.filter((s) => s.offTopic).length, answeredAnswers.length),
    turn2RecallAt5: mean(laterTurns.map((s) => (hitWithin(s.firstHitRank, TOP_K) ? 1 : 0))),
    turn2FactCoverage: factShare(laterTurns),
    fallbackRate: ratio(generationAttempts.filter((s) => s.fellBackToExtractive === true).length, generationAttempts.length),
    latencyP50Ms: percentile(latencies, 50),
    latencyP95Ms: percentile(latencies, 95),
  };
}

export interface MetricSummary {
  overall: MetricSet;
  byKind: Partial<Record<GoldenKind, MetricSet>>;
}

export function summarise(scores: readonly CaseScore[]): MetricSummary {
  const byKind: Partial<Record<GoldenKind, MetricSet>> = {};
  for (const kind of ["answer", "glossary", "refusal"] as const) {
    const ofKind = scores.filter((s) => s.kind === kind);
    if (ofKind.length > 0) byKind[kind] = aggregate(ofKind);
  }
  return { overall: aggregate(scores), byKind };
}
