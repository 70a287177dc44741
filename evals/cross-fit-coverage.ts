// `npx tsx evals/cross-fit-coverage.ts`: collects the coverage model's training samples
// honestly. The training questions are also indexed for search (corpus/search-questions/),
// so a training question searched against the normal index finds itself, word for word, and
// looks far easier than a question nobody has asked before; a model fitted on that learns to
// trust retrieval too much. So each of F folds is collected against its own index, built from
// search questions that leave that fold out: every training question is judged as a new one.
// By default a fold is whole writers (evals/folds.ts), the same folds tune-coverage.ts
// validates on. With folds by id hash (`--by id`) a question's own writer's other questions
// stayed indexed, which flatters retrieval: with whole writers left out of the index,
// recall@5 was 0.977 for writers h, i and j and 0.886 for b, d and f, and a new writer
// brings no indexed questions at all.
// The dev set (evals/golden.jsonl) is collected against the normal index.
// Writes build/coverage-samples/{training,dev}.jsonl for tune-coverage.ts. Deterministic;
// takes about a minute per fold on 2 cores (vectors are reused from data/lancedb). It never
// reads the test set.
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync, readFileSync } from "node:fs";
import path from "node:path";
import { Command } from "commander";
import { loadConfig } from "../bot/platform/config.js";
import type { FoldBy } from "./folds.js";

const program = new Command("cross-fit-coverage")
  .option("--folds <n>", "how many folds (by writer: always the writer folds' number)", (v) => parseInt(v, 10), 5)
  .option("--by <how>", "hold out whole writers (writer) or questions by id hash (id)", "writer")
  .option("--out-dir <dir>", "where the samples go", "build/coverage-samples")
  .option("--training-dir <dir>", "training question files", "evals/training-set")
  .parse();
const opts = program.opts<{ folds: number; outDir: string; trainingDir: string; by: FoldBy }>();

const config = loadConfig();
const work = path.join(opts.outDir, "folds");
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
const training = readdirSync(opts.trainingDir)
  .filter((f) => f.endsWith(".jsonl"))
  .sort()
  .map((f) => path.join(opts.trainingDir, f));
const tsx = (script: string, args: string[], env: Record<string, string> = {}) =>
  execFileSync(process.execPath, ["--import", "tsx", script, ...args], { stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, LOG_LEVEL: "warn", ...env } });

const parts: string[] = [];
for (let fold = 0; fold < opts.folds; fold++) {
  const dir = path.join(work, `fold-${fold}`);
  const corpusDir = path.join(dir, "corpus");
  const lancedb = path.join(dir, "lancedb");
  cpSync(config.corpusDir, corpusDir, { recursive: true });
  tsx("evals/derive-search-questions.ts", ["--training-dir", opts.trainingDir, "--hold-out", String(opts.folds), "--fold", String(fold), "--by", opts.by, "--out", path.join(corpusDir, "search-questions", "training.yaml"), "--unanswered-out", path.join(corpusDir, "unanswered-questions", "training.yaml"), "--corpus-dir", corpusDir]);
  // Starting from the normal index, only the changed search questions are embedded again.
  if (existsSync(config.lancedb.uri)) cpSync(config.lancedb.uri, lancedb, { recursive: true });
  const env = { CORPUS_DIR: corpusDir, LANCEDB_URI: lancedb };
  tsx("scripts/ingest.ts", [], env);
  const out = path.join(dir, "samples.jsonl");
  tsx("evals/collect-coverage-features.ts", ["--out", out, "--folds", String(opts.folds), "--fold", String(fold), "--by", opts.by, ...training], env);
  parts.push(out);
  console.error(`fold ${fold + 1} of ${opts.folds} collected`);
}
writeFileSync(path.join(opts.outDir, "training.jsonl"), parts.map((p) => readFileSync(p, "utf8")).join(""));
tsx("evals/collect-coverage-features.ts", ["--out", path.join(opts.outDir, "dev.jsonl"), "evals/golden.jsonl"]);
rmSync(work, { recursive: true, force: true });
console.error(`Samples written to ${opts.outDir}/training.jsonl and dev.jsonl; fit with \`npx tsx evals/tune-coverage.ts\`.`);
