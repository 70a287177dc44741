// Replicas on one machine: `npm run serve`'s entry in processes of its own (as burst-bench.ts
// starts it, with the same fake Slack Web API and signed mentions: serve-harness.ts), one
// replica against two sharing a local redis-server (REDIS_URL), the two fed round-robin by
// the load generator (request i to replica i mod 2), as a load balancer would, no proxy process.
// For each set-up, a sustained rate (10 mentions/s for 20 s) and a burst (100 at once):
// answers per second, ack p50/p95/max, reply p50/p95 (from each mention's send; for a burst,
// from the burst's start), time to the last reply, and every event answered exactly once
// (replies counted at the fake Web API). Then the cost of shared state: one replica with and
// without REDIS_URL under the same sustained rate; the store calls themselves against the
// local Redis and in memory (a claim; a history read and write; what one mention does: two
// claims, event id and message, plus a history read and write), p50/p95, and the difference
// per event; and mentions delivered to both replicas at the same instant (Slack's retry racing
// the original) answered once. Without redis-server on PATH the bench says so and measures
// only the in-memory replica.
import { randomBytes } from "node:crypto";
import { loadavg } from "node:os";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { openSharedState, type SharedState } from "../bot/app/shared-state.js";
import { loadConfig } from "../bot/platform/config.js";
import { createLogger } from "../bot/platform/logger.js";
import { answeredAnswer } from "../bot/testing/fake-practice-guide.js";
import { REDIS_SERVER, TestRedisServer } from "../bot/testing/redis-server.js";
import { loadGoldenSet } from "../evals/golden-set.js";
import { percentile } from "../evals/metrics.js";
import { REPO, round, sleep, slackSender, startFakeUpstream, startSender, startServe, warmUp, type RunningServe, type ServeOptions } from "./serve-harness.js";

export interface ReplicasBenchOptions {
  /** The index the replicas answer from (built beforehand, or built by the first replica when there is none). */
  lancedbUri: string;
  /** Mentions per second in the sustained runs. */
  sustainedRate?: number;
  sustainedSeconds?: number;
  burstEvents?: number;
  /** Mentions delivered to both replicas at once (original and Slack's retry). */
  racedRedeliveries?: number;
  /** Calls per store measurement. */
  storeSamples?: number;
  warmupEvents?: number;
  /** EMBEDDER for the replicas (default "use"; the test uses "none"). */
  embedder?: string;
  /** false: run as if redis-server were missing. Default: Redis runs when redis-server is on PATH. */
  redis?: boolean;
  replyTimeoutMs?: number;
  /** Progress lines (default: none). */
  log?: (line: string) => void;
}

export const REDIS_SKIPPED = "replicas bench: redis-server not found on PATH (apt-get install -y redis-server); skipping the Redis-backed runs (two replicas, Redis stores), measuring one in-memory replica only";

/** Figures of one run: sustained or burst, against one replica or several. */
interface RunFigures {
  events: number;
  answeredOnce: number;
  answeredTwiceOrMore: number;
  figures: Record<string, number>;
}

export async function benchReplicas(options: ReplicasBenchOptions): Promise<Record<string, number>> {
  const log = options.log ?? (() => {});
  const started = performance.now();
  const rate = options.sustainedRate ?? 10;
  const seconds = options.sustainedSeconds ?? 20;
  const burstEvents = options.burstEvents ?? 100;
  const raced = options.racedRedeliveries ?? 20;
  const warmups = options.warmupEvents ?? 3;
  const replyTimeoutMs = options.replyTimeoutMs ?? 60_000;
  const useRedis = (options.redis ?? true) && REDIS_SERVER !== undefined;
  const questions = (await loadGoldenSet(resolve(REPO, "evals/golden.jsonl"))).map((c) => c.q);
  const question = (i: number) => questions[i % questions.length]!;
  const signingSecret = randomBytes(16).toString("hex");
  const slack = slackSender(signingSecret);
  const results: Record<string, number> = { replicas_load_avg_1m_start: Math.round(loadavg()[0]! * 100) / 100 };
  if (!useRedis) log(REDIS_SKIPPED);
  // A redis-server that is installed but will not start is skipped the same way, saying why.
  const redis = useRedis
    ? await TestRedisServer.start().catch((error: unknown) => void log(`replicas bench: redis-server did not start (${String(error)}); skipping the Redis-backed runs`))
    : undefined;
  results.replicas_redis = redis ? 1 : 0;

  const upstream = await startFakeUpstream();
  const sender = startSender();
  const serveOptions = (redisUrl?: string): ServeOptions => ({ upstreamUrl: upstream.url, signingSecret, lancedbUri: options.lancedbUri, embedder: options.embedder, redisUrl });
  // Every run's event ids and message ts are its own (claims in Redis outlive a run).
  let runs = 0;
  const tsPrefix = () => `17004${String((runs += 1)).padStart(2, "0")}000`;

  /** Mentions to `targets` round-robin, paced at `intervalMs` (0: all at once). */
  async function run(targets: RunningServe[], events: number, intervalMs: number): Promise<RunFigures> {
    const prefix = tsPrefix();
    const tsOf = (i: number) => `${prefix}.${String(i).padStart(6, "0")}`;
    const requests = Array.from({ length: events }, (_, i) => slack.signed(`Ev${prefix}x${i}`, tsOf(i), question(i + warmups)));
    await Promise.all(targets.map((t) => t.probe("reset")));
    const replies = upstream.slack.waitFor(
      requests.map((_, i) => tsOf(i)),
      replyTimeoutMs + events * intervalMs,
    );
    const acks = await sender.send(
      targets.map((t) => t.eventsUrl),
      requests,
      { intervalMs },
    );
    const arrivals = await replies;
    const loops = await Promise.all(targets.map((t) => t.probe("report")));
    await sleep(1_000); // any second reply to an event arrives in this time
    const perEvent = requests.map((_, i) => upstream.slack.count(tsOf(i)));
    const firstSent = Math.min(...acks.map((a) => a.sentAt));
    const lastReply = Math.max(...arrivals.map((a) => a.at));
    // Sustained: each reply from its own mention's send; a burst: from the burst's start.
    const replyMs = arrivals.map((a, i) => a.at - (intervalMs > 0 ? acks[i]!.sentAt : firstSent));
    const ackMs = acks.map((a) => a.ms);
    return {
      events,
      answeredOnce: perEvent.filter((n) => n === 1).length,
      answeredTwiceOrMore: perEvent.filter((n) => n > 1).length,
      figures: {
        events,
        answers_per_s: Math.round((events / ((lastReply - firstSent) / 1000)) * 10) / 10,
        ack_p50_ms: round(percentile(ackMs, 50)),
        ack_p95_ms: round(percentile(ackMs, 95)),
        ack_max_ms: round(Math.max(...ackMs)),
        acks_not_200: acks.filter((a) => a.status !== 200).length,
        acks_over_3s: ackMs.filter((ms) => ms > 3_000).length,
        reply_p50_ms: round(percentile(replyMs, 50)),
        reply_p95_ms: round(percentile(replyMs, 95)),
        last_reply_ms: round(lastReply - firstSent),
        answered_once: perEvent.filter((n) => n === 1).length,
        answered_twice_or_more: perEvent.filter((n) => n > 1).length,
        event_loop_max_ms: Math.max(...loops.map((l) => l.eventLoopMaxMs)),
      },
    };
  }
  const since = () => `${Math.round((performance.now() - started) / 1000)} s`;
  const record = (name: string, figures: RunFigures) => {
    for (const [key, value] of Object.entries(figures.figures)) results[`${name}_${key}`] = value;
    log(`[${since()}] ${name}: ${figures.figures.answers_per_s} answers/s, ack p95 ${figures.figures.ack_p95_ms} ms, last reply ${figures.figures.last_reply_ms} ms, ${figures.answeredOnce}/${figures.events} answered once`);
  };
  const sustained = (targets: RunningServe[]) => run(targets, Math.round(rate * seconds), 1000 / rate);
  const burst = (targets: RunningServe[]) => run(targets, burstEvents, 0);
  const stopAll = async (servers: Array<RunningServe | undefined>) => void (await Promise.all(servers.map((s) => s?.stop())));

  try {
    // --- The stores alone, against the local Redis and in memory. ---
    if (redis) Object.assign(results, await benchStores(redis.url, options.storeSamples ?? 1_000));

    // --- One replica, state in its memory (no REDIS_URL): the baseline. ---
    log(`[${since()}] replicas bench: one replica without REDIS_URL`);
    const memory = await startServe(serveOptions());
    try {
      await memory.ready();
      await warmUp(slack, upstream, memory.eventsUrl, warmups, tsPrefix(), question);
      record("one_replica_memory_sustained", await sustained([memory]));
      results.replica_peak_rss_mb = (await memory.probe("report")).peakRssMb;
    } finally {
      await memory.stop();
    }
    if (!redis) return results;

    // --- Two replicas on the local Redis: one alone, then both round-robin. ---
    log(`[${since()}] replicas bench: two replicas on REDIS_URL`);
    // Both at once: the in-memory replica has built the index if there was none.
    const starting = [startServe(serveOptions(redis.url)), startServe(serveOptions(redis.url))] as const;
    const [a, b] = await Promise.all(starting).catch(async (error: unknown) => {
      await stopAll(await Promise.all(starting.map((s) => s.catch(() => undefined))));
      throw error as Error;
    });
    try {
      for (const replica of [a, b]) {
        await replica.ready();
        await until(async () => (await replica.health()).sharedState?.state === "ok", 15_000, "a replica's shared state did not become ok");
        await warmUp(slack, upstream, replica.eventsUrl, warmups, tsPrefix(), question);
      }
      results.replica_embed_workers = a.embedWorkers;
      record("one_replica_sustained", await sustained([a]));
      record("one_replica_burst", await burst([a]));
      record("two_replicas_sustained", await sustained([a, b]));
      record("two_replicas_burst", await burst([a, b]));

      // Each mention sent to both replicas at the same instant, once as Slack's retry.
      const prefix = tsPrefix();
      const tsOf = (i: number) => `${prefix}.${String(i).padStart(6, "0")}`;
      const pairs = Array.from({ length: raced }, (_, i) => {
        const original = slack.signed(`Ev${prefix}x${i}`, tsOf(i), question(i));
        const retry = slack.signed(`Ev${prefix}x${i}`, tsOf(i), question(i), 1);
        return i % 2 === 0 ? [original, retry] : [retry, original];
      }).flat();
      const racedReplies = upstream.slack.waitFor(
        Array.from({ length: raced }, (_, i) => tsOf(i)),
        replyTimeoutMs,
      );
      await sender.send([a.eventsUrl, b.eventsUrl], pairs);
      await racedReplies;
      await sleep(1_000);
      const racedCounts = Array.from({ length: raced }, (_, i) => upstream.slack.count(tsOf(i)));
      results.two_replicas_raced_redeliveries = raced;
      results.two_replicas_raced_answered_once = racedCounts.filter((n) => n === 1).length;
      results.two_replicas_raced_answered_twice_or_more = racedCounts.filter((n) => n > 1).length;
      log(`two_replicas_raced: ${results.two_replicas_raced_answered_once}/${raced} answered once`);

      const reports = await Promise.all([a, b].map((r) => r.probe("report")));
      results.replica_redis_peak_rss_mb = Math.max(...reports.map((r) => r.peakRssMb));
      results.replicas_error_log_lines = a.errorLines() + b.errorLines();
      // Redis answers late (a command past REDIS_TIMEOUT_MS) and claims fall back to each replica's memory.
      results.replicas_shared_state_degraded = a.logEvents("shared_state_degraded") + b.logEvents("shared_state_degraded");
      results.replicas_redelivery_duplicates_logged = a.logEvents("slack_event_duplicate") + b.logEvents("slack_event_duplicate");
    } finally {
      await stopAll([a, b]);
    }
    return results;
  } finally {
    await redis?.stop();
    await sender.close();
    await upstream.close();
    results.replicas_load_avg_1m_end = Math.round(loadavg()[0]! * 100) / 100;
    results.replicas_bench_s = Math.round((performance.now() - started) / 100) / 10;
  }
}

/**
 * The shared-state calls a mention makes, one at a time, against Redis and in memory: a
 * claim; a history read and write (a new thread's: read empty, append one turn); and the
 * whole per-event sequence (claim the event id, claim the message, read, write). Three
 * decimals: the memory calls take microseconds.
 */
export async function benchStores(redisUrl: string, samples: number): Promise<Record<string, number>> {
  const logger = createLogger("silent");
  const p = (values: number[], q: number) => Math.round((percentile(values, q) ?? Number.NaN) * 1000) / 1000;
  const answer = answeredAnswer("How do we build trust with residents?");
  const shared = openSharedState(loadConfig({ REDIS_URL: redisUrl }).redis, logger);
  const memory = openSharedState(undefined, logger);
  shared.start();
  try {
    await until(() => shared.health().state === "ok", 10_000, "the bench's Redis connection did not become ok");
    const results: Record<string, number> = {};
    for (const [name, state] of [["memory", memory], ["redis", shared]] as Array<[string, SharedState]>) {
      const history = state.conversations("slack");
      const time = async (fn: (i: number) => Promise<unknown>, tag: string) => {
        for (let i = 0; i < 50; i += 1) await fn(-i - 1); // warm-up
        const ms: number[] = [];
        for (let i = 0; i < samples; i += 1) {
          const t = performance.now();
          await fn(i);
          ms.push(performance.now() - t);
        }
        results[`${name}_${tag}_p50_ms`] = p(ms, 50);
        results[`${name}_${tag}_p95_ms`] = p(ms, 95);
        return ms;
      };
      const run = randomBytes(4).toString("hex");
      await time((i) => state.claims.claim(`bench:${run}:claim:${i}`), "claim");
      await time(async (i) => {
        const key = `C1:${run}:history:${i}`;
        await history.get(key);
        await history.remember(key, answer);
      }, "history_read_write");
      await time(async (i) => {
        const key = `${run}:event:${i}`;
        await state.claims.claim(`Ev${key}`);
        await state.claims.claim(`message:C1:${key}`);
        await history.get(`C1:${key}`);
        await history.remember(`C1:${key}`, answer);
      }, "event_state");
    }
    results.redis_event_added_p50_ms = Math.round((results.redis_event_state_p50_ms! - results.memory_event_state_p50_ms!) * 1000) / 1000;
    results.redis_event_added_p95_ms = Math.round((results.redis_event_state_p95_ms! - results.memory_event_state_p95_ms!) * 1000) / 1000;
    return results;
  } finally {
    await shared.close();
    await memory.close();
  }
}

async function until(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`replicas bench: ${what} within ${timeoutMs} ms`);
    await sleep(50);
  }
}

// Standalone: `tsx bench/replicas-bench.ts` against the index at LANCEDB_URI (default
// data/lancedb); run-bench.ts calls benchReplicas with the index it has just built.
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const results = await benchReplicas({ lancedbUri: process.env.LANCEDB_URI ?? "data/lancedb", log: (line) => console.error(line) });
  process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
}
