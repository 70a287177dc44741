// The grounding standard from the eval issue: CI runs the extractive eval and fails below it.
import type { MetricSet, RatioMetric } from "./metrics.js";

export interface StandardRule {
  metric: RatioMetric;
  /** "=" means exactly the threshold (used for 1.0 rules). */
  op: ">=" | "=";
  threshold: number;
}

export const STANDARD: readonly StandardRule[] = [
  { metric: "recallAt5", op: ">=", threshold: 0.95 },
  { metric: "mrr", op: ">=", threshold: 0.85 },
  { metric: "citationValidity", op: "=", threshold: 1 },
  { metric: "citationPrecision", op: ">=", threshold: 0.95 },
  { metric: "refusalRecall", op: "=", threshold: 1 },
  { metric: "refusalPrecision", op: ">=", threshold: 0.97 },
  { metric: "factCoverage", op: ">=", threshold: 0.9 },
];

export interface StandardResult extends StandardRule {
  value: number | null;
  /** Null when the run had nothing to measure it on (a subset without such cases). */
  met: boolean | null;
}

// Ratios are sums of floats; this keeps 0.95 from failing ">= 0.95" by a rounding error.
const EPSILON = 1e-9;

export function checkStandard(metrics: MetricSet): StandardResult[] {
  return STANDARD.map((rule) => {
    const value = metrics[rule.metric];
    const met =
      value === null ? null : rule.op === "=" ? Math.abs(value - rule.threshold) <= EPSILON : value >= rule.threshold - EPSILON;
    return { ...rule, value, met };
  });
}

export function missedStandards(results: readonly StandardResult[]): StandardResult[] {
  return results.filter((r) => r.met === false);
}
