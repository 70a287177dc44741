// `npx tsx evals/tune-coverage.ts`: fits the logistic coverage model in bot/core/coverage.ts
// on the decisions the real pipeline makes. Every question goes through the guide's decide()
// (the same steps answer() runs: input check, glossary, follow-up, retrieval, the
// named-practice reordering, decideCoverage); only the questions the model decides are fitted
// on, the ones a rule decides (asked facts, whole and named practices) are reported apart.
// Prints the fitted model for a person to copy into DEFAULT_COVERAGE_MODEL, with
// leave-one-out figures (k-fold past 500 questions). `--verbose` lists misclassified
// questions, `--hardest` the refusals closest to being answered, `--curve` the threshold curve.
// It never reads the test set (evals/test-set/).
import { Command, Option } from "commander";
import { openPracticeGuide } from "../bot/app/open-practice-guide.js";
import { COVERAGE_FEATURES, coverageProbability, DEFAULT_COVERAGE_MODEL, type CoverageFeatures, type CoverageModel } from "../bot/core/coverage.js";
import { loadConfig } from "../bot/platform/config.js";
import { createLogger } from "../bot/platform/logger.js";
import { loadGoldenSet } from "./golden-set.js";
import { ingestFirst } from "./ingest-first.js";

const program = new Command("tune-coverage")
  .description("Fit the coverage model on the decisions the answer pipeline makes")
  .addOption(new Option("--set <file...>", "question files to fit on (JSONL in the golden-set format)").default(["evals/golden.jsonl"]))
  .option("--verbose", "list misclassified questions")
  .option("--hardest", "list the refusals closest to being answered")
  .option("--curve", "print refusal recall and precision across thresholds")
  .parse();
const opts = program.opts<{ set: string[]; verbose?: boolean; hardest?: boolean; curve?: boolean }>();
if (opts.set.some((f) => f.includes("test-set"))) program.error("The test set is sealed: nothing that tunes may read it.");

const config = loadConfig();
const logger = createLogger("warn");
const embedder = await ingestFirst(config, logger);
const guide = await openPracticeGuide(config, logger, { embedder, generator: null });

interface Sample {
  id: string;
  q: string;
  inScope: boolean;
  features: CoverageFeatures;
  top: string;
}
const samples: Sample[] = [];
const ruled: Record<string, Array<{ id: string; inScope: boolean; covered: boolean; q: string }>> = {};
for (const file of opts.set) {
  for (const item of await loadGoldenSet(file)) {
    const decision = await guide.decide(item.q);
    const inScope = item.kind !== "refusal";
    if (decision.step !== "coverage") {
      (ruled[decision.step] ??= []).push({ id: item.id, inScope, covered: decision.step === "glossary", q: item.q });
      continue;
    }
    const { coverage } = decision;
    if (coverage.decidedBy !== "model") {
      (ruled[coverage.decidedBy] ??= []).push({ id: item.id, inScope, covered: coverage.covered, q: item.q });
      continue;
    }
    samples.push({ id: item.id, q: item.q, inScope, features: coverage.evidence.features, top: decision.hits[0]?.section.id ?? "" });
  }
}
await guide.close();
for (const [rule, decisions] of Object.entries(ruled)) {
  const wrong = decisions.filter((d) => d.covered !== d.inScope);
  console.log(`decided by ${rule}: ${decisions.length} questions, ${wrong.length} decided wrongly`);
  for (const d of opts.verbose ? decisions : wrong) console.log(`  ${d.covered === d.inScope ? "ok   " : "WRONG"} ${d.inScope ? "IN " : "OUT"} ${d.id} ${d.q.slice(0, 90)}`);
}
console.log(`decided by the model: ${samples.length} questions`);

// Out-of-scope questions weigh this much more: answering one is worse than refusing an in-scope one.
const REFUSAL_WEIGHT = 3;
const L2 = 0.01;

function fit(train: Sample[]): Omit<CoverageModel, "threshold"> {
  const w = Object.fromEntries(COVERAGE_FEATURES.map((f) => [f, 0])) as CoverageFeatures;
  let bias = 0;
  const rate = 0.5;
  for (let step = 0; step < 3000; step++) {
    const grad = Object.fromEntries(COVERAGE_FEATURES.map((f) => [f, 0])) as CoverageFeatures;
    let gradBias = 0;
    let total = 0;
    for (const s of train) {
      const p = coverageProbability(s.features, { bias, weights: w, threshold: 0.5 });
      const weight = s.inScope ? 1 : REFUSAL_WEIGHT;
      const err = (p - (s.inScope ? 1 : 0)) * weight;
      for (const f of COVERAGE_FEATURES) grad[f] += err * s.features[f];
      gradBias += err;
      total += weight;
    }
    for (const f of COVERAGE_FEATURES) w[f] -= rate * (grad[f] / total + L2 * w[f]);
    bias -= rate * (gradBias / total);
  }
  return { bias, weights: w };
}

/** The threshold with the fewest weighted errors on the training questions. */
function chooseThreshold(model: Omit<CoverageModel, "threshold">, train: Sample[]): number {
  const probs = train.map((s) => ({ s, p: coverageProbability(s.features, { ...model, threshold: 0.5 }) }));
  let best = { threshold: 0.5, cost: Infinity };
  for (let t = 0.3; t <= 0.95; t += 0.005) {
    const cost = probs.reduce((sum, { s, p }) => sum + (p >= t === s.inScope ? 0 : s.inScope ? 1 : REFUSAL_WEIGHT), 0);
    if (cost < best.cost) best = { threshold: t, cost };
  }
  return best.threshold;
}

function score(model: CoverageModel, set: Sample[]) {
  const out = set.filter((s) => !s.inScope);
  const inScope = set.filter((s) => s.inScope);
  const covered = (s: Sample) => coverageProbability(s.features, model) >= model.threshold;
  return {
    refusalRecall: out.filter((s) => !covered(s)).length / out.length,
    refusalPrecision: inScope.filter(covered).length / inScope.length,
  };
}

const fitted = fit(samples);
const model: CoverageModel = { ...fitted, threshold: +chooseThreshold(fitted, samples).toFixed(4) };
console.log("current model", score(DEFAULT_COVERAGE_MODEL, samples));
console.log("fitted model (training set)", score(model, samples));

// Held-out figures: how the method does on questions it was not fitted on. Leave-one-out on
// a small set; k-fold (every k-th question held out together) on a large one.
const folds = samples.length <= 500 ? samples.length : 10;
let looRight = 0;
let looOutRefused = 0;
let looInAnswered = 0;
for (let fold = 0; fold < folds; fold++) {
  const train = samples.filter((_, j) => j % folds !== fold);
  const m = fit(train);
  const threshold = chooseThreshold(m, train);
  for (const held of samples.filter((_, j) => j % folds === fold)) {
    const covered = coverageProbability(held.features, { ...m, threshold: 0 }) >= threshold;
    if (covered === held.inScope) looRight++;
    if (!held.inScope && !covered) looOutRefused++;
    if (held.inScope && covered) looInAnswered++;
  }
}
const outCount = samples.filter((s) => !s.inScope).length;
console.log(folds === samples.length ? "leave-one-out" : `${folds}-fold`, {
  accuracy: +(looRight / samples.length).toFixed(3),
  refusalRecall: +(looOutRefused / outCount).toFixed(3),
  refusalPrecision: +(looInAnswered / (samples.length - outCount)).toFixed(3),
});
const round = (x: number) => Math.round(x * 1000) / 1000;
console.log(
  "DEFAULT_COVERAGE_MODEL =",
  JSON.stringify({ bias: round(model.bias), weights: Object.fromEntries(COVERAGE_FEATURES.map((f) => [f, round(model.weights[f])])), threshold: model.threshold }),
);

if (opts.verbose) {
  for (const s of samples) {
    const covered = coverageProbability(s.features, model) >= model.threshold;
    if (covered !== s.inScope) {
      const f = Object.entries(s.features).map(([k, v]) => `${k}=${v.toFixed(2)}`).join(" ");
      console.log(`${s.inScope ? "IN " : "OUT"} ${f} ${s.id} ${s.q.slice(0, 80)} -> ${s.top}`);
    }
  }
}
if (opts.hardest) {
  const ranked = samples
    .filter((s) => !s.inScope)
    .map((s) => ({ s, p: coverageProbability(s.features, model) }))
    .sort((a, b) => b.p - a.p)
    .slice(0, 12);
  for (const { s, p } of ranked) {
    const f = Object.entries(s.features).map(([k, v]) => `${k}=${v.toFixed(2)}`).join(" ");
    console.log(`p=${p.toFixed(3)} ${f} ${s.id} ${s.q.slice(0, 80)} -> ${s.top}`);
  }
}
if (opts.curve) {
  for (let t = 0.3; t <= 0.6001; t += 0.02) console.log(t.toFixed(2), JSON.stringify(score({ ...model, threshold: t }, samples)));
}
