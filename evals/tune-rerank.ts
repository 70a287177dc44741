// `npx tsx evals/tune-rerank.ts`: fits the reranker (retrieval/rerank-sections.ts) and writes
// it to retrieval/rerank-model.json. Collect the samples first with
// `npx tsx evals/cross-fit-coverage.ts`: each training question's candidates as retrieved
// from an index that holds no search question by its writer, so the fit sees the ranking a
// new writer gets, not one flattered by the question's own words indexed.
//
// The model is a conditional logit over each question's first `--depth` candidates: the
// probability of a candidate is the softmax of its linear score, and the fit maximises the
// probability of the sections the question expects (log of their summed probability), with
// L2, by full-batch Adam from zero: deterministic. Figures are by 5-fold cross-validation over
// whole writers (evals/folds.ts), beside the fused order it replaces; the dev set is reported
// beside them. The test set is never read here.
import { writeFileSync } from "node:fs";
import { Command } from "commander";
import { askingClause } from "../bot/core/asked-facts.js";
import { loadConfig } from "../bot/platform/config.js";
import { loadCorpus } from "../corpus/load-corpus.js";
import { SECTION_KINDS, type SectionKind } from "../corpus/section.js";
import { RERANK_FEATURES, rerankFeatures, rerankScore, type RerankModel } from "../retrieval/rerank-sections.js";
import type { RetrievedSection } from "../retrieval/retrieve-sections.js";
import { CorpusStats } from "../retrieval/text/corpus-stats.js";
import { adamDelta } from "./adam.js";
import { readCoverageSamples, type CoverageSample } from "./coverage-samples.js";
import { WRITER_FOLDS, writerFoldOf, writerOf } from "./folds.js";

const program = new Command("tune-rerank")
  .description("Fit the reranker on samples collected by cross-fit-coverage.ts")
  .option("--samples <file...>", "training samples", ["build/coverage-samples/training.jsonl"])
  .option("--dev <file...>", "dev samples, reported beside the training figures", ["build/coverage-samples/dev.jsonl"])
  .option("--out <file>", "where the fitted model goes", "retrieval/rerank-model.json")
  .option("--depth <n>", "how many fused candidates are reordered", (v) => parseInt(v, 10), 5)
  .option("--l2 <x>", "L2 penalty", parseFloat, 1e-3)
  .option("--no-kinds", "fit without the kind priors (for comparison)")
  .option("--leave-out <writers>", "fit without these writers' questions (comma-separated id prefixes, e.g. tr-k,tr-l), to measure the model end to end on them", "")
  .option("--dry-run", "report only; do not write the model")
  .parse();
const opts = program.opts<{ samples: string[]; dev: string[]; out: string; depth: number; l2: number; kinds: boolean; leaveOut: string; dryRun?: boolean }>();
if ([...opts.samples, ...opts.dev].some((f) => f.includes("test-set"))) program.error("The test set is sealed: nothing that tunes may read it.");

const config = loadConfig();
const { sections } = loadCorpus(config.corpusDir);
const byId = new Map(sections.map((s) => [s.id, s]));
const stats = new CorpusStats(sections);
const STEPS = 400;

interface Row {
  sample: CoverageSample;
  /** Per candidate: numeric features, then one-hot kind. */
  x: number[][];
  kinds: SectionKind[];
  positive: boolean[];
}

const width = RERANK_FEATURES.length + SECTION_KINDS.length;
function toRow(s: CoverageSample): Row | null {
  // A conversation's later turn is searched joined to the turn before, so its hits answer both:
  // the reranker learns from questions that stand alone.
  if (!s.inScope || s.turn !== undefined || s.step !== "coverage" || !s.hits?.length || !s.expect?.length) return null;
  // The fused order is the order of the fused scores (the pipeline may have moved a named practice first).
  const fused = [...s.hits].sort((a, b) => b.score - a.score);
  const candidates: RetrievedSection[] = fused.slice(0, opts.depth).flatMap((h) => {
    const section = byId.get(h.id);
    // The resemblance as the fold's pipeline saw it: computed here, from the whole training
    // set's questions, it would find each question itself.
    return section ? [{ section, score: h.score, similarity: h.similarity, bm25: h.bm25, answeredAlike: h.answeredAlike }] : [];
  });
  // A hit the pipeline moved up from outside the reranked head (a named practice) has no
  // resemblance recorded; such a question says nothing about the reranker's order.
  if (candidates.some((c) => c.answeredAlike === undefined)) return null;
  const positive = candidates.map((c) => s.expect!.includes(c.section.id));
  const query = s.searched ?? s.q;
  const features = rerankFeatures(candidates, query, askingClause(query), stats);
  return {
    sample: s,
    x: features.map((f, i) => [...f, ...SECTION_KINDS.map((k) => (opts.kinds && candidates[i]!.section.kind === k ? 1 : 0))]),
    kinds: candidates.map((c) => c.section.kind),
    positive,
  };
}
const rows = (files: string[]) => readCoverageSamples(files).map(toRow).filter((r): r is Row => r !== null);
const leftOut = new Set(opts.leaveOut.split(",").filter(Boolean));
const training = rows(opts.samples).filter((r) => !leftOut.has(writerOf(r.sample.id)));
const dev = rows(opts.dev);

function fit(data: readonly Row[]): number[] {
  const w = new Array<number>(width).fill(0);
  const moments = { m: new Array<number>(width).fill(0), v: new Array<number>(width).fill(0) };
  // Only questions with an expected section among the candidates say anything about order.
  const useful = data.filter((r) => r.positive.some(Boolean) && r.positive.some((p) => !p));
  for (let step = 1; step <= STEPS; step++) {
    const grad = new Array<number>(width).fill(0);
    for (const r of useful) {
      const z = r.x.map((f) => f.reduce((sum, x, j) => sum + x * w[j]!, 0));
      const top = Math.max(...z);
      const e = z.map((zi) => Math.exp(zi - top));
      const all = e.reduce((a, b) => a + b, 0);
      const pos = e.reduce((a, ei, i) => a + (r.positive[i] ? ei : 0), 0);
      // d(-log(pos/all))/dz_i = p_i - (positive ? e_i/pos : 0)
      r.x.forEach((f, i) => {
        const g = e[i]! / all - (r.positive[i] ? e[i]! / pos : 0);
        f.forEach((x, j) => (grad[j]! += (g * x) / useful.length));
      });
    }
    for (let j = 0; j < width; j++) {
      const g = grad[j]! + opts.l2 * w[j]!;
      w[j]! -= adamDelta(moments, j, g, step, 0.05);
    }
  }
  return w;
}

const toModel = (w: readonly number[]): RerankModel => {
  const round = (x: number) => Math.round(x * 1000) / 1000;
  return {
    depth: opts.depth,
    weights: Object.fromEntries(RERANK_FEATURES.map((f, j) => [f, round(w[j]!)])) as RerankModel["weights"],
    kinds: Object.fromEntries(SECTION_KINDS.map((k, j) => [k, round(w[RERANK_FEATURES.length + j]!)]).filter(([, x]) => x !== 0)),
  };
};

/** Rank (1-based) of the first expected section after reordering by `model` (fused order when null), or null. */
function firstHit(r: Row, model: RerankModel | null): number | null {
  const order = r.x.map((_, i) => i);
  if (model) {
    const z = r.x.map((f, i) => rerankScore(f.slice(0, RERANK_FEATURES.length), r.kinds[i]!, model));
    order.sort((a, b) => z[b]! - z[a]! || a - b);
  }
  const at = order.findIndex((i) => r.positive[i]);
  if (at >= 0) return at + 1;
  // An expected section further down the fused list keeps its place.
  const beyond = [...r.sample.hits!].sort((a, b) => b.score - a.score).findIndex((h) => r.sample.expect!.includes(h.id));
  return beyond >= 0 ? beyond + 1 : null;
}

function report(name: string, data: readonly Row[], model: (r: Row) => RerankModel | null) {
  const ranks = data.map((r) => firstHit(r, model(r)));
  const at = (k: number) => (ranks.filter((x) => x !== null && x <= k).length / data.length).toFixed(3);
  const mrr = (ranks.reduce<number>((sum, x) => sum + (x ? 1 / x : 0), 0) / data.length).toFixed(3);
  console.log(`${name.padEnd(34)} ${String(data.length).padStart(5)} questions  recall@1 ${at(1)}  recall@3 ${at(3)}  MRR ${mrr}`);
}

const heldOut = new Map<Row, RerankModel>();
for (let fold = 0; fold < WRITER_FOLDS.length; fold++) {
  const model = toModel(fit(training.filter((r) => writerFoldOf(r.sample.id) !== fold)));
  for (const r of training.filter((r) => writerFoldOf(r.sample.id) === fold)) heldOut.set(r, model);
}
const model = toModel(fit(training));
report("training, fused order", training, () => null);
report(`training, ${WRITER_FOLDS.length}-fold by writer`, training, (r) => heldOut.get(r)!);
for (let fold = 0; fold < WRITER_FOLDS.length; fold++) {
  const inFold = training.filter((r) => writerFoldOf(r.sample.id) === fold);
  report(`  writers ${WRITER_FOLDS[fold]!.join(",")}: fused`, inFold, () => null);
  report(`  writers ${WRITER_FOLDS[fold]!.join(",")}: reranked`, inFold, (r) => heldOut.get(r)!);
}
report("training, fitted", training, () => model);
report("dev, fused order", dev, () => null);
report("dev, fitted", dev, () => model);
console.log(JSON.stringify(model));
if (!opts.dryRun) {
  writeFileSync(opts.out, `${JSON.stringify(model, null, 1)}\n`);
  console.log(`Model written to ${opts.out}.`);
}
