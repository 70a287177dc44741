// The standards the extractive eval is held to: the dev standard on the golden set (the eval
// issue), and the test standard on the sealed test set (the answer-quality issue), which adds
// refusal recall on near-misses, the answer rate of long questions, off-topic citations and
// the second turns of conversations.
import type { MetricSet, RatioMetric } from "./metrics.js";

export interface StandardRule {
  metric: RatioMetric;
  /** "=" means exactly the threshold (used for 1.0 rules); "<=" for a share that must stay low. */
  op: ">=" | "=" | "<=";
  threshold: number;
}

export const DEV_STANDARD: readonly StandardRule[] = [
  { metric: "recallAt5", op: ">=", threshold: 0.95 },
  { metric: "mrr", op: ">=", threshold: 0.85 },
  { metric: "citationValidity", op: "=", threshold: 1 },
  { metric: "citationPrecision", op: ">=", threshold: 0.95 },
  { metric: "refusalRecall", op: "=", threshold: 1 },
  { metric: "refusalPrecision", op: ">=", threshold: 0.97 },
  { metric: "factCoverage", op: ">=", threshold: 0.9 },
];

export const TEST_STANDARD: readonly StandardRule[] = [
  { metric: "recallAt5", op: ">=", threshold: 0.97 },
  { metric: "mrr", op: ">=", threshold: 0.9 },
  { metric: "citationValidity", op: "=", threshold: 1 },
  { metric: "refusalRecall", op: ">=", threshold: 0.95 },
  { metric: "refusalRecallNearMiss", op: ">=", threshold: 0.9 },
  { metric: "refusalPrecision", op: ">=", threshold: 0.97 },
  { metric: "answerRateLong", op: ">=", threshold: 0.95 },
  { metric: "factCoverage", op: ">=", threshold: 0.9 },
  { metric: "offTopicShare", op: "<=", threshold: 0.05 },
  { metric: "turn2RecallAt5", op: ">=", threshold: 0.9 },
];

export const STANDARDS = { dev: DEV_STANDARD, test: TEST_STANDARD } as const;
export type StandardName = keyof typeof STANDARDS;

export interface StandardResult extends StandardRule {
  value: number | null;
  /** Null when the run had nothing to measure it on (a subset without such cases). */
  met: boolean | null;
}

// Ratios are sums of floats; this keeps 0.95 from failing ">= 0.95" by a rounding error.
const EPSILON = 1e-9;

export function checkStandard(metrics: MetricSet, rules: readonly StandardRule[] = DEV_STANDARD): StandardResult[] {
  return rules.map((rule) => {
    const value = metrics[rule.metric];
    const met =
      value === null
        ? null
        : rule.op === "="
          ? Math.abs(value - rule.threshold) <= EPSILON
          : rule.op === "<="
            ? value <= rule.threshold + EPSILON
            : value >= rule.threshold - EPSILON;
    return { ...rule, value, met };
  });
}

export function missedStandards(results: readonly StandardResult[]): StandardResult[] {
  return results.filter((r) => r.met === false);
}
