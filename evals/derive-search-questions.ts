// `npx tsx evals/derive-search-questions.ts`: writes corpus/search-questions/training.yaml,
// the answerable and glossary training questions (evals/training-set/) that expect one
// section, listed under it, so search finds a section by the words staff actually use for it, and
// corpus/unanswered-questions/training.yaml, the refusals made from a section (their note
// names it) listed under it, which the coverage model compares new questions with. The
// output is deterministic (sorted by section id, then question). `--hold-out N` leaves out
// every question whose id hashes to K mod N (`--fold K`, default 0; `--by writer`: every
// question by fold K's writers) and writes those to --held-out-file, to measure how well
// indexed questions help paraphrases nobody indexed. It never reads the test set.
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { Command } from "commander";
import { stringify } from "yaml";
import { loadCorpus } from "../corpus/load-corpus.js";
import { heldOutFoldOf, type FoldBy } from "./folds.js";
import { loadGoldenSets, noteSubject } from "./golden-set.js";

const program = new Command("derive-search-questions")
  .option("--training-dir <dir>", "training question files", "evals/training-set")
  .option("--out <file>", "where the questions go", "corpus/search-questions/training.yaml")
  .option("--unanswered-out <file>", "where the refusals made from a section go", "corpus/unanswered-questions/training.yaml")
  .option("--corpus-dir <dir>", "the corpus whose section ids a refusal's note may name", "corpus")
  .option("--hold-out <n>", "leave out one question in n (by id hash)", (v) => parseInt(v, 10))
  .option("--fold <k>", "with --hold-out n, which one in n: the questions whose id hashes to k mod n", (v) => parseInt(v, 10), 0)
  .option("--held-out-file <file>", "where the left-out questions go (JSONL)")
  .option("--by <how>", "with --hold-out, fold by id hash (id) or by writer (writer)", "id")
  .parse();
const opts = program.opts<{ trainingDir: string; out: string; unansweredOut: string; corpusDir: string; holdOut?: number; fold: number; heldOutFile?: string; by: FoldBy }>();

const files = readdirSync(opts.trainingDir)
  .filter((f) => f.endsWith(".jsonl"))
  .sort()
  .map((f) => path.join(opts.trainingDir, f));
const cases = await loadGoldenSets(files);
const held = (id: string) => opts.holdOut !== undefined && heldOutFoldOf(id, opts.holdOut, opts.by) === opts.fold;

const sectionIds = new Set(loadCorpus(opts.corpusDir).sections.map((s) => s.id));
const bySection = new Map<string, Set<string>>();
const unansweredBySection = new Map<string, Set<string>>();
const heldOut: string[] = [];
const add = (to: Map<string, Set<string>>, id: string, q: string) => to.set(id, (to.get(id) ?? new Set<string>()).add(q.replace(/\s+/g, " ").trim()));
// A later turn of a conversation ("and the management side?") means nothing on its own, so it
// is no search question; the first turn stands alone.
const conversationsSeen = new Set<string>();
for (const c of cases) {
  const laterTurn = c.conversation !== undefined && conversationsSeen.has(c.conversation);
  if (c.conversation !== undefined) conversationsSeen.add(c.conversation);
  if (laterTurn) continue;
  const madeFrom = noteSubject(c);
  if (c.kind === "refusal") {
    if (madeFrom && sectionIds.has(madeFrom) && !held(c.id)) add(unansweredBySection, madeFrom, c.q);
    continue;
  }
  // A question expecting two sections, listed under the first, would teach it the second's
  // words: a question about only those would then find the wrong section.
  if (c.expect.length !== 1) continue;
  if (held(c.id)) {
    heldOut.push(JSON.stringify(c));
    continue;
  }
  add(bySection, c.expect[0]!, c.q);
}
const sorted = (by: Map<string, Set<string>>) => Object.fromEntries([...by.keys()].sort().map((id) => [id, [...by.get(id)!].sort()]));
const write = (file: string, note: string, body: object) => {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `# Derived by evals/derive-search-questions.ts from evals/training-set/: do not edit by hand.\n# ${note}\n${stringify(body, { lineWidth: 0 })}`);
};
write(opts.out, "Indexed for search only; never shown or quoted.", { questions: sorted(bySection) });
write(opts.unansweredOut, "Never indexed, shown or quoted: the coverage model compares new questions with them.", { unanswered: sorted(unansweredBySection) });
if (opts.heldOutFile) writeFileSync(opts.heldOutFile, `${heldOut.join("\n")}\n`);
const count = (by: Map<string, Set<string>>) => [...by.values()].reduce((n, s) => n + s.size, 0);
console.error(`${bySection.size} sections, ${count(bySection)} questions, ${count(unansweredBySection)} refusals under ${unansweredBySection.size} sections${opts.holdOut ? `, ${heldOut.length} held out` : ""}.`);
