// Shared state on a real Redis (redis-server on a loopback port): two replicas' stores see
// one claim, one history and one share; with Redis stopped they keep answering from memory
// (health degraded, one warning), and after it returns they are shared again.
import { spawnSync } from "node:child_process";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Answer } from "../core/answer-types.js";
import { freePort, REDIS_MISSING, REDIS_SERVER, TestRedisServer } from "../testing/redis-server.js";
import { openSharedState, type SharedState } from "./shared-state.js";

if (!REDIS_SERVER) console.warn(REDIS_MISSING);

function capture() {
  const lines: Array<Record<string, unknown>> = [];
  const logger = pino({ level: "info" }, { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
  return { logger, lines };
}

function answer(question: string): Answer {
  return { question, status: "answered", text: `about ${question}`, citations: [], retrieved: [], mode: "extractive", timingsMs: { retrieve: 1, total: 2 } };
}

async function until(check: () => boolean | Promise<boolean>, timeoutMs = 8_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe.skipIf(!REDIS_SERVER)("shared state in Redis", () => {
  let redis: TestRedisServer;
  let a: SharedState;
  let b: SharedState;
  const logs = capture();

  beforeAll(async () => {
    redis = await TestRedisServer.start();
    a = openSharedState({ url: redis.url, commandTimeoutMs: 300 }, logs.logger);
    b = openSharedState({ url: redis.url, commandTimeoutMs: 300 }, capture().logger);
    a.start();
    b.start();
    await until(() => a.health().state === "ok" && b.health().state === "ok");
  });

  afterAll(async () => {
    await a?.close();
    await b?.close();
    await redis?.stop();
  });

  it("claims a key once across two replicas, however the claims interleave", async () => {
    for (let i = 0; i < 20; i++) {
      const results = await Promise.all([a.claims.claim(`ev-${i}`), b.claims.claim(`ev-${i}`), a.claims.claim(`ev-${i}`)]);
      expect(results.filter(Boolean)).toHaveLength(1);
    }
  });

  it("keeps a conversation's last turns where every replica reads them", async () => {
    const one = a.conversations("slack");
    const two = b.conversations("slack");
    for (let i = 1; i <= 6; i++) await (i % 2 ? one : two).remember("C1:1.0", answer(`q${i}`));
    await one.remember("C1:1.0", { ...answer("not a question"), status: "invalid" });
    expect((await two.get("C1:1.0")).map((t) => t.question)).toEqual(["q3", "q4", "q5", "q6"]);
    expect((await two.get("C1:1.0"))[3]?.answer?.text).toBe("about q6");
    expect(await b.conversations("teams").get("C1:1.0")).toEqual([]);
  });

  it("hands a stored share answer to the replica the click reaches, once", async () => {
    const key = await a.shares.put(answer("shared"));
    expect((await b.shares.take(key))?.question).toBe("shared");
    expect(await a.shares.take(key)).toBeUndefined();
  });

  it("keeps answering from memory while Redis is down, says degraded once, and is shared again after", async () => {
    await redis.stop();
    const started = Date.now();
    // Every call resolves (no throw) and quickly, from this process's memory.
    expect(await a.claims.claim("during-outage")).toBe(true);
    expect(await a.claims.claim("during-outage")).toBe(false);
    await a.conversations("teams").remember("conv", answer("offline"));
    expect((await a.conversations("teams").get("conv")).map((t) => t.question)).toEqual(["offline"]);
    const key = await a.shares.put(answer("offline share"));
    expect((await a.shares.take(key))?.question).toBe("offline share");
    expect(Date.now() - started).toBeLessThan(3_000);
    await until(() => a.health().state === "degraded");
    expect(a.health().detail).toMatch(/unreachable/);
    // A second failing call does not warn again.
    await a.claims.claim("during-outage-2");
    expect(logs.lines.filter((l) => l.event === "shared_state_degraded")).toHaveLength(1);

    await redis.start();
    await until(() => a.health().state === "ok" && b.health().state === "ok");
    expect(logs.lines.some((l) => l.event === "shared_state_recovered")).toBe(true);
    expect(await a.claims.claim("after-outage")).toBe(true);
    expect(await b.claims.claim("after-outage")).toBe(false);
    expect(JSON.stringify(logs.lines)).not.toMatch(/password|secret/);
  });

  it("does not take a reply that came in time for late when this process's event loop was blocked past the deadline", async () => {
    const claim = a.claims.claim("blocked-loop-1");
    // node-redis writes a command from a setImmediate: let it go out, then block the loop past
    // the 300 ms deadline and until Redis has applied the claim (checked by redis-cli, which
    // runs without this loop), so its reply is in time and waits unread in the socket. Without
    // that check a loaded machine could answer late for real, and the test would flake.
    await new Promise((resolve) => setImmediate(resolve));
    const pastDeadline = Date.now() + 700;
    const giveUp = Date.now() + 10_000;
    const applied = () => spawnSync("redis-cli", ["-u", redis.url, "EXISTS", "pg:claim:blocked-loop-1"], { encoding: "utf8" }).stdout.trim() === "1";
    while (Date.now() < pastDeadline || !applied()) if (Date.now() > giveUp) throw new Error("Redis never applied the claim");
    expect(await claim).toBe(true);
    expect(a.health().state).toBe("ok");
    expect(await b.claims.claim("blocked-loop-1")).toBe(false);
  });

  it("gives up on a hung Redis within the deadline, then skips it until it answers again", async () => {
    redis.pause();
    try {
      let started = Date.now();
      expect(await a.claims.claim("hung-1")).toBe(true);
      expect(Date.now() - started).toBeLessThan(300 + 400);
      expect(a.health().state).toBe("degraded");
      started = Date.now();
      for (let i = 0; i < 5; i++) await a.conversations("slack").remember("hung", answer(`h${i}`));
      expect(await a.claims.claim("hung-1")).toBe(false);
      expect(Date.now() - started).toBeLessThan(300);
    } finally {
      redis.resume();
    }
    // No traffic needed: a background probe sees Redis answer again.
    await until(() => a.health().state === "ok");
    // Replies that came in late were matched to their own commands, not to new ones.
    const key = await a.shares.put(answer("after the hang"));
    expect((await b.shares.take(key))?.question).toBe("after the hang");
    expect(await b.claims.claim("after-hang")).toBe(true);
    expect(await a.claims.claim("after-hang")).toBe(false);
  });
});

describe("shared state start-up", () => {
  it("does not wait for an unreachable Redis: stores answer from memory, health goes starting then degraded", async () => {
    const port = await freePort();
    const { logger, lines } = capture();
    const state = openSharedState({ url: `redis://user:hunter2@127.0.0.1:${port}`, commandTimeoutMs: 200 }, logger, { startupGraceMs: 300 });
    const started = Date.now();
    state.start();
    expect(state.health().state).toBe("starting");
    expect(await state.claims.claim("k")).toBe(true);
    expect(await state.claims.claim("k")).toBe(false);
    expect(Date.now() - started).toBeLessThan(200);
    await until(() => state.health().state === "degraded", 3_000);
    expect(state.health().detail).not.toContain("hunter2");
    expect(JSON.stringify(lines)).not.toContain("hunter2");
    expect(lines.filter((l) => l.event === "shared_state_degraded")).toHaveLength(1);
    await state.close();
  });

  it("without REDIS_URL keeps today's in-memory stores", async () => {
    const state = openSharedState(undefined, capture().logger);
    expect(state.health()).toMatchObject({ state: "ok", mode: "memory" });
    expect(await state.claims.claim("k")).toBe(true);
    expect(await state.claims.claim("k")).toBe(false);
  });
});
