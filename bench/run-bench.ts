// `npm run bench`: ingestion, answer latency and memory on the real corpus with the default
// embedder, then bursts against the real server (`npm run serve`'s entry in its own process:
// 100 Slack mentions at once, 50 Teams messages at once), then one replica against two on a
// local Redis (a sustained rate and a burst) and the cost of the Redis-backed stores. Prints a
// table and writes bench/results.json (one flat object; units in names).
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createLogger } from "../bot/platform/logger.js";
import { loadUniversalSentenceEncoder } from "../retrieval/embedder.js";
import { LanceStore } from "../retrieval/index/lance-store.js";
import { buildIndex } from "../retrieval/index/build-index.js";
import { indexItemsFor } from "../retrieval/index/chunk-sections.js";
import { loadCorpus } from "../corpus/load-corpus.js";
import { benchBurst, benchSenderFloor, benchSlackIntake } from "./burst-bench.js";
import { benchReplicas } from "./replicas-bench.js";

const results: Record<string, number> = {};
const logger = createLogger("silent");
const ms = (start: number) => Math.round((performance.now() - start) * 10) / 10;
const lancedbUri = path.join(mkdtempSync(path.join(tmpdir(), "bench-")), "lancedb");

// --- Ingestion ---
const corpus = loadCorpus("corpus");
let t = performance.now();
const embedder = await loadUniversalSentenceEncoder();
results.model_load_ms = ms(t);
const store = await LanceStore.open({ uri: lancedbUri });
t = performance.now();
const full = await buildIndex({ sections: corpus.sections, embedder, store, logger });
results.ingest_full_ms = ms(t);
results.ingest_items = full.items;
t = performance.now();
await buildIndex({ sections: corpus.sections, embedder, store, logger });
results.ingest_nochange_ms = ms(t);

const chunks = await indexItemsFor(corpus.sections);
t = performance.now();
await embedder.embed(chunks.map((c) => c.searchText));
results.embed_throughput_items_per_s = Math.round((chunks.length / (performance.now() - t)) * 1000 * 10) / 10;

// A whole `npm run ingest` process with nothing to do, start-up included.
const childEnv = { ...process.env, LANCEDB_URI: lancedbUri, LOG_LEVEL: "silent" };
t = performance.now();
execFileSync(process.execPath, ["--import", "tsx", "scripts/ingest.ts"], { env: childEnv, stdio: "ignore" });
results.ingest_nochange_process_ms = ms(t);

// --- Answers ---
// Cold start: a new process that opens the index and model and answers one question.
t = performance.now();
execFileSync(process.execPath, ["--import", "tsx", "bot/app/ask.ts", "--json", "How do we build trust with residents?"], { env: childEnv, stdio: "ignore" });
results.cold_start_first_answer_ms = ms(t);

// Answer latency, the floor and serving memory are measured in a fresh process, so its
// peak RSS is what a serving process needs, not what ingestion left behind.
results.ingest_peak_rss_mb = Math.round(process.resourceUsage().maxRSS / 1024);
store.close();
const answerBench = execFileSync(process.execPath, ["--import", "tsx", "bench/answer-bench.ts"], { env: childEnv, stdio: ["ignore", "pipe", "inherit"] });
Object.assign(results, JSON.parse(answerBench.toString()) as Record<string, number>);

// --- Bursts against the real server, with its default embedding pool ---
Object.assign(results, await benchBurst({ lancedbUri }));
// The Slack surface's own floor under the same burst: answers held, only the intake runs.
Object.assign(results, await benchSlackIntake());
// What the sender itself adds to every ack above (same burst, a server that only says 200).
Object.assign(results, await benchSenderFloor());

// --- Replicas: one against two on a local redis-server, and the shared stores' cost ---
// (without redis-server only the in-memory replica; it says so).
Object.assign(results, await benchReplicas({ lancedbUri, log: (line) => console.log(line) }));

const targets: Record<string, string> = {
  ingest_full_ms: "< 60000",
  ingest_nochange_ms: "< 3000",
  ingest_nochange_process_ms: "< 3000",
  answer_warm_p95_ms: "< 50",
  answer_over_floor_p95_ratio: "<= 1.5",
  cold_start_first_answer_ms: "< 3000",
  serving_peak_rss_mb: "< 500",
  slack_ack_p95_ms: "< 100",
  slack_burst_ack_p95_ms: "< 100",
  slack_burst_ack_max_ms: "< 500",
  slack_burst_answered_once: "= slack_burst_events",
  slack_burst_last_reply_ms: "< 15000",
  slack_burst_event_loop_max_ms: "< 50",
  teams_burst_answered_once: "= teams_burst_messages",
  one_replica_memory_sustained_answered_once: "= one_replica_memory_sustained_events",
  one_replica_sustained_answered_once: "= one_replica_sustained_events",
  one_replica_burst_answered_once: "= one_replica_burst_events",
  two_replicas_sustained_answered_once: "= two_replicas_sustained_events",
  two_replicas_sustained_ack_p95_ms: "< 100",
  two_replicas_burst_answered_once: "= two_replicas_burst_events",
  two_replicas_burst_acks_over_3s: "= 0",
  two_replicas_raced_answered_once: "= two_replicas_raced_redeliveries",
  redis_event_added_p95_ms: "< 5",
  replicas_shared_state_degraded: "= 0",
};
console.table(Object.fromEntries(Object.entries(results).map(([k, v]) => [k, { value: v, target: targets[k] ?? "" }])));
writeFileSync("bench/results.json", `${JSON.stringify(results, null, 2)}\n`);
console.log("Wrote bench/results.json");
