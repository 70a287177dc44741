// Answering off the event loop (serving-guide.ts, answer-pool.ts, answer-worker.ts). Over the
// real answer worker and a full-text index of the real corpus in a temporary folder: answers
// come from a worker thread and equal the in-process guide's (history included), and a worker
// follows a re-ingest by itself. Over a fake worker module (CPU-heavy or crashing answers)
// behind the real Slack surface: /healthz answers while answers queue, readiness waits for the
// workers, and a worker that dies mid-question costs that question one apology, the next is answered.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { threadId } from "node:worker_threads";
import { pino } from "pino";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Answer } from "../core/answer-types.js";
import { APOLOGY_TEXT } from "../core/wording.js";
import { loadConfig } from "../platform/config.js";
import { CRASH_QUESTION } from "../testing/fake-answer-worker.js";
import { answeredAnswer } from "../testing/fake-practice-guide.js";
import { BOT_USER_ID, startSlackHarness, type SlackHarness } from "../testing/slack-harness.js";
import { loadCorpus } from "../../corpus/load-corpus.js";
import { ingestSections } from "../../retrieval/index/ingest-sections.js";
import { LanceStore } from "../../retrieval/index/lance-store.js";
import { createAnswerPool, type AnswerPool } from "./answer-pool.js";
import { openPracticeGuide, type OpenedGuide } from "./open-practice-guide.js";
import { openServingGuide, type ServingGuide } from "./serving-guide.js";

const FAKE_WORKER = new URL("../testing/fake-answer-worker.ts", import.meta.url);
const env = { LANCEDB_URI: path.join(mkdtempSync(path.join(tmpdir(), "answer-pool-")), "lancedb"), EMBEDDER: "none", LOG_LEVEL: "silent", INDEX_REFRESH_SECONDS: "0.2", ANSWER_WORKERS: "1" };
const config = loadConfig(env);
const silent = pino({ level: "silent" });
const withoutTimings = (answer: Answer) => ({ ...answer, timingsMs: undefined });

let serving: ServingGuide | undefined;
let inProcess: OpenedGuide | undefined;
let pool: AnswerPool | undefined;
let harness: SlackHarness | undefined;

beforeAll(async () => {
  // Builds the full-text index on this first open (no model: EMBEDDER=none).
  inProcess = await openPracticeGuide(config, silent);
}, 120_000);
afterAll(async () => {
  await inProcess?.close();
});
afterEach(async () => {
  await harness?.close();
  await serving?.close();
  await pool?.close();
  harness = undefined;
  serving = undefined;
  pool = undefined;
});

describe("the answer pool over the real answer worker", () => {
  it("answers on a worker thread, with the answer the in-process guide gives, history included", { timeout: 60_000 }, async () => {
    pool = createAnswerPool({ workers: 1, logger: silent, config });
    await pool.started;
    const first = await pool.run({ question: "define implicit bias" });
    expect(first.threadId).not.toBe(threadId);
    expect(first.answer.status).toBe("answered");
    expect(withoutTimings(first.answer)).toEqual(withoutTimings(await inProcess!.answer("define implicit bias")));

    const history = [{ question: "How can leaders bring traditionally excluded groups into decision making?", answer: await inProcess!.answer("How can leaders bring traditionally excluded groups into decision making?") }];
    const followUp = await pool.run({ question: "and what about the management side?", history });
    expect(withoutTimings(followUp.answer)).toEqual(withoutTimings(await inProcess!.answer("and what about the management side?", { history })));
    expect(pool.health()).toMatchObject({ workers: 1, up: 1, replaced: 0, started: true });
    expect(pool.queueDepth()).toBe(0);
  });

  it("serves /healthz from the main thread's index view and follows a re-ingest in the worker by itself", { timeout: 90_000 }, async () => {
    serving = await openServingGuide(config, silent);
    await serving.started;
    const before = serving.health();
    expect(before).toMatchObject({ ready: true, sections: inProcess!.index().sections, answerWorkers: { workers: 1, up: 1 } });

    const edit = "(answer pool test edit)";
    const sections = loadCorpus("corpus").sections.map((s) => (s.id === "workshops.booking" ? { ...s, text: `${s.text} ${edit}` } : s));
    const writer = await LanceStore.open(config.lancedb, { write: true });
    try {
      await ingestSections({ sections, embedder: null, store: writer, logger: silent, graceMs: 5_000 });
    } finally {
      writer.close();
    }
    // Idle between questions, the worker's own timer re-reads the pointer (its event loop is not parked in Atomics.wait).
    const deadline = Date.now() + 20_000;
    while (serving.health().generation === before.generation || !JSON.stringify(await serving.answer("How do I book an ICMA workshop?")).includes(edit)) {
      expect(Date.now(), "the worker never answered from the re-ingested index").toBeLessThan(deadline);
      await sleep(200);
    }
    expect(serving.getSection("workshops.booking")?.text).toContain(edit);
  });
});

const tsOf = (i: number) => `1700700000.${String(i).padStart(6, "0")}`;
const mention = (i: number, question = `question number ${i} about building trust`) => ({ type: "app_mention", user: "U1", channel: "C1", ts: tsOf(i), text: `<@${BOT_USER_ID}> ${question}` });

describe("serving with answers in a worker pool", () => {
  it("answers /healthz at once while a burst's CPU-heavy answers queue in the worker", { timeout: 60_000 }, async () => {
    serving = await openServingGuide(config, silent, { pool: { workerModule: FAKE_WORKER, workerOptions: { busyMs: 250 } } });
    await serving.started;
    const guide = serving;
    harness = await startSlackHarness({ guide, index: () => guide.health() });
    const h = harness;

    const burst = 12;
    const statuses = await Promise.all(Array.from({ length: burst }, (_, i) => h.sendEvent(mention(i)).then((res) => res.status)));
    expect(statuses).toEqual(Array.from({ length: burst }, () => 200));
    // 12 x 250 ms of answering queued in the one worker (2 at a time); the main thread is free.
    const healthMs: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      const started = performance.now();
      const health = (await (await fetch(`${h.running.url}/healthz`)).json()) as { ready: boolean; index: { answerWorkers: { up: number } } };
      healthMs.push(performance.now() - started);
      expect(health).toMatchObject({ ready: true, index: { answerWorkers: { up: 1 } } });
    }
    // On the main thread, five /healthz between answers would span several 250 ms answers.
    expect(h.posts().length, `replies already posted while /healthz took ${healthMs.map(Math.round).join(", ")} ms`).toBeLessThanOrEqual(4);
    expect(guide.queueDepth().answer).toBeGreaterThan(0);
    await h.waitFor(() => h.posts().length === burst, "every reply", 30_000);
    expect(new Set(h.posts().map((p) => p.body.thread_ts))).toEqual(new Set(Array.from({ length: burst }, (_, i) => tsOf(i))));
  });

  it("says not ready until the workers have opened their guides; questions asked meanwhile wait and are answered", { timeout: 60_000 }, async () => {
    serving = await openServingGuide(config, silent, { pool: { workerModule: FAKE_WORKER, workerOptions: { openDelayMs: 1_500 } } });
    expect(serving.health()).toMatchObject({ ready: false, detail: "answer workers starting (0 of 1 up)", answerWorkers: { workers: 1, up: 0, started: false } });
    const early = serving.answer("asked before the workers were up");
    await serving.started;
    expect(serving.health()).toMatchObject({ ready: true, answerWorkers: { up: 1, started: true } });
    expect((await early).status).toBe("answered");
  });

  it("rejects `started` with the reason when the workers cannot open their guide (serve.ts then stops)", { timeout: 60_000 }, async () => {
    serving = await openServingGuide(config, silent, { pool: { workerModule: FAKE_WORKER, workerOptions: { failOpen: true } } });
    await expect(serving.started).rejects.toThrow(/an answer worker could not open its guide: the index could not be opened \(fake\)/);
    expect(serving.health()).toMatchObject({ ready: false, answerWorkers: { up: 0, started: false } });
  });

  it("a question whose worker dies mid-answer gets one apology; the worker is replaced and the next question answered", { timeout: 60_000 }, async () => {
    serving = await openServingGuide(config, silent, { pool: { workerModule: FAKE_WORKER } });
    await serving.started;
    const guide = serving;
    harness = await startSlackHarness({ guide, index: () => guide.health() });
    const h = harness;

    expect((await h.sendEvent(mention(1, CRASH_QUESTION))).status).toBe(200);
    await h.waitFor(() => h.posts().length === 1, "the apology");
    expect(h.posts()[0]?.body).toMatchObject({ thread_ts: tsOf(1), text: APOLOGY_TEXT });
    expect(h.logs.filter((l) => l.event === "answer_failed")).toHaveLength(1);

    await h.sendEvent(mention(2));
    await h.waitFor(() => h.posts().length === 2, "the next answer", 30_000);
    await h.running.inFlight.drain(1_000);
    expect(h.posts()).toHaveLength(2);
    expect(String(h.posts()[1]?.body.text)).toContain(answeredAnswer("").text.slice(0, 40));
    expect(guide.health()).toMatchObject({ ready: true, answerWorkers: { workers: 1, up: 1, replaced: 1 } });
  });

  it("when a replacement worker cannot open its guide: one apology each, at once, readiness says why, and a new worker is tried until one opens", { timeout: 60_000 }, async () => {
    const failWhile = new Int32Array(new SharedArrayBuffer(4));
    serving = await openServingGuide(config, silent, { pool: { workerModule: FAKE_WORKER, workerOptions: { failWhile }, restartDelaysMs: [300, 600] } });
    await serving.started;
    const guide = serving;
    harness = await startSlackHarness({ guide, index: () => guide.health() });
    const h = harness;

    Atomics.store(failWhile, 0, 1); // the index is damaged: no new worker can open it
    await h.sendEvent(mention(1, CRASH_QUESTION));
    await h.waitFor(() => h.posts().length === 1, "the apology for the question the worker died on", 10_000);
    await h.waitFor(() => guide.health().detail?.startsWith("no answer worker could open its guide: the index could not be opened") === true, "readiness to say why", 20_000);
    expect(guide.health()).toMatchObject({ ready: false, answerWorkers: { up: 0 } });

    const asked = Date.now();
    await h.sendEvent(mention(2));
    await h.waitFor(() => h.posts().length === 2, "the apology for a question asked meanwhile", 5_000);
    expect(h.posts()[1]?.body).toMatchObject({ thread_ts: tsOf(2), text: APOLOGY_TEXT });
    expect(Date.now() - asked).toBeLessThan(3_000);

    Atomics.store(failWhile, 0, 0); // repaired: the next try opens
    await h.waitFor(() => guide.health().ready, "a new worker to open its guide", 20_000);
    await h.sendEvent(mention(3));
    await h.waitFor(() => h.posts().length === 3, "the next answer", 10_000);
    expect(String(h.posts()[2]?.body.text)).toContain(answeredAnswer("").text.slice(0, 40));
    await h.running.inFlight.drain(1_000);
    expect(h.posts()).toHaveLength(3);
  });
});
