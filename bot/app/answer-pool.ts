// Answering off the event loop. One answer is about 40 ms of embedding and 10-15 ms of
// retrieval decoding, coverage scoring and composing, all synchronous JavaScript; on a serving
// process's main thread a burst of questions queued that work between the HTTP acks, /healthz
// and feedback clicks (100 Slack mentions at once on 2 loaded cores, only the embedding in a
// worker: the loop stalled 0.11-0.51 s while answering; with this pool 0.04-0.12 s, what is
// left being the intake's own). Here the whole of answer() runs in a piscina pool of worker
// threads (ANSWER_WORKERS), each holding a guide of its own (answer-worker.ts); the main thread
// only posts (question, history, kinds) and awaits the Answer, so answers queue in the pool
// while requests keep being acked. A worker that dies mid-question (a crash in the model's
// runtime, a stray rejection, running out of memory) rejects the questions it held, so each
// gets the surface's apology once, and piscina starts a replacement, which opens its guide again.
// A replacement that cannot open its guide (the index damaged or gone since start-up) makes
// piscina stop starting workers for good, and questions would wait for one forever: so the
// pool is then destroyed (its queued questions get the apology), every question meanwhile
// gets the apology at once and readiness says why, and a new pool is tried after a back-off
// (RESTART_DELAYS_MS) until one opens its guide.
import { Piscina } from "piscina";
import type { SectionKind } from "../../corpus/section.js";
import type { Answer, ConversationTurn } from "../core/answer-types.js";
import type { Config } from "../platform/config.js";
import type { Logger } from "../platform/logger.js";
import type { GuideIndexState } from "./open-practice-guide.js";

/** One question for a worker: what answer() takes, minus onText (a function cannot cross threads). */
export interface AnswerTask {
  question: string;
  history?: ConversationTurn[];
  kinds?: SectionKind[];
}

/** The Answer, and which thread computed it. */
export interface AnswerTaskResult {
  answer: Answer;
  threadId: number;
}

/** Posted by a worker once its guide is open. */
export interface AnswerWorkerMessage {
  type: "answer_worker_ready";
  threadId: number;
  index: GuideIndexState;
}

export interface AnswerPoolHealth {
  /** Workers configured (ANSWER_WORKERS). */
  workers: number;
  /** Workers with their guide open now. */
  up: number;
  /** Workers started in place of ones that stopped. */
  replaced: number;
  /** Every worker has opened its guide at least once. */
  started: boolean;
  /** Why no worker can answer now (a replacement could not open its guide); absent when they can. */
  problem?: string;
}

export interface AnswerPoolOptions {
  workers: number;
  logger: Logger;
  /** The parsed configuration each worker opens its guide from (workerData, never process.env). */
  config: Config;
  /** The worker module (default answer-worker.ts, or .js compiled); tests pass a fake. */
  workerModule?: URL;
  /** Passed to the worker module beside the config, as piscina's workerData.options. */
  workerOptions?: Record<string, unknown>;
  /** Answers one worker works on at once: while one waits on the index (I/O off the thread) another computes. */
  answersPerWorker?: number;
  /** How long close() waits for answers in flight. */
  closeTimeoutMs?: number;
  /** Waits before each new try at a pool whose workers could not open their guide (tests shorten them). */
  restartDelaysMs?: number[];
}

export interface AnswerPool {
  run(task: AnswerTask): Promise<AnswerTaskResult>;
  /** Resolves once every worker has opened its guide; rejects with the reason when one stops first. */
  started: Promise<void>;
  health(): AnswerPoolHealth;
  /** Questions handed to the pool and not yet answered: queued plus in a worker (/metrics). */
  queueDepth(): number;
  close(): Promise<void>;
}

const ENTRY = new URL("../../retrieval/ts-worker-entry.mjs", import.meta.url);
// Compiled (build/dist) the worker module is JavaScript beside this file; run through tsx, TypeScript.
const ANSWER_WORKER = new URL(`./answer-worker.${import.meta.url.endsWith(".ts") ? "ts" : "js"}`, import.meta.url);
const DEFAULT_ANSWERS_PER_WORKER = 2;
// The main thread must win the CPU whenever it has a request to take in: on Linux a thread's
// nice value is its own, so raising the workers' (piscina's niceIncrement, through the optional
// @napi-rs/nice; without it they keep the process's) leaves acks, /healthz and feedback first
// and gives answering the CPU they leave over.
// Measured on 2 loaded cores, 100 mentions at once: intake event-loop max 1.0 s at nice 0,
// 0.24-0.30 s at 10, with the last reply no later.
const WORKER_NICE_INCREMENT = 10;
/** Then every 5 minutes. */
const RESTART_DELAYS_MS = [5_000, 30_000, 300_000];

/** The pool, starting: its workers open their guides in the background (`started` says when they have). */
export function createAnswerPool(options: AnswerPoolOptions): AnswerPool {
  const { workers, logger } = options;
  if (!Number.isInteger(workers) || workers < 1) throw new RangeError(`an answer pool needs at least one worker, not ${workers}`);
  const newPool = () =>
    new Piscina<AnswerTask, AnswerTaskResult>({
      filename: ENTRY.href,
      workerData: { module: (options.workerModule ?? ANSWER_WORKER).href, options: { ...options.workerOptions, config: options.config } },
      minThreads: workers,
      maxThreads: workers,
      concurrentTasksPerWorker: options.answersPerWorker ?? DEFAULT_ANSWERS_PER_WORKER,
      // A worker's own timers must run between tasks (it re-reads the index pointer every
      // INDEX_REFRESH_SECONDS): with Atomics a worker would sleep in Atomics.wait while idle.
      atomics: "disabled",
      niceIncrement: WORKER_NICE_INCREMENT,
      // A new worker loads the model and opens the index again (a second or more), so none retires for being idle.
      idleTimeout: Infinity,
      closeTimeout: options.closeTimeoutMs ?? 30_000,
    });
  const restartDelays = options.restartDelaysMs ?? RESTART_DELAYS_MS;

  // Threads that have opened their guide; a thread that has exited no longer counts (its
  // threadId reads -1 once it has stopped, so it matches none of these).
  const opened = new Set<number>();
  let pool = newPool();
  const upCount = () => pool.threads.filter((thread) => opened.has(thread.threadId)).length;
  let everUp = 0;
  let closing = false;
  let startedOk = false;
  let problem: string | undefined;
  let restarts = 0;
  let restartTimer: NodeJS.Timeout | undefined;
  let settleStart!: (error?: Error) => void;
  const started = new Promise<void>((resolve, reject) => {
    settleStart = (error) => (error ? reject(error) : resolve());
  });
  // A rejection nobody awaited yet (serve.ts awaits it after listening) must not be unhandled.
  started.catch(() => {});

  const watch = (watched: Piscina<AnswerTask, AnswerTaskResult>) => {
    watched.on("message", (message: AnswerWorkerMessage) => {
      if (message?.type !== "answer_worker_ready") return;
      opened.add(message.threadId);
      everUp += 1;
      if (problem !== undefined) {
        logger.info({ event: "answer_workers_recovered", workers, up: upCount() }, "an answer worker has opened its guide again; questions are answered again");
        problem = undefined;
        restarts = 0;
      } else if (everUp > workers)
        logger.warn({ event: "answer_worker_replaced", workers, up: upCount(), thread: message.threadId }, "a new answer worker has opened its guide in place of one that stopped");
      if (!startedOk && upCount() >= workers) {
        startedOk = true;
        logger.info({ event: "answer_workers_started", workers, generation: message.index.generation }, `Answering in ${workers} worker thread${workers === 1 ? "" : "s"} (ANSWER_WORKERS).`);
        settleStart();
      }
    });
    watched.on("workerDestroy", () => {
      if (closing || watched !== pool || problem !== undefined) return;
      // The pool reports the worker's error (when it threw rather than exited) just after this: let it name the reason.
      if (!startedOk) setImmediate(() => settleStart(new Error("an answer worker exited before its guide was open")));
      else logger.error({ event: "answer_worker_stopped", up: upCount(), workers }, "an answer worker stopped; the questions it held get the apology, and a new one is starting");
    });
    // An error in a worker with no question in flight (e.g. while opening its guide). Without a
    // listener the pool would rethrow it in this process.
    watched.on("error", (err: unknown) => {
      if (closing || watched !== pool) return;
      logger.error({ event: "answer_worker_error", err: messageOf(err) }, "an answer worker failed outside a question");
      if (!startedOk) settleStart(new Error(`an answer worker could not open its guide: ${messageOf(err)}`));
      // piscina starts no more workers once one failed while starting: with none left, start over.
      else if (watched.threads.length === 0) replaceDeadPool(messageOf(err));
    });
  };
  watch(pool);

  const replaceDeadPool = (reason: string) => {
    problem = `no answer worker could open its guide: ${reason}`;
    const delayMs = restartDelays[Math.min(restarts, restartDelays.length - 1)] ?? 300_000;
    restarts += 1;
    logger.error(
      { event: "answer_workers_down", reason, retryInMs: delayMs },
      `${problem}; every question gets the apology until one can, and a new worker is tried in ${Math.round(delayMs / 1000)} s`,
    );
    // Destroying rejects the questions queued for the dead pool (each gets the apology).
    void pool.destroy().catch(() => {});
    restartTimer = setTimeout(() => {
      if (closing) return;
      pool = newPool();
      watch(pool);
    }, delayMs);
    restartTimer.unref();
  };

  let closed: Promise<void> | undefined;
  let pending = 0;
  return {
    async run(task) {
      // Piscina would start new threads for a task after close(); a closed pool stays closed.
      if (closed) throw new Error("the answer pool is closed");
      if (problem !== undefined) throw new Error(problem);
      pending += 1;
      try {
        return await pool.run(task);
      } finally {
        pending -= 1;
      }
    },
    queueDepth: () => pending,
    started,
    health: () => ({ workers, up: upCount(), replaced: Math.max(0, everUp - workers), started: startedOk, ...(problem !== undefined ? { problem } : {}) }),
    close() {
      closing = true;
      if (restartTimer) clearTimeout(restartTimer);
      closed ??= pool.close();
      return closed;
    },
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
