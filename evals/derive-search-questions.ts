// `npx tsx evals/derive-search-questions.ts`: writes corpus/search-questions/training.yaml,
// the answerable and glossary training questions (evals/training-set/) listed under the section each one
// expects first, so search finds a section by the words staff actually use for it. The
// output is deterministic (sorted by section id, then question). `--hold-out N` leaves out
// every question whose id hashes to K mod N (`--fold K`, default 0; `--by writer`: every
// question by fold K's writers) and writes those to --held-out-file, to measure how well
// indexed questions help paraphrases nobody indexed. It never reads the test set.
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { Command } from "commander";
import { stringify } from "yaml";
import { heldOutFoldOf, type FoldBy } from "./folds.js";
import { loadGoldenSets } from "./golden-set.js";

const program = new Command("derive-search-questions")
  .option("--training-dir <dir>", "training question files", "evals/training-set")
  .option("--out <file>", "where the questions go", "corpus/search-questions/training.yaml")
  .option("--hold-out <n>", "leave out one question in n (by id hash)", (v) => parseInt(v, 10))
  .option("--fold <k>", "with --hold-out n, which one in n: the questions whose id hashes to k mod n", (v) => parseInt(v, 10), 0)
  .option("--held-out-file <file>", "where the left-out questions go (JSONL)")
  .option("--by <how>", "with --hold-out, fold by id hash (id) or by writer (writer)", "id")
  .parse();
const opts = program.opts<{ trainingDir: string; out: string; holdOut?: number; fold: number; heldOutFile?: string; by: FoldBy }>();

const files = readdirSync(opts.trainingDir)
  .filter((f) => f.endsWith(".jsonl"))
  .sort()
  .map((f) => path.join(opts.trainingDir, f));
const cases = await loadGoldenSets(files);
const held = (id: string) => opts.holdOut !== undefined && heldOutFoldOf(id, opts.holdOut, opts.by) === opts.fold;

const bySection = new Map<string, Set<string>>();
const heldOut: string[] = [];
// A later turn of a conversation ("and the management side?") means nothing on its own, so it
// is no search question; the first turn stands alone.
const conversationsSeen = new Set<string>();
for (const c of cases) {
  const laterTurn = c.conversation !== undefined && conversationsSeen.has(c.conversation);
  if (c.conversation !== undefined) conversationsSeen.add(c.conversation);
  if (laterTurn || c.kind === "refusal" || c.expect.length === 0) continue;
  if (held(c.id)) {
    heldOut.push(JSON.stringify(c));
    continue;
  }
  const questions = bySection.get(c.expect[0]!) ?? new Set<string>();
  questions.add(c.q.replace(/\s+/g, " ").trim());
  bySection.set(c.expect[0]!, questions);
}
const questions = Object.fromEntries([...bySection.keys()].sort().map((id) => [id, [...bySection.get(id)!].sort()]));
mkdirSync(path.dirname(opts.out), { recursive: true });
writeFileSync(
  opts.out,
  `# Derived by evals/derive-search-questions.ts from evals/training-set/: do not edit by hand.\n# Indexed for search only; never shown or quoted.\n${stringify({ questions }, { lineWidth: 0 })}`,
);
if (opts.heldOutFile) writeFileSync(opts.heldOutFile, `${heldOut.join("\n")}\n`);
console.error(`${Object.keys(questions).length} sections, ${[...bySection.values()].reduce((n, s) => n + s.size, 0)} questions${opts.holdOut ? `, ${heldOut.length} held out` : ""}.`);
