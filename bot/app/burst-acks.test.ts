// Acks never wait for answers: a burst of signed mentions through the real bolt receiver, with
// answers held back (a gate) or made CPU-heavy in a worker thread (the worker embedder over a
// fake model that burns CPU per text), and a crashing worker costing its question one apology.
import { pino } from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { APOLOGY_TEXT } from "../core/wording.js";
import { CRASH_TEXT } from "../../retrieval/testing/fake-embed-worker.js";
import { answeredAnswer, fakePracticeGuide } from "../testing/fake-practice-guide.js";
import { BOT_USER_ID, startSlackHarness, type SlackHarness } from "../testing/slack-harness.js";
import type { Embedder } from "../../retrieval/embedder.js";
import { createWorkerEmbedder } from "../../retrieval/worker-embedder.js";

const FAKE_WORKER = new URL("../../retrieval/testing/fake-embed-worker.ts", import.meta.url);
const BURST = 20;

let harness: SlackHarness | undefined;
let embedder: Embedder | undefined;
afterEach(async () => {
  await harness?.close();
  await embedder?.close?.();
  harness = undefined;
  embedder = undefined;
});

const tsOf = (i: number) => `1700400000.${String(i).padStart(6, "0")}`;
const mention = (i: number, question = `question number ${i} about building trust`) => ({
  type: "app_mention",
  user: "U1",
  channel: "C1",
  ts: tsOf(i),
  text: `<@${BOT_USER_ID}> ${question}`,
});

describe("a burst of mentions", () => {
  it(`acks all ${BURST} mentions sent at once while every answer is still held back`, async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let answered = 0;
    const guide = fakePracticeGuide(async (question) => {
      await gate;
      answered += 1;
      return answeredAnswer(question);
    });
    harness = await startSlackHarness({ guide });
    const h = harness;

    const statuses = await Promise.all(Array.from({ length: BURST }, (_, i) => h.sendEvent(mention(i)).then((res) => res.status)));
    expect(statuses).toEqual(Array.from({ length: BURST }, () => 200));
    expect(answered).toBe(0);
    await h.waitFor(() => guide.calls.length === BURST, "every question to reach the guide");

    release();
    await h.waitFor(() => h.posts().length === BURST, "every reply");
    expect(new Set(h.posts().map((p) => p.body.thread_ts))).toEqual(new Set(Array.from({ length: BURST }, (_, i) => tsOf(i))));
  });

  it("acks them all before the second answer is ready when each embedding takes 150 ms of CPU in a worker thread", async () => {
    embedder = await createWorkerEmbedder({ workers: 1, logger: pino({ level: "silent" }), workerModule: FAKE_WORKER, workerOptions: { busyMs: 150 } });
    const workerEmbedder = embedder;
    const answeredAt: number[] = [];
    const guide = fakePracticeGuide(async (question) => {
      await workerEmbedder.embed([question]);
      answeredAt.push(performance.now());
      return answeredAnswer(question);
    });
    harness = await startSlackHarness({ guide });
    const h = harness;

    const ackedAt = await Promise.all(Array.from({ length: BURST }, (_, i) => h.sendEvent(mention(i)).then(() => performance.now())));
    await h.waitFor(() => h.posts().length === BURST, "every reply", 20_000);
    // 20 x 150 ms of embedding ran one after another in the worker; none of it held up an ack.
    expect(Math.max(...ackedAt)).toBeLessThan(answeredAt.sort((a, b) => a - b)[1]!);
    expect(h.posts()).toHaveLength(BURST);
  });

  it("a question whose embedding crashes its worker gets one apology, and the next question is answered", async () => {
    embedder = await createWorkerEmbedder({ workers: 1, logger: pino({ level: "silent" }), workerModule: FAKE_WORKER });
    const workerEmbedder = embedder;
    const guide = fakePracticeGuide(async (question) => {
      await workerEmbedder.embed([question]);
      return answeredAnswer(question);
    });
    harness = await startSlackHarness({ guide });
    const h = harness;

    expect((await h.sendEvent(mention(1, CRASH_TEXT))).status).toBe(200);
    await h.waitFor(() => h.posts().length === 1, "the apology");
    expect(h.posts()[0]?.body).toMatchObject({ thread_ts: tsOf(1), text: APOLOGY_TEXT });
    expect(h.logs.filter((l) => l.event === "answer_failed")).toHaveLength(1);

    await h.sendEvent(mention(2));
    await h.waitFor(() => h.posts().length === 2, "the next answer");
    await h.running.inFlight.drain(1_000);
    expect(h.posts()).toHaveLength(2);
    expect(h.posts()[1]?.body).toMatchObject({ thread_ts: tsOf(2), text: answeredAnswer("").text });
  });
});
