// Pure report building: scores and the baseline in, the report.json object, the report.md
// text, the terminal table, the new baseline and the verdict out.
import type { AnswerMode } from "../bot/core/answer-types.js";
import {
  compareToBaseline,
  DEFAULT_TOLERANCES,
  newlyFailingCases,
  newlyPassingCases,
  type Baseline,
  type Comparison,
  type MetricChange,
  type Tolerances,
} from "./compare-baseline.js";
import type { FaithfulnessSummary } from "./faithfulness.js";
import type { GoldenKind } from "./golden-set.js";
import { summarise, TOP_K, type CaseScore, type MetricSet, type MetricSummary } from "./metrics.js";
import { checkStandard, missedStandards, type StandardResult, type StandardRule } from "./standard.js";

export const SLOWEST_SHOWN = 10;

export interface RunFilters {
  kind?: GoldenKind;
  grep?: string;
  limit?: number;
}

export type BaselineOutcome =
  | { status: "compared"; path: string; recordedAt: string; comparison: Comparison; newlyFailing: string[]; newlyPassing: string[] }
  | { status: "skipped"; path: string; reason: string };

export interface EvalReport {
  generatedAt: string;
  mode: AnswerMode;
  golden: { path: string; totalCases: number };
  filters: RunFilters;
  metrics: MetricSummary;
  standard: { enforced: boolean; results: StandardResult[] };
  tolerances: Tolerances;
  baseline: BaselineOutcome;
  /** Generated mode with a judge model only; reported, never part of the standard. */
  faithfulness: FaithfulnessSummary;
  slowest: Array<Pick<CaseScore, "id" | "kind" | "status" | "wallMs">>;
  failed: CaseScore[];
  cases: CaseScore[];
}

export interface ReportInput {
  scores: CaseScore[];
  mode: AnswerMode;
  generatedAt: string;
  goldenPath: string;
  totalCases: number;
  filters: RunFilters;
  enforceStandard: boolean;
  /** Which standard the run is held to; the dev standard by default. */
  standardRules?: readonly StandardRule[];
  baselinePath: string;
  /** Null when no baseline file exists. */
  baseline: Baseline | null;
  /** Set to skip the comparison on purpose (e.g. while recording a new baseline). */
  baselineSkipReason?: string;
  tolerances?: Tolerances;
  /** From the judge model, in generated mode; absent means not measured. */
  faithfulness?: FaithfulnessSummary;
}

function isSubset(filters: RunFilters): boolean {
  return filters.kind !== undefined || filters.grep !== undefined || filters.limit !== undefined;
}

function baselineOutcome(input: ReportInput, metrics: MetricSummary, failedIds: string[], tolerances: Tolerances): BaselineOutcome {
  const { baseline, baselinePath: path } = input;
  if (input.baselineSkipReason) return { status: "skipped", path, reason: input.baselineSkipReason };
  if (!baseline) return { status: "skipped", path, reason: "no baseline file; record one with --update-baseline" };
  if (isSubset(input.filters))
    return { status: "skipped", path, reason: "subset run (--kind, --grep or --limit); the baseline covers the full golden set" };
  if (baseline.mode !== input.mode)
    return { status: "skipped", path, reason: `the baseline was recorded in ${baseline.mode} mode, this run is ${input.mode}` };
  return {
    status: "compared",
    path,
    recordedAt: baseline.recordedAt,
    comparison: compareToBaseline(metrics, baseline.metrics, tolerances),
    newlyFailing: newlyFailingCases(failedIds, baseline.failedCaseIds),
    newlyPassing: newlyPassingCases(
      failedIds,
      baseline.failedCaseIds,
      input.scores.map((s) => s.id),
    ),
  };
}

export function buildReport(input: ReportInput): EvalReport {
  const tolerances = input.tolerances ?? DEFAULT_TOLERANCES;
  const metrics = summarise(input.scores);
  const failed = input.scores.filter((s) => s.failures.length > 0);
  return {
    generatedAt: input.generatedAt,
    mode: input.mode,
    golden: { path: input.goldenPath, totalCases: input.totalCases },
    filters: input.filters,
    metrics,
    standard: { enforced: input.enforceStandard, results: checkStandard(metrics.overall, input.standardRules) },
    tolerances,
    baseline: baselineOutcome(
      input,
      metrics,
      failed.map((s) => s.id),
      tolerances,
    ),
    faithfulness: input.faithfulness ?? { measured: false, reason: "not measured in this run" },
    slowest: [...input.scores]
      .sort((a, b) => b.wallMs - a.wallMs)
      .slice(0, SLOWEST_SHOWN)
      .map(({ id, kind, status, wallMs }) => ({ id, kind, status, wallMs })),
    failed,
    cases: input.scores,
  };
}

// ---- verdict -----------------------------------------------------------------------------

export interface Verdict {
  pass: boolean;
  reasons: string[];
}

export function verdict(report: EvalReport): Verdict {
  const reasons: string[] = [];
  if (report.baseline.status === "compared")
    for (const r of report.baseline.comparison.regressions) reasons.push(`regression: ${describeChange(r)}`);
  const missed = missedStandards(report.standard.results);
  if (report.standard.enforced)
    for (const m of missed) reasons.push(`below standard: ${METRIC_LABELS[m.metric]} ${formatValue(m.metric, m.value)} (needs ${m.op} ${m.threshold})`);
  return { pass: reasons.length === 0, reasons };
}

/** What goes into evals/baseline.json: quality metrics and which cases failed, nothing run-specific beyond the date. */
export function buildBaseline(report: EvalReport): Baseline {
  return {
    recordedAt: report.generatedAt,
    mode: report.mode,
    cases: report.metrics.overall.cases,
    metrics: report.metrics,
    failedCaseIds: report.failed.map((s) => s.id),
  };
}

// ---- formatting --------------------------------------------------------------------------

export const METRIC_LABELS: Record<keyof MetricSet, string> = {
  cases: "cases",
  recallAt1: "recall@1",
  recallAt5: "recall@5",
  mrr: "MRR",
  citationValidity: "citation validity",
  citationPrecision: "citation precision",
  factCoverage: "fact coverage",
  citedSentenceShare: "cited-sentence share",
  refusalRecall: "refusal recall",
  refusalRecallOutOfScope: "  out-of-scope",
  refusalRecallNearMiss: "  near-miss",
  refusalRecallAdversarial: "  adversarial",
  refusalRecallNonexistent: "  nonexistent item",
  refusalPrecision: "refusal precision",
  answerRateLong: "answered, 15+ words",
  offTopicShare: "off-topic citations",
  turn2RecallAt5: "turn-2 recall@5",
  turn2FactCoverage: "turn-2 fact coverage",
  fallbackRate: "fallback rate",
  latencyP50Ms: "latency p50",
  latencyP95Ms: "latency p95",
};

// The labels' order is the table's row order.
const METRIC_ROWS = Object.keys(METRIC_LABELS) as Array<keyof MetricSet>;

export function formatValue(metric: keyof MetricSet, value: number | null): string {
  if (value === null) return "n/a";
  if (metric === "cases") return String(value);
  if (metric === "latencyP50Ms" || metric === "latencyP95Ms") return `${value.toFixed(1)} ms`;
  return value.toFixed(3);
}

function describeChange(c: MetricChange): string {
  return `${c.scope} ${METRIC_LABELS[c.metric]} ${formatValue(c.metric, c.baseline)} → ${formatValue(c.metric, c.current)}`;
}

function scopes(report: EvalReport): Array<{ name: string; set: MetricSet }> {
  const out = [{ name: "overall", set: report.metrics.overall }];
  for (const kind of ["answer", "glossary", "refusal"] as const) {
    const set = report.metrics.byKind[kind];
    if (set) out.push({ name: kind, set });
  }
  return out;
}

/** Rows that only some question sets can measure (subtypes, conversations) are shown when they can. */
const OPTIONAL_ROWS: ReadonlySet<keyof MetricSet> = new Set([
  "refusalRecallOutOfScope",
  "refusalRecallNearMiss",
  "refusalRecallAdversarial",
  "refusalRecallNonexistent",
  "answerRateLong",
  "turn2RecallAt5",
  "turn2FactCoverage",
]);

function rowsShown(report: EvalReport): Array<keyof MetricSet> {
  // Fallback rate only means something in generated mode.
  return METRIC_ROWS.filter((m) => (m !== "fallbackRate" || report.mode === "generated") && (!OPTIONAL_ROWS.has(m) || report.metrics.overall[m] !== null));
}

function standardText(report: EvalReport, metric: keyof MetricSet): string {
  const rule = report.standard.results.find((r) => r.metric === metric);
  if (!rule) return "";
  const mark = rule.met === null ? "n/a" : rule.met ? "ok" : "MISSED";
  return `${rule.op} ${rule.threshold} ${mark}`;
}

function alignTable(rows: string[][]): string {
  const widths = rows[0]!.map((_, col) => Math.max(...rows.map((r) => (r[col] ?? "").length)));
  return rows.map((r) => r.map((cell, col) => cell.padEnd(widths[col]!)).join("  ").trimEnd()).join("\n");
}

function describeFilters(filters: RunFilters): string {
  const parts = [
    filters.kind && `--kind ${filters.kind}`,
    filters.grep && `--grep ${filters.grep}`,
    filters.limit !== undefined && `--limit ${filters.limit}`,
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(" ") : "none";
}

/** The short table printed to stdout. */
export function renderTerminalSummary(report: EvalReport, reportPath: string, showVerdict = true): string {
  const cols = scopes(report);
  const header = ["metric", ...cols.map((c) => c.name), "standard"];
  const rows = rowsShown(report).map((m) => [
    METRIC_LABELS[m],
    ...cols.map((c) => formatValue(m, c.set[m])),
    standardText(report, m),
  ]);
  const v = verdict(report);
  const lines = [
    `Eval: ${report.metrics.overall.cases} cases, ${report.mode} mode, filters: ${describeFilters(report.filters)}`,
    "",
    alignTable([header, ...rows]),
    "",
    `Failed cases: ${report.failed.length}. Report: ${reportPath}`,
    baselineLine(report),
  ];
  if (report.mode === "generated") lines.push(renderFaithfulness(report.faithfulness).replaceAll("`", ""));
  if (!report.standard.enforced && missedStandards(report.standard.results).length > 0)
    lines.push(`Standard not enforced in this run; missed: ${missedList(report)}`);
  if (showVerdict) lines.push(v.pass ? "PASS" : `FAIL\n${v.reasons.map((r) => `  - ${r}`).join("\n")}`);
  return lines.join("\n");
}

function baselineLine(report: EvalReport): string {
  const b = report.baseline;
  if (b.status === "skipped") return `Baseline: not compared (${b.reason}).`;
  const { regressions, improvements } = b.comparison;
  return `Baseline ${b.path} (${b.recordedAt}): ${regressions.length} regression(s), ${improvements.length} improvement(s), ${b.newlyFailing.length} newly failing case(s).`;
}

function missedList(report: EvalReport): string {
  return missedStandards(report.standard.results)
    .map((m) => `${METRIC_LABELS[m.metric]} ${formatValue(m.metric, m.value)} (needs ${m.op} ${m.threshold})`)
    .join(", ");
}

// ---- markdown ----------------------------------------------------------------------------

function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\s+/g, " ");
}

function mdTable(header: string[], rows: string[][]): string {
  return [
    `| ${header.map(cell).join(" | ")} |`,
    `| ${header.map(() => "---").join(" | ")} |`,
    ...rows.map((r) => `| ${r.map(cell).join(" | ")} |`),
  ].join("\n");
}

function code(items: readonly string[]): string {
  return items.length === 0 ? "none" : items.map((i) => `\`${i}\``).join(", ");
}

function truncate(text: string, max: number): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}

function renderStandard(report: EvalReport): string {
  const rows = report.standard.results.map((r) => [
    METRIC_LABELS[r.metric],
    `${r.op} ${r.threshold}`,
    formatValue(r.metric, r.value),
    r.met === null ? "n/a (nothing to measure)" : r.met ? "met" : "**MISSED**",
  ]);
  const missed = missedStandards(report.standard.results);
  const summary =
    missed.length === 0
      ? "Every standard that could be measured is met."
      : `**Standards missed: ${missedList(report)}.**${report.standard.enforced ? "" : " Not enforced in this run."}`;
  return [mdTable(["metric", "required", "value", "status"], rows), "", summary].join("\n");
}

function renderBaseline(report: EvalReport): string {
  const b = report.baseline;
  const t = report.tolerances;
  const tolerance =
    `Tolerances: any quality ratio may drop by at most ${t.ratio} (absolute; fallback rate may rise by at most ${t.ratio}); ` +
    `latency p95 regresses only when it is above ${t.latencyP95Factor}× the baseline and more than ${t.latencyP95MinIncreaseMs} ms above it.`;
  if (b.status === "skipped") return `Not compared: ${b.reason}.\n\n${tolerance}`;
  const changes = (list: MetricChange[]) =>
    list.length === 0
      ? "none"
      : "\n" + list.map((c) => `- ${describeChange(c)}`).join("\n");
  return [
    `Compared with \`${b.path}\` recorded ${b.recordedAt}.`,
    "",
    tolerance,
    "",
    `Regressions beyond tolerance: ${changes(b.comparison.regressions)}`,
    "",
    `Improvements: ${changes(b.comparison.improvements)}`,
    "",
    `Newly failing cases (informational): ${code(b.newlyFailing)}`,
    "",
    `Newly passing cases: ${code(b.newlyPassing)}`,
  ].join("\n");
}

export function renderFaithfulness(f: FaithfulnessSummary): string {
  if (!f.measured) return `Faithfulness (judge model): not measured; ${f.reason}.`;
  const score = f.score === null ? "n/a (no cited sentences judged)" : f.score.toFixed(3);
  return (
    `Faithfulness (judge model \`${f.model}\`, reported only, never part of the standard): ${score}; ` +
    `${f.supported} of ${f.pairs} cited sentence-quote pairs supported, over ${f.answersJudged} generated answers` +
    (f.judgeErrors > 0 ? `; the judge failed on ${f.judgeErrors} answer(s), left out` : "") +
    "."
  );
}

function renderMetrics(report: EvalReport): string {
  const cols = scopes(report);
  return mdTable(
    ["metric", ...cols.map((c) => c.name)],
    rowsShown(report).map((m) => [METRIC_LABELS[m], ...cols.map((c) => formatValue(m, c.set[m]))]),
  );
}

function renderFailedCase(s: CaseScore): string {
  const lines = [
    `### \`${s.id}\` (${s.kind})`,
    "",
    `> ${truncate(s.question, 400)}`,
    "",
    `- Why: ${s.failures.join("; ")}`,
    `- Expected: ${s.kind === "refusal" ? "refused" : `answered; sections ${code(s.expect)}`}`,
    `- Came back: status \`${s.status}\`, mode \`${s.mode}\`, first expected hit at rank ${s.firstHitRank ?? "none"}`,
    `- Top ${TOP_K} retrieved: ${code(s.topRetrieved)}`,
    `- Cited: ${code(s.citedIds)}`,
  ];
  if (s.facts.missing.length > 0) lines.push(`- Missing facts: ${s.facts.missing.map((f) => `"${f}"`).join(", ")}`);
  if (s.citations.problems.length > 0)
    lines.push(`- Citation problems: ${s.citations.problems.map((p) => `[${p.n}] ${p.sectionId}: ${p.problem}`).join(", ")}`);
  lines.push(`- Answer text: ${truncate(s.answerText, 300) || "(empty)"}`);
  return lines.join("\n");
}

export function renderReportMarkdown(report: EvalReport): string {
  const v = verdict(report);
  const overall = report.metrics.overall;
  return [
    "# Eval report",
    "",
    `Generated ${report.generatedAt} in **${report.mode}** mode: ${overall.cases} of ${report.golden.totalCases} cases in \`${report.golden.path}\` (filters: ${describeFilters(report.filters)}). Metric definitions: \`docs/evals.md\`.`,
    "",
    `## Verdict: ${v.pass ? "PASS" : "FAIL"}`,
    "",
    v.pass ? "No regression beyond tolerance and no enforced standard missed." : v.reasons.map((r) => `- ${r}`).join("\n"),
    "",
    "## Standard",
    "",
    renderStandard(report),
    "",
    "## Baseline",
    "",
    renderBaseline(report),
    "",
    "## Metrics",
    "",
    renderMetrics(report),
    "",
    renderFaithfulness(report.faithfulness),
    "",
    `## ${report.slowest.length} slowest cases`,
    "",
    mdTable(
      ["case", "kind", "status", "wall time"],
      report.slowest.map((s) => [`\`${s.id}\``, s.kind, s.status, `${s.wallMs.toFixed(1)} ms`]),
    ),
    "",
    `## Failed cases (${report.failed.length})`,
    "",
    report.failed.length === 0 ? "None." : report.failed.map(renderFailedCase).join("\n\n"),
    "",
  ].join("\n");
}
