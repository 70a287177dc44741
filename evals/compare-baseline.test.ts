import { describe, expect, it } from "vitest";
import {
  BaselineError,
  compareToBaseline,
  newlyFailingCases,
  newlyPassingCases,
  parseBaseline,
} from "./compare-baseline.js";
import type { MetricSet, MetricSummary } from "./metrics.js";

const base: MetricSet = {
  cases: 100,
  recallAt1: 0.8,
  recallAt5: 0.96,
  mrr: 0.87,
  citationValidity: 1,
  citationPrecision: 0.95,
  factCoverage: 0.92,
  citedSentenceShare: 0.9,
  refusalRecall: 1,
  refusalRecallOutOfScope: 1,
  refusalRecallNearMiss: 1,
  refusalRecallAdversarial: 1,
  refusalRecallNonexistent: 1,
  refusalPrecision: 0.98,
  answerRateLong: 0.97,
  offTopicShare: 0.02,
  turn2RecallAt5: 0.9,
  turn2FactCoverage: 0.9,
  fallbackRate: 0.1,
  latencyP50Ms: 10,
  latencyP95Ms: 30,
};

const summary = (overall: Partial<MetricSet>, answer: Partial<MetricSet> = {}): MetricSummary => ({
  overall: { ...base, ...overall },
  byKind: { answer: { ...base, ...answer } },
});

describe("compareToBaseline", () => {
  it("an equal run passes", () => {
    const c = compareToBaseline(summary({}), summary({}));
    expect(c.regressions).toEqual([]);
    expect(c.improvements).toEqual([]);
  });

  it("a worse run fails, naming the scope and metric", () => {
    const c = compareToBaseline(summary({ recallAt5: 0.9 }, { refusalPrecision: 0.9 }), summary({}));
    expect(c.regressions).toEqual([
      { scope: "overall", metric: "recallAt5", baseline: 0.96, current: 0.9 },
      { scope: "answer", metric: "refusalPrecision", baseline: 0.98, current: 0.9 },
    ]);
  });

  it("a better run passes and is reported as an improvement", () => {
    const c = compareToBaseline(summary({ recallAt5: 1, mrr: 0.9, fallbackRate: 0 }), summary({}));
    expect(c.regressions).toEqual([]);
    expect(c.improvements.map((i) => i.metric)).toEqual(["recallAt5", "mrr", "fallbackRate"]);
  });

  it("tolerates a drop of at most 0.01 absolute", () => {
    expect(compareToBaseline(summary({ mrr: 0.86 }), summary({})).regressions).toEqual([]);
    expect(compareToBaseline(summary({ mrr: 0.859 }), summary({})).regressions.map((r) => r.metric)).toEqual(["mrr"]);
  });

  it("treats a higher fallback rate as worse", () => {
    expect(compareToBaseline(summary({ fallbackRate: 0.2 }), summary({})).regressions.map((r) => r.metric)).toEqual([
      "fallbackRate",
    ]);
  });

  it("compares latency loosely: p95 must exceed 2x the baseline and grow by more than 30 ms", () => {
    const metricsOf = (p95: number, baseP95: number) =>
      compareToBaseline(summary({ latencyP95Ms: p95 }), summary({ latencyP95Ms: baseP95 })).regressions.map((r) => r.metric);
    expect(metricsOf(35, 10)).toEqual([]); // 3.5x, but only +25 ms
    expect(metricsOf(100, 55)).toEqual([]); // +45 ms, but only 1.8x
    expect(metricsOf(50, 10)).toEqual(["latencyP95Ms"]); // 5x and +40 ms
    expect(metricsOf(130, 60)).toEqual(["latencyP95Ms"]); // 2.17x and +70 ms
  });

  it("skips metrics either run could not measure", () => {
    const c = compareToBaseline(summary({ refusalRecall: null }), summary({ recallAt5: null }));
    expect(c.regressions).toEqual([]);
  });
});

describe("case-level changes", () => {
  it("lists newly failing and newly passing cases", () => {
    expect(newlyFailingCases(["a", "b"], ["b", "c"])).toEqual(["a"]);
    expect(newlyPassingCases(["a", "b"], ["b", "c", "gone"], ["a", "b", "c"])).toEqual(["c"]);
  });
});

describe("parseBaseline", () => {
  it("round-trips a valid baseline and rejects a malformed one", () => {
    const baseline = { recordedAt: "2025-01-01T00:00:00Z", mode: "extractive", cases: 100, metrics: summary({}), failedCaseIds: ["x"] };
    expect(parseBaseline(JSON.stringify(baseline), "b.json")).toEqual(baseline);
    expect(() => parseBaseline("{", "b.json")).toThrow(BaselineError);
    expect(() => parseBaseline(JSON.stringify({ ...baseline, mode: "magic" }), "b.json")).toThrow(/b\.json: not a baseline file \(mode/);
  });
});
