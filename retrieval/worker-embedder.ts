// Embedding off the event loop. The Universal Sentence Encoder spends about 40 ms of
// synchronous CPU per text; on a serving process's main thread that stalls every HTTP ack and
// /healthz behind it (50 Slack mentions at once had acks up to 4 s, past Slack's 3-second
// limit). This Embedder hands the texts to a piscina pool of worker threads, each holding its
// own copy of the model (embed-worker.ts), and only awaits the vectors. A worker that crashes
// rejects the embed it was running (the caller apologises for that question, once) and piscina
// starts a replacement; the model runtime's rethrowing rejection handler lives in the workers,
// never in this process.
import { Piscina } from "piscina";
import type { Logger } from "pino";
import type { Embedder } from "./embedder.js";

/** One task for a worker: say which model it holds, or embed these texts. */
export type EmbedTask = { kind: "identify" } | { kind: "embed"; texts: string[] };
export type EmbedTaskResult = { name: string; dimension: number } | number[][];

export interface WorkerEmbedderOptions {
  /** Worker threads in the pool, each with its own copy of the model. */
  workers: number;
  logger: Logger;
  /** The worker module, a TypeScript file whose default export is (a promise of) the task handler; tests pass a fake. */
  workerModule?: URL;
  /** Passed to the worker module as piscina's workerData.options. */
  workerOptions?: Record<string, unknown>;
  /** How long close() waits for embeds in flight. */
  closeTimeoutMs?: number;
}

const ENTRY = new URL("./ts-worker-entry.mjs", import.meta.url);
// Compiled (build/dist) the worker module is JavaScript beside this file; run through tsx, TypeScript.
const USE_WORKER = new URL(`./embed-worker.${import.meta.url.endsWith(".ts") ? "ts" : "js"}`, import.meta.url);

/**
 * The pool, started and warmed: resolves once every worker has loaded its model (so the
 * first questions do not wait for it), or rejects with the reason the model could not load.
 */
export async function createWorkerEmbedder(options: WorkerEmbedderOptions): Promise<Embedder> {
  const { workers, logger } = options;
  if (!Number.isInteger(workers) || workers < 1) throw new RangeError(`a worker embedder needs at least one worker, not ${workers}`);
  const pool = new Piscina<EmbedTask, EmbedTaskResult>({
    filename: ENTRY.href,
    workerData: { module: (options.workerModule ?? USE_WORKER).href, options: options.workerOptions ?? {} },
    minThreads: workers,
    maxThreads: workers,
    // A new worker loads the model again (about a second), so none retires for being idle.
    idleTimeout: Infinity,
    closeTimeout: options.closeTimeoutMs ?? 10_000,
  });
  let started = 0;
  pool.on("workerCreate", () => {
    started += 1;
    if (started > workers) logger.warn({ event: "embed_worker_replaced", workers }, "an embedding worker stopped; a new one was started in its place");
  });
  // An error in a worker with no task in flight. Without a listener the pool would rethrow it
  // in this process; piscina has already replaced the worker.
  pool.on("error", (err: unknown) => {
    logger.error({ event: "embed_worker_error", err: messageOf(err) }, "an embedding worker failed between tasks; a new one was started in its place");
  });

  let identity: { name: string; dimension: number };
  try {
    const identities = await Promise.all(Array.from({ length: workers }, () => pool.run({ kind: "identify" })));
    const first = identities[0];
    if (!first || Array.isArray(first)) throw new Error("the embedding worker did not say which model it holds");
    identity = first;
  } catch (error) {
    await pool.destroy();
    throw new Error(`the embedding workers could not start: ${messageOf(error)}`, { cause: error });
  }

  // Tasks handed to the pool and not yet settled: those queued plus those running (/metrics).
  let pending = 0;
  const run = (task: EmbedTask) => {
    pending += 1;
    return pool.run(task).finally(() => {
      pending -= 1;
    });
  };

  let closed: Promise<void> | undefined;
  return {
    name: identity.name,
    dimension: identity.dimension,
    async embed(texts) {
      // Piscina would start new threads for a task after close(); a closed embedder stays closed.
      if (closed) throw new Error("embedding failed in a worker thread: the embedder is closed");
      if (texts.length === 0) return [];
      // A batch (ingest, a first-run build) is split across the workers; a question is one text.
      const slices = split(texts, Math.min(workers, texts.length));
      try {
        const parts = await Promise.all(slices.map((slice) => run({ kind: "embed", texts: slice })));
        return parts.flatMap((part) => {
          if (!Array.isArray(part)) throw new Error("the embedding worker answered an embed task with something else");
          return part;
        });
      } catch (error) {
        throw new Error(`embedding failed in a worker thread: ${messageOf(error)}`, { cause: error });
      }
    },
    close() {
      closed ??= pool.close();
      return closed;
    },
    queueDepth: () => pending,
  };
}

/** `items` cut into `parts` contiguous slices of nearly equal length, in order. */
function split<T>(items: readonly T[], parts: number): T[][] {
  const size = Math.ceil(items.length / parts);
  const slices: T[][] = [];
  for (let i = 0; i < items.length; i += size) slices.push(items.slice(i, i + size));
  return slices;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
