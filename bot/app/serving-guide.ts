// The guide as `npm run serve` uses it. With ANSWER_WORKERS > 0 (the default) the main thread
// keeps only an index view (the active generation's sections and glossary, for /healthz and
// the lookups the surfaces make themselves: citation titles, glossary cards) and sends every
// answer(question, { history, kinds }) to the answer pool, whose workers each hold a full guide
// and follow re-ingests on their own. /readyz says ready only once every worker has opened its
// guide, and again whenever none is up (while the only worker is being replaced). Generated
// answers (OPENAI_API_KEY) are built and called in the workers; streaming text (onText) is the
// terminal's and is not passed across. ANSWER_WORKERS=0 keeps today's fallback: everything on the
// main thread, answers paced one per event-loop turn.
import type { AnswerFn, PracticeGuide } from "../core/answer-types.js";
import type { Config } from "../platform/config.js";
import type { Logger } from "../platform/logger.js";
import type { IndexHealth } from "../surfaces/http/server.js";
import { createAnswerPool, type AnswerPoolOptions } from "./answer-pool.js";
import { openIndexView, openPracticeGuide } from "./open-practice-guide.js";

export interface ServingGuide extends PracticeGuide {
  /** What /healthz and /readyz say of the index and the answer workers. */
  health(): IndexHealth;
  /** Resolves once the guide can answer (every answer worker up); rejects when the workers cannot start. */
  started: Promise<void>;
  /** Questions waiting for or in an answer worker, by pool ("answer"), for /metrics. */
  queueDepth(): Record<string, number>;
}

export interface ServingGuideOptions {
  /** Tests: a fake worker module and its options. */
  pool?: Pick<AnswerPoolOptions, "workerModule" | "workerOptions" | "answersPerWorker" | "restartDelaysMs">;
}

export async function openServingGuide(config: Config, logger: Logger, options: ServingGuideOptions = {}): Promise<ServingGuide> {
  if (config.answerWorkers === 0) {
    logger.warn({ event: "answer_on_main_thread" }, "ANSWER_WORKERS=0: answering on the main thread, where each answer holds up HTTP acks and /healthz for 50 ms or more.");
    const guide = await openPracticeGuide(config, logger, { serving: true });
    return { ...guide, health: () => ({ ready: true, ...guide.index() }), started: Promise.resolve(), queueDepth: () => ({}) };
  }
  const view = await openIndexView(config, logger);
  const pool = createAnswerPool({ workers: config.answerWorkers, logger, config, ...options.pool });
  const answer: AnswerFn = async (question, answerOptions = {}) => (await pool.run({ question, history: answerOptions.history, kinds: answerOptions.kinds })).answer;
  return {
    answer,
    getSection: (id) => view.getSection(id),
    searchGlossary: (query, limit) => view.searchGlossary(query, limit),
    health: () => {
      const workers = pool.health();
      const ready = workers.started && workers.up > 0;
      return {
        ready,
        ...view.index(),
        answerWorkers: workers,
        ...(ready
          ? {}
          : { detail: workers.problem ?? (workers.started ? "no answer worker is up (a new one is starting)" : `answer workers starting (${workers.up} of ${workers.workers} up)`) }),
      };
    },
    started: pool.started,
    queueDepth: () => ({ answer: pool.queueDepth() }),
    async close() {
      await pool.close();
      await view.close();
    },
  };
}
