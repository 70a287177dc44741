// `npm run eval`: runs the golden set through the same answer() every surface uses (the
// guide is opened once), writes evals/report.md and report.json, and exits non-zero on a
// regression beyond tolerance or, unless --no-standard, on a missed standard.
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Presets, SingleBar } from "cli-progress";
import { Command, InvalidArgumentError, Option } from "commander";
import { type AnswerMode } from "../bot/core/answer-types.js";
import { loadConfig, type Config } from "../bot/platform/config.js";
import { createLogger } from "../bot/platform/logger.js";
import { openPracticeGuide } from "../bot/app/open-practice-guide.js";
import { parseBaseline, type Baseline } from "./compare-baseline.js";
import { ingestFirst } from "./ingest-first.js";
import { FaithfulnessTally, OpenAIJudge, type FaithfulnessSummary } from "./faithfulness.js";
import { GOLDEN_KINDS, loadGoldenSets, selectCases, type GoldenCase, type GoldenKind } from "./golden-set.js";
import { scoreCase, type CaseScore } from "./metrics.js";
import { STANDARDS, type StandardName } from "./standard.js";
import { buildBaseline, buildReport, renderReportMarkdown, renderTerminalSummary, verdict, type RunFilters } from "./report.js";
import { EXAMPLE_QUESTIONS } from "../bot/core/wording.js";
import type { ConversationTurn } from "../bot/core/answer-types.js";
import { rememberTurn } from "../bot/core/conversation.js";

const EVALS_DIR = path.dirname(fileURLToPath(import.meta.url));

/** Exit codes: 0 pass, 1 regression or missed standard, 2 the eval could not run. */
const EXIT_FAIL = 1;
const EXIT_ERROR = 2;

interface CliOptions {
  kind?: GoldenKind;
  grep?: string;
  limit?: number;
  mode: AnswerMode;
  updateBaseline: boolean;
  standard: boolean;
  standardSet: StandardName;
  golden: string[];
  baseline: string;
  outDir: string;
}

class UsageError extends Error {}

function parsePositiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError("must be a positive integer");
  return n;
}

function parseRegex(value: string): string {
  try {
    new RegExp(value, "i");
  } catch (err) {
    throw new InvalidArgumentError((err as Error).message);
  }
  return value;
}

function buildCli(): Command {
  return new Command("eval")
    .description("Run the golden question set through answer() and check it against the baseline and the standard.")
    .addOption(new Option("--kind <kind>", "only cases of this kind").choices(GOLDEN_KINDS))
    .option("--grep <regex>", "only cases whose id or question matches (case-insensitive)", parseRegex)
    .option("--limit <n>", "only the first n selected cases", parsePositiveInt)
    .addOption(
      new Option("--mode <mode>", "extractive (no LLM) or generated (the configured LLM)")
        .choices(["extractive", "generated"])
        .default("extractive"),
    )
    .option("--update-baseline", "record this run as the new baseline and exit 0", false)
    .option("--no-standard", "report but do not enforce the standard")
    .addOption(new Option("--standard-set <name>", "which standard: dev (the golden set's) or test (the sealed test set's)").choices(["dev", "test"]).default("dev"))
    .addOption(
      new Option("--golden <path...>", "question files (JSONL), read as one set; e.g. the test set's questions and conversations").default(
        [path.join(EVALS_DIR, "golden.jsonl")],
        "evals/golden.jsonl",
      ),
    )
    .addOption(
      new Option("--baseline <path>", "baseline to compare with or record").default(
        path.join(EVALS_DIR, "baseline.json"),
        "evals/baseline.json",
      ),
    )
    .addOption(new Option("--out-dir <dir>", "where report.md and report.json go").default(EVALS_DIR, "evals/"))
    .showHelpAfterError("(run with --help for usage)")
    // Exit 1 means "the eval found a problem"; a bad command line is an error (2), like a bad golden set.
    .exitOverride((err) => process.exit(err.exitCode === 0 ? 0 : EXIT_ERROR));
}

/** Extractive runs never touch an LLM, whatever the environment says; generated runs need one. */
function guideConfigFor(mode: AnswerMode, config: Config): Config {
  if (mode === "extractive") return { ...config, llm: undefined };
  if (!config.llm)
    throw new UsageError(
      "--mode generated needs an LLM endpoint: set OPENAI_API_KEY (and OPENAI_BASE_URL / OPENAI_MODEL for a non-OpenAI server).",
    );
  return config;
}

async function readBaseline(file: string): Promise<Baseline | null> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw err;
  }
  return parseBaseline(text, file);
}

function display(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative.startsWith("..") ? file : relative;
}

/** A progress bar on a terminal (nothing when stderr is piped, so CI logs stay clean). */
function progressBar(total: number): { update(done: number, id: string): void; stop(): void } {
  if (!process.stderr.isTTY) return { update: () => {}, stop: () => {} };
  const bar = new SingleBar({ format: "{bar} {value}/{total} {id}", stream: process.stderr, clearOnComplete: true }, Presets.shades_classic);
  bar.start(total, 0, { id: "" });
  return { update: (done, id) => bar.update(done, { id }), stop: () => bar.stop() };
}

/** A judge only reads generated answers, and only when one is configured. */
function faithfulnessTallyFor(mode: AnswerMode, config: Config, logger: ReturnType<typeof createLogger>): FaithfulnessTally | FaithfulnessSummary {
  if (mode === "extractive") return { measured: false, reason: "extractive mode: every sentence is a verbatim quote, so there is nothing for a judge to check" };
  if (!config.judge) return { measured: false, reason: "no judge model is configured (set EVAL_JUDGE_MODEL; see docs/evals.md)" };
  return new FaithfulnessTally(new OpenAIJudge(config.judge), logger);
}

async function runCases(options: CliOptions, config: Config, cases: GoldenCase[]): Promise<{ scores: CaseScore[]; faithfulness: FaithfulnessSummary }> {
  const logger = createLogger(config.logLevel);
  const judging = faithfulnessTallyFor(options.mode, config, logger);
  const embedder = await ingestFirst(config, logger);
  const guide = await openPracticeGuide(guideConfigFor(options.mode, config), logger, { embedder });
  try {
    // One untimed warm-up so the first golden case does not carry JIT and cache warm-up.
    await guide.answer(EXAMPLE_QUESTIONS[0]);
    const getSection = (id: string) => guide.getSection(id);
    const scores: CaseScore[] = [];
    const bar = progressBar(cases.length);
    // Turns of a conversation are answered in file order with the earlier turns as history,
    // as `ask --jsonl` and every surface do.
    const conversations = new Map<string, ConversationTurn[]>();
    for (const [index, golden] of cases.entries()) {
      bar.update(index, golden.id);
      const history = golden.conversation === undefined ? [] : (conversations.get(golden.conversation) ?? []);
      const started = performance.now();
      let answer;
      try {
        answer = await guide.answer(golden.q, { history });
      } catch (err) {
        // answer() must never throw for any question; a throw is a bug to fix, not a score.
        throw new Error(`answer() threw on case ${golden.id}: ${(err as Error).message}`, { cause: err });
      }
      const wallMs = performance.now() - started;
      if (golden.conversation !== undefined) conversations.set(golden.conversation, rememberTurn(history, answer));
      const turn = golden.conversation === undefined ? undefined : history.length + 1;
      scores.push(scoreCase({ golden, answer, wallMs, turn }, options.mode, getSection));
      if (judging instanceof FaithfulnessTally) await judging.add(answer);
      logger.debug({ case: golden.id, status: answer.status, wallMs }, "eval case done");
    }
    bar.stop();
    return { scores, faithfulness: judging instanceof FaithfulnessTally ? judging.summary() : judging };
  } finally {
    await guide.close();
  }
}

async function writeOut(text: string): Promise<void> {
  await new Promise<void>((resolve) => process.stdout.write(text.endsWith("\n") ? text : `${text}\n`, () => resolve()));
}

async function main(argv: string[]): Promise<number> {
  const options = buildCli().parse(argv).opts<CliOptions>();
  const filters: RunFilters = { kind: options.kind, grep: options.grep, limit: options.limit };
  if (options.updateBaseline && (filters.kind || filters.grep || filters.limit))
    throw new UsageError("--update-baseline records the full golden set; drop --kind, --grep and --limit.");

  const config = loadConfig();
  guideConfigFor(options.mode, config); // fail on a missing LLM before the slow index load
  const allCases = await loadGoldenSets(options.golden.map(display));
  const cases = selectCases(allCases, {
    kind: filters.kind,
    grep: filters.grep === undefined ? undefined : new RegExp(filters.grep, "i"),
    limit: filters.limit,
  });
  if (cases.length === 0) throw new UsageError("No golden case matches the filters.");

  const { scores, faithfulness } = await runCases(options, config, cases);
  const report = buildReport({
    scores,
    faithfulness,
    mode: options.mode,
    generatedAt: new Date().toISOString(),
    goldenPath: options.golden.map(display).join(", "),
    totalCases: allCases.length,
    filters,
    enforceStandard: options.standard && !options.updateBaseline,
    standardRules: STANDARDS[options.standardSet],
    baselinePath: display(options.baseline),
    baseline: options.updateBaseline ? null : await readBaseline(options.baseline),
    baselineSkipReason: options.updateBaseline ? "this run records a new baseline" : undefined,
  });

  await mkdir(options.outDir, { recursive: true });
  const reportMd = path.join(options.outDir, "report.md");
  await writeFile(reportMd, renderReportMarkdown(report));
  await writeFile(path.join(options.outDir, "report.json"), `${JSON.stringify(report, null, 2)}\n`);

  if (options.updateBaseline) {
    await writeFile(options.baseline, `${JSON.stringify(buildBaseline(report), null, 2)}\n`);
    await writeOut(renderTerminalSummary(report, display(reportMd), false));
    await writeOut(`Baseline recorded in ${display(options.baseline)}.`);
    return 0;
  }
  await writeOut(renderTerminalSummary(report, display(reportMd)));
  return verdict(report).pass ? 0 : EXIT_FAIL;
}

main(process.argv).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`eval: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(EXIT_ERROR);
  },
);
