// A tiny run of the replicas bench: real `serve` processes (full-text index, built by the first
// one in a temporary folder), a local redis-server, the fake Slack Web API counting replies.
// Behaviour, not timing: every mention is answered exactly once across two replicas, and the
// figures are produced. (Without redis-server the bench says so and measures the in-memory
// replica only; this test is then skipped.)
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { REDIS_MISSING, REDIS_SERVER } from "../bot/testing/redis-server.js";
import { benchReplicas } from "./replicas-bench.js";

if (!REDIS_SERVER) console.warn(REDIS_MISSING);

const lanceDir = mkdtempSync(path.join(tmpdir(), "pg-replicas-bench-"));
const tiny = { lancedbUri: lanceDir, embedder: "none", sustainedRate: 10, sustainedSeconds: 1, burstEvents: 10, racedRedeliveries: 5, storeSamples: 50, warmupEvents: 1 };

afterAll(() => rmSync(lanceDir, { recursive: true, force: true }));

describe("benchReplicas", () => {
  it.skipIf(!REDIS_SERVER)("answers every mention exactly once across two replicas on Redis, and reports the figures", { timeout: 240_000 }, async () => {
    const results = await benchReplicas(tiny);
    expect(results.replicas_redis).toBe(1);
    for (const run of ["one_replica_memory_sustained", "one_replica_sustained", "two_replicas_sustained"]) {
      expect(results[`${run}_events`]).toBe(10);
      expect(results[`${run}_answered_once`]).toBe(10);
      expect(results[`${run}_answered_twice_or_more`]).toBe(0);
      expect(results[`${run}_acks_not_200`]).toBe(0);
    }
    for (const run of ["one_replica_burst", "two_replicas_burst"]) {
      expect(results[`${run}_answered_once`]).toBe(10);
      expect(results[`${run}_answered_twice_or_more`]).toBe(0);
    }
    // Each raced mention went to both replicas at once; Redis's claim lets one answer. (While a
    // replica's Redis is degraded, claims are per process by design and a race may be answered
    // twice: the bench counts both.)
    expect(results.two_replicas_raced_answered_once! + results.two_replicas_raced_answered_twice_or_more!).toBe(5);
    if (results.replicas_shared_state_degraded === 0) expect(results.two_replicas_raced_answered_once).toBe(5);
    for (const key of [
      "two_replicas_sustained_answers_per_s",
      "two_replicas_sustained_ack_p95_ms",
      "two_replicas_burst_last_reply_ms",
      "one_replica_burst_answers_per_s",
      "redis_claim_p95_ms",
      "redis_history_read_write_p95_ms",
      "redis_event_state_p50_ms",
      "memory_event_state_p50_ms",
      "replica_redis_peak_rss_mb",
    ]) {
      expect(Number.isFinite(results[key]), key).toBe(true);
      expect(results[key], key).toBeGreaterThan(0);
    }
    expect(Number.isFinite(results.redis_event_added_p50_ms)).toBe(true);
    expect(results.two_replicas_burst_ack_max_ms).toBeGreaterThanOrEqual(results.two_replicas_burst_ack_p50_ms!);
  });
});
