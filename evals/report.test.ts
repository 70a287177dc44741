import { describe, expect, it } from "vitest";
import { parseBaseline } from "./compare-baseline.js";
import type { CaseScore } from "./metrics.js";
import { buildBaseline, buildReport, renderReportMarkdown, renderTerminalSummary, verdict, type ReportInput } from "./report.js";
import { checkStandard } from "./standard.js";
import { citation, golden, makeAnswer, score } from "./test-helpers.js";

/** A run that meets the standard: two answered in-scope cases and one refusal. */
function goodScores(): CaseScore[] {
  return [
    score(
      golden({ id: "p3", kind: "answer", expect: ["practices.3"], facts: ["culture of equity"] }),
      makeAnswer({
        retrievedIds: ["practices.3", "practices.30"],
        citations: [citation(1, "practices.3", "culture of equity")],
        text: "Create a culture of equity and inclusion [1].",
      }),
      12,
    ),
    score(
      golden({ id: "bias", kind: "glossary", expect: ["glossary.implicit-bias"] }),
      makeAnswer({
        retrievedIds: ["glossary.implicit-bias"],
        citations: [citation(1, "glossary.implicit-bias", "without our awareness")],
        text: "Attitudes that work without our awareness [1].",
      }),
      30,
    ),
    score(golden({ id: "weather", kind: "refusal" }), makeAnswer({ status: "refused", text: "Not covered." }), 5),
  ];
}

function input(scores: CaseScore[], overrides: Partial<ReportInput> = {}): ReportInput {
  return {
    scores,
    mode: "extractive",
    generatedAt: "2025-06-01T12:00:00.000Z",
    goldenPath: "evals/golden.jsonl",
    totalCases: scores.length,
    filters: {},
    enforceStandard: true,
    baselinePath: "evals/baseline.json",
    baseline: null,
    ...overrides,
  };
}

/** The good run with the in-scope answer wrongly refused. */
function worseScores(): CaseScore[] {
  const scores = goodScores();
  scores[0] = score(
    golden({ id: "p3", kind: "answer", expect: ["practices.3"], facts: ["culture of equity"] }),
    makeAnswer({ status: "refused", retrievedIds: ["practices.30", "toolkit"], text: "Not covered." }),
    12,
  );
  return scores;
}

describe("standard", () => {
  it("marks each rule met, missed, or unmeasurable", () => {
    const report = buildReport(input(worseScores()));
    const byMetric = Object.fromEntries(report.standard.results.map((r) => [r.metric, r.met]));
    expect(byMetric).toMatchObject({ citationValidity: true, refusalRecall: true, refusalPrecision: false, recallAt5: false });
    expect(checkStandard(buildReport(input([goodScores()[2]!])).metrics.overall).find((r) => r.metric === "mrr")?.met).toBeNull();
  });
});

describe("verdict", () => {
  it("passes a run that meets the standard with no baseline", () => {
    expect(verdict(buildReport(input(goodScores())))).toEqual({ pass: true, reasons: [] });
  });

  it("fails below the standard unless it is not enforced, and the report still names the misses", () => {
    const enforced = verdict(buildReport(input(worseScores())));
    expect(enforced.pass).toBe(false);
    expect(enforced.reasons).toContain("below standard: refusal precision 0.500 (needs >= 0.97)");
    const lenient = buildReport(input(worseScores(), { enforceStandard: false }));
    expect(verdict(lenient).pass).toBe(true);
    expect(renderReportMarkdown(lenient)).toContain("**Standards missed: recall@5 0.500 (needs >= 0.95)");
  });

  it("fails a regression against the baseline, passes an equal run", () => {
    const baseline = buildBaseline(buildReport(input(goodScores())));
    const equal = buildReport(input(goodScores(), { baseline }));
    expect(equal.baseline.status).toBe("compared");
    expect(verdict(equal).pass).toBe(true);
    const worse = buildReport(input(worseScores(), { baseline, enforceStandard: false }));
    const v = verdict(worse);
    expect(v.pass).toBe(false);
    expect(v.reasons).toContain("regression: overall recall@5 1.000 → 0.500");
    expect(worse.baseline.status === "compared" && worse.baseline.newlyFailing).toEqual(["p3"]);
  });

  it("skips the baseline for a subset run or another mode", () => {
    const baseline = buildBaseline(buildReport(input(goodScores())));
    const subset = buildReport(input(worseScores(), { baseline, enforceStandard: false, filters: { kind: "answer" } }));
    expect(subset.baseline).toMatchObject({ status: "skipped", reason: expect.stringMatching(/subset run/) });
    expect(verdict(subset).pass).toBe(true);
    const generated = buildReport(input(goodScores(), { baseline, mode: "generated" }));
    expect(generated.baseline).toMatchObject({ status: "skipped", reason: expect.stringMatching(/extractive mode/) });
  });
});

describe("buildBaseline", () => {
  it("records metrics and failed case ids in a form parseBaseline accepts", () => {
    const baseline = buildBaseline(buildReport(input(worseScores(), { enforceStandard: false })));
    expect(baseline.failedCaseIds).toEqual(["p3"]);
    expect(parseBaseline(JSON.stringify(baseline), "baseline.json")).toEqual(baseline);
  });
});

describe("renderReportMarkdown", () => {
  it("shows each failed case with what was expected and what came back", () => {
    const md = renderReportMarkdown(buildReport(input(worseScores())));
    expect(md).toContain("## Verdict: FAIL");
    expect(md).toContain("## Failed cases (1)");
    expect(md).toContain("### `p3` (answer)");
    expect(md).toContain("- Expected: answered; sections `practices.3`");
    expect(md).toContain("- Came back: status `refused`, mode `extractive`, first expected hit at rank none");
    expect(md).toContain("- Top 5 retrieved: `practices.30`, `toolkit`");
    expect(md).toContain('- Missing facts: "culture of equity"');
    expect(md).toContain("- Cited: none");
  });

  it("lists at most the 10 slowest cases, slowest first", () => {
    const scores = Array.from({ length: 12 }, (_, i) =>
      score(golden({ id: `r${i}`, kind: "refusal" }), makeAnswer({ status: "refused" }), i + 1),
    );
    const report = buildReport(input(scores));
    expect(report.slowest.map((s) => s.id)).toEqual(["r11", "r10", "r9", "r8", "r7", "r6", "r5", "r4", "r3", "r2"]);
    expect(renderReportMarkdown(report)).toContain("| `r11` | refusal | refused | 12.0 ms |");
  });

  it("escapes table pipes and states the tolerances", () => {
    const md = renderReportMarkdown(buildReport(input(goodScores())));
    expect(md).toContain("may drop by at most 0.01");
    expect(md).toContain("| recall@5 | 1.000 | 1.000 | 1.000 | n/a |");
  });
});

describe("renderTerminalSummary", () => {
  it("prints an aligned metrics table with the standard column and the verdict", () => {
    const text = renderTerminalSummary(buildReport(input(worseScores())), "evals/report.md");
    const lines = text.split("\n");
    const header = lines.find((l) => l.startsWith("metric"))!;
    const recall = lines.find((l) => l.startsWith("recall@5"))!;
    expect(header.indexOf("overall")).toBe(recall.indexOf("0.500"));
    expect(recall).toContain(">= 0.95 MISSED");
    expect(text).not.toContain("fallback rate");
    expect(text).toMatch(/FAIL\n {2}- below standard: recall@5/);
  });
});
