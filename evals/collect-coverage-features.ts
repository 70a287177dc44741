// `npx tsx evals/collect-coverage-features.ts --out f.jsonl <question files...>`: runs each
// question through the guide's decide() (the same steps answer() runs, up to the coverage
// decision) and writes one line per question: what decided it, the coverage features, and
// the labels the fit needs; a conversation's later turns are decided with its earlier ones as
// history. `--folds n --fold k` keeps only the questions of fold k, for the
// cross-fitting in cross-fit-coverage.ts, which runs this once per fold against an index
// whose search questions leave that fold out. It never reads the test set.
import { writeFileSync } from "node:fs";
import { Command } from "commander";
import { openPracticeGuide } from "../bot/app/open-practice-guide.js";
import { loadConfig } from "../bot/platform/config.js";
import { createLogger } from "../bot/platform/logger.js";
import type { CoverageSample } from "./coverage-samples.js";
import { heldOutFoldOf, type FoldBy } from "./folds.js";
import { loadGoldenSets, noteSubject } from "./golden-set.js";
import { ingestFirst } from "./ingest-first.js";
import type { ConversationTurn } from "../bot/core/answer-types.js";
import { rememberTurn } from "../bot/core/conversation.js";

const program = new Command("collect-coverage-features")
  .requiredOption("--out <file>", "where the samples go (JSONL)")
  .option("--folds <n>", "split the questions into n folds by id hash", (v) => parseInt(v, 10))
  .option("--fold <k>", "with --folds, keep fold k only", (v) => parseInt(v, 10), 0)
  .option("--by <how>", "with --folds, fold by id hash (id) or by writer (writer)", "id")
  .argument("<files...>", "question files (JSONL in the golden-set format)")
  .parse();
const opts = program.opts<{ out: string; folds?: number; fold: number; by: FoldBy }>();
if (program.args.some((f) => f.includes("test-set"))) program.error("The test set is sealed: nothing that tunes may read it.");

const config = loadConfig();
const logger = createLogger("warn");
const embedder = await ingestFirst(config, logger);
const guide = await openPracticeGuide(config, logger, { embedder, generator: null });
const lines: string[] = [];
// A conversation's turns are decided in order, each with the earlier turns (as answered) as
// its history, so follow-ups are judged as answer() judges them.
const conversations = new Map<string, ConversationTurn[]>();
for (const item of await loadGoldenSets(program.args)) {
  if (opts.folds !== undefined && heldOutFoldOf(item.id, opts.folds, opts.by) !== opts.fold) continue;
  const history = item.conversation === undefined ? [] : (conversations.get(item.conversation) ?? []);
  const decision = await guide.decide(item.q, { history });
  if (item.conversation !== undefined) conversations.set(item.conversation, rememberTurn(history, await guide.answer(item.q, { history })));
  const sample: CoverageSample = {
    id: item.id,
    q: item.q,
    ...(history.length > 0 ? { turn: history.length + 1 } : {}),
    inScope: item.kind !== "refusal",
    subtype: item.subtype ?? null,
    group: noteSubject(item) ?? item.expect[0] ?? item.id,
    step: decision.step,
    ...(decision.step === "coverage"
      ? {
          searched: decision.searched,
          decidedBy: decision.coverage.decidedBy,
          covered: decision.coverage.covered,
          features: decision.coverage.evidence.features,
          top: decision.hits.slice(0, 3).map((h) => h.section.id),
          // Every candidate as retrieved, for studying the ranking (fusion, rerankers).
          hits: decision.hits.map((h) => ({ id: h.section.id, score: h.score, similarity: h.similarity, bm25: h.bm25, ...(h.answeredAlike !== undefined ? { answeredAlike: h.answeredAlike } : {}) })),
        }
      : {}),
    expect: item.expect,
  };
  lines.push(JSON.stringify(sample));
}
await guide.close();
writeFileSync(opts.out, `${lines.join("\n")}\n`);
console.error(`${lines.length} questions written to ${opts.out}`);
