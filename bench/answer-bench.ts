// Run by bench/run-bench.ts in a fresh process against an existing index: warm answer()
// latency, the embed-plus-query floor, the Slack round trip, and this process's peak RSS.
// Prints one JSON object on stdout.
import { loadConfig } from "../bot/platform/config.js";
import { createLogger } from "../bot/platform/logger.js";
import { openPracticeGuide } from "../bot/app/open-practice-guide.js";
import { loadGoldenSet } from "../evals/golden-set.js";
import { percentile } from "../evals/metrics.js";
import { loadUniversalSentenceEncoder } from "../retrieval/embedder.js";
import { LanceStore } from "../retrieval/index/lance-store.js";

const results: Record<string, number> = {};
const logger = createLogger("silent");
const p = (values: number[], q: number) => Math.round((percentile(values, q) ?? Number.NaN) * 10) / 10;
const config = loadConfig();
const embedder = await loadUniversalSentenceEncoder();
const store = await LanceStore.open(config.lancedb);
let t: number;
const guide = await openPracticeGuide(config, logger, { embedder });
const questions = (await loadGoldenSet("evals/golden.jsonl")).map((c) => c.q);
for (const q of questions.slice(0, 10)) await guide.answer(q); // warm-up
const totals: number[] = [];
const retrieveShares: number[] = [];
for (const q of questions) {
  t = performance.now();
  const answer = await guide.answer(q);
  const total = performance.now() - t;
  totals.push(total);
  if (answer.timingsMs.total > 0) retrieveShares.push(answer.timingsMs.retrieve / answer.timingsMs.total);
}
results.answer_warm_p50_ms = p(totals, 50);
results.answer_warm_p95_ms = p(totals, 95);
results.answer_retrieve_share = Math.round((retrieveShares.reduce((a, b) => a + b, 0) / retrieveShares.length) * 1000) / 1000;

// --- Slack (when the adapter is present) ---
try {
  const { benchSlack } = (await import("./slack-bench.js")) as { benchSlack: (g: typeof guide) => Promise<Record<string, number>> };
  Object.assign(results, await benchSlack(guide));
} catch (error) {
  if ((error as NodeJS.ErrnoException).code !== "ERR_MODULE_NOT_FOUND") throw error;
}

// What serving needs: the guide, its answers and the Slack round trips, measured before the
// floor below opens a second snapshot of the index (another ~55 MB of LanceDB's native
// memory that a serving process, with its one snapshot, never holds).
results.serving_peak_rss_mb = Math.round(process.resourceUsage().maxRSS / 1024);

// The floor: embedding the query plus one LanceDB vector query, nothing else.
const index = (await store.openActiveSnapshot())?.index;
const floors: number[] = [];
for (const q of questions) {
  t = performance.now();
  const [vector] = await embedder.embed([q]);
  await index!.vectorSearch(vector!, 40);
  floors.push(performance.now() - t);
}
results.floor_embed_plus_query_p50_ms = p(floors, 50);
results.floor_embed_plus_query_p95_ms = p(floors, 95);
results.answer_over_floor_p95_ratio = Math.round((results.answer_warm_p95_ms / results.floor_embed_plus_query_p95_ms) * 100) / 100;

await guide.close();
store.close();
process.stdout.write(`${JSON.stringify(results)}\n`);
