// Regression check against the committed baseline. Quality ratios are compared tightly;
// latency only loosely, because wall time on a shared 2-core machine is noisy.
import { z } from "zod";
import { RATIO_METRICS, type MetricSet, type MetricSummary, type RatioMetric } from "./metrics.js";

export interface Tolerances {
  /** Largest allowed drop (absolute) of any quality ratio. */
  ratio: number;
  /** p95 latency regresses only when it is above baseline × this factor ... */
  latencyP95Factor: number;
  /** ... and also more than this many milliseconds above the baseline. */
  latencyP95MinIncreaseMs: number;
}

export const DEFAULT_TOLERANCES: Tolerances = { ratio: 0.01, latencyP95Factor: 2, latencyP95MinIncreaseMs: 30 };

/** Ratios where higher is better; fallbackRate is the one where lower is better. */
const LOWER_IS_BETTER: readonly RatioMetric[] = ["fallbackRate", "offTopicShare"];
const HIGHER_IS_BETTER = RATIO_METRICS.filter((m) => !LOWER_IS_BETTER.includes(m));

export type Scope = "overall" | "answer" | "glossary" | "refusal";

export interface MetricChange {
  scope: Scope;
  metric: keyof MetricSet;
  baseline: number;
  current: number;
}

export interface Comparison {
  regressions: MetricChange[];
  improvements: MetricChange[];
}

// Guards against float noise turning an equal run into a 1e-16 "regression".
const EPSILON = 1e-9;

function compareSets(scope: Scope, current: MetricSet, baseline: MetricSet, tol: Tolerances, out: Comparison): void {
  const record = (metric: keyof MetricSet, direction: 1 | -1, allowedWorse: (b: number, c: number) => boolean) => {
    const b = baseline[metric];
    const c = current[metric];
    if (b === null || c === null) return;
    const change = { scope, metric, baseline: b, current: c };
    const gain = (c - b) * direction;
    if (gain < -EPSILON && !allowedWorse(b, c)) out.regressions.push(change);
    else if (gain > EPSILON) out.improvements.push(change);
  };
  for (const m of HIGHER_IS_BETTER) record(m, 1, (b, c) => b - c <= tol.ratio + EPSILON);
  for (const m of LOWER_IS_BETTER) record(m, -1, (b, c) => c - b <= tol.ratio + EPSILON);
  record(
    "latencyP95Ms",
    -1,
    (b, c) => c <= b * tol.latencyP95Factor || c - b <= tol.latencyP95MinIncreaseMs,
  );
}

/** Compares overall metrics and every kind present in both runs. */
export function compareToBaseline(
  current: MetricSummary,
  baseline: MetricSummary,
  tolerances: Tolerances = DEFAULT_TOLERANCES,
): Comparison {
  const out: Comparison = { regressions: [], improvements: [] };
  compareSets("overall", current.overall, baseline.overall, tolerances, out);
  for (const kind of ["answer", "glossary", "refusal"] as const) {
    const c = current.byKind[kind];
    const b = baseline.byKind[kind];
    if (c && b) compareSets(kind, c, b, tolerances, out);
  }
  return out;
}

/** Cases failing now that passed (or did not exist) in the baseline: shown in the report, not gated on. */
export function newlyFailingCases(currentFailedIds: readonly string[], baselineFailedIds: readonly string[]): string[] {
  const before = new Set(baselineFailedIds);
  return currentFailedIds.filter((id) => !before.has(id));
}

export function newlyPassingCases(
  currentFailedIds: readonly string[],
  baselineFailedIds: readonly string[],
  currentCaseIds: readonly string[],
): string[] {
  const now = new Set(currentFailedIds);
  const ran = new Set(currentCaseIds);
  return baselineFailedIds.filter((id) => ran.has(id) && !now.has(id));
}

// ---- the baseline file -------------------------------------------------------------------

const nullableNumber = z.number().nullable();
const MetricSetSchema = z.object({
  cases: z.number(),
  recallAt1: nullableNumber,
  recallAt5: nullableNumber,
  mrr: nullableNumber,
  citationValidity: nullableNumber,
  citationPrecision: nullableNumber,
  factCoverage: nullableNumber,
  citedSentenceShare: nullableNumber,
  refusalRecall: nullableNumber,
  // Added with the test set: a baseline recorded before them has none (nothing to compare).
  refusalRecallOutOfScope: nullableNumber.default(null),
  refusalRecallNearMiss: nullableNumber.default(null),
  refusalRecallAdversarial: nullableNumber.default(null),
  refusalRecallNonexistent: nullableNumber.default(null),
  refusalPrecision: nullableNumber,
  answerRateLong: nullableNumber.default(null),
  offTopicShare: nullableNumber.default(null),
  turn2RecallAt5: nullableNumber.default(null),
  turn2FactCoverage: nullableNumber.default(null),
  fallbackRate: nullableNumber,
  latencyP50Ms: nullableNumber,
  latencyP95Ms: nullableNumber,
});

export const BaselineSchema = z.object({
  recordedAt: z.string(),
  mode: z.enum(["extractive", "generated"]),
  cases: z.number().int(),
  metrics: z.object({
    overall: MetricSetSchema,
    byKind: z.object({
      answer: MetricSetSchema.optional(),
      glossary: MetricSetSchema.optional(),
      refusal: MetricSetSchema.optional(),
    }),
  }),
  failedCaseIds: z.array(z.string()),
});

export type Baseline = z.infer<typeof BaselineSchema>;

export class BaselineError extends Error {}

export function parseBaseline(text: string, file: string): Baseline {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new BaselineError(`${file}: invalid JSON (${(err as Error).message})`);
  }
  const parsed = BaselineSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    throw new BaselineError(`${file}: not a baseline file (${problems.join("; ")})`);
  }
  return parsed.data;
}
