// `npx tsx evals/tune-coverage.ts`: measures the coverage evidence for every golden question
// (glossary lookups aside, which never reach the coverage decision), fits the logistic
// coverage model in bot/coverage.ts, reports leave-one-out accuracy, and prints the fitted
// model for a person to copy into DEFAULT_COVERAGE_MODEL. Questions that ask for a specific
// fact are decided by the asked-facts check, not the model, so they are reported apart and
// left out of the fit. `--verbose` lists misclassified questions.
import { asksAboutTheAssistant } from "../bot/core/about-the-assistant.js";
import { loadConfig } from "../bot/platform/config.js";
import { createLogger } from "../bot/platform/logger.js";
import { askedFacts } from "../bot/core/asked-facts.js";
import { assessCoverage, COVERAGE_FEATURES, coveredByNamedPractice, coverageFeatures, coverageProbability, DEFAULT_COVERAGE_MODEL, type CoverageFeatures, type CoverageModel } from "../bot/core/coverage.js";
import { CorpusStats } from "../retrieval/text/corpus-stats.js";
import { GlossaryIndex } from "../retrieval/glossary-lookup.js";
import { LanceStore } from "../retrieval/index/lance-store.js";
import { SpellingCorrector } from "../retrieval/spelling.js";
import { SectionRetriever, type RetrievedSection } from "../retrieval/retrieve-sections.js";
import { findWholePractice, namedPractice } from "../retrieval/whole-practice.js";
import { contentTerms } from "../retrieval/text/text-terms.js";
import { loadGoldenSet } from "./golden-set.js";
import { ingestFirst } from "./ingest-first.js";

const config = loadConfig();
const logger = createLogger("warn");
const embedder = await ingestFirst(config, logger);
const store = await LanceStore.open(config.lancedb);
const snapshot = await store.openActiveSnapshot();
if (!snapshot) throw new Error(`No index at ${config.lancedb.uri}: run \`npm run ingest\` first.`);
const corpus = { sections: snapshot.sections, byId: new Map(snapshot.sections.map((s) => [s.id, s])) };
const retriever = new SectionRetriever(snapshot.index, embedder, corpus.byId, new SpellingCorrector(corpus.sections));
const stats = new CorpusStats(corpus.sections);
const glossary = new GlossaryIndex(corpus.sections);

interface Sample {
  id: string;
  q: string;
  inScope: boolean;
  features: CoverageFeatures;
  top: string;
}
const samples: Sample[] = [];
const namedPracticeDecisions: Array<{ id: string; q: string; inScope: boolean }> = [];
const factDecisions: Array<{ id: string; q: string; inScope: boolean; covered: boolean; facts: string }> = [];
for (const item of await loadGoldenSet("evals/golden.jsonl")) {
  if (item.kind !== "refusal" && glossary.lookupQuestion(item.q).length > 0) continue;
  // Refused by the security rule before the coverage decision, as in answer().
  if (asksAboutTheAssistant(item.q)) continue;
  const { sections: hits, query } = await retriever.search(item.q, { limit: 8 });
  const inScope = item.kind !== "refusal";
  if (askedFacts(query).length > 0) {
    const evidence = assessCoverage(query, contentTerms(query), hits, stats);
    const facts = evidence.facts.map((f) => `${f.kind}:${f.statedBy?.id ?? "unstated"}`).join(" ");
    factDecisions.push({ id: item.id, q: item.q, inScope, covered: evidence.covered, facts });
    continue;
  }
  // Covered by the named-practice rule whatever the model says, as in answer().
  const named = findWholePractice(item.q, corpus.byId) ? undefined : namedPractice(item.q, corpus.byId);
  if (named && coveredByNamedPractice(query, hits, stats, named.id)) {
    namedPracticeDecisions.push({ id: item.id, q: item.q, inScope });
    continue;
  }
  samples.push({ id: item.id, q: item.q, inScope, features: coverageFeatures(query, contentTerms(query), hits, stats), top: hits[0]?.section.id ?? "" });
}
console.log(
  `named-practice rule: ${namedPracticeDecisions.length} questions covered, ${namedPracticeDecisions.filter((d) => !d.inScope).length} of them out of scope:`,
  namedPracticeDecisions.map((d) => d.id).join(" "),
);
const factWrong = factDecisions.filter((d) => d.covered !== d.inScope);
console.log(
  `asked-facts check: ${factDecisions.length} questions, ${factDecisions.filter((d) => d.inScope).length} in scope, ${factWrong.length} decided wrongly`,
);
for (const d of process.argv.includes("--verbose") ? factDecisions : factWrong) {
  console.log(`${d.covered === d.inScope ? "ok   " : "WRONG"} ${d.inScope ? "IN " : "OUT"} ${d.facts} ${d.id} ${d.q.slice(0, 90)}`);
}

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

// Leave-one-out: how the method does on a question it was not fitted on.
let looRight = 0;
let looOutRefused = 0;
let looInAnswered = 0;
for (let i = 0; i < samples.length; i++) {
  const train = samples.filter((_, j) => j !== i);
  const m = fit(train);
  const held = samples[i]!;
  const covered = coverageProbability(held.features, { ...m, threshold: 0 }) >= chooseThreshold(m, train);
  if (covered === held.inScope) looRight++;
  if (!held.inScope && !covered) looOutRefused++;
  if (held.inScope && covered) looInAnswered++;
}
const outCount = samples.filter((s) => !s.inScope).length;
console.log("leave-one-out", {
  accuracy: +(looRight / samples.length).toFixed(3),
  refusalRecall: +(looOutRefused / outCount).toFixed(3),
  refusalPrecision: +(looInAnswered / (samples.length - outCount)).toFixed(3),
});
const round = (x: number) => Math.round(x * 1000) / 1000;
console.log(
  "DEFAULT_COVERAGE_MODEL =",
  JSON.stringify({ bias: round(model.bias), weights: Object.fromEntries(COVERAGE_FEATURES.map((f) => [f, round(model.weights[f])])), threshold: model.threshold }),
);

if (process.argv.includes("--verbose")) {
  for (const s of samples) {
    const covered = coverageProbability(s.features, model) >= model.threshold;
    if (covered !== s.inScope) {
      const f = Object.entries(s.features).map(([k, v]) => `${k}=${v.toFixed(2)}`).join(" ");
      console.log(`${s.inScope ? "IN " : "OUT"} ${f} ${s.id} ${s.q.slice(0, 80)} -> ${s.top}`);
    }
  }
}
store.close();
if (process.argv.includes("--hardest")) {
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
if (process.argv.includes("--curve")) {
  for (let t = 0.3; t <= 0.6001; t += 0.02) console.log(t.toFixed(2), JSON.stringify(score({ ...model, threshold: t }, samples)));
}
