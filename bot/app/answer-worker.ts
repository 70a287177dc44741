// The worker-thread side of answer-pool.ts: each answer worker of a serving process opens a
// guide of its own here (the index, the corpus stored with it, its own in-thread copy of the
// embedding model, the generator when OPENAI_API_KEY is set) from the configuration the main
// thread parsed (workerData, never process.env), follows re-ingests the way every reader does,
// and then answers one task at a time: answer(question, { history, kinds }), the Answer
// returned as plain JSON. The model's runtime installs a rethrowing unhandledRejection handler
// in this thread, and it is left here on purpose: a stray rejection ends this worker (piscina
// starts another, and the questions it held get the apology), never the serving process.
import { threadId } from "node:worker_threads";
import { parentPort } from "node:worker_threads";
import { workerData } from "piscina";
import type { Config } from "../platform/config.js";
import { createLogger } from "../platform/logger.js";
import { useOutboundProxy } from "../platform/outbound-proxy.js";
import { openPracticeGuide } from "./open-practice-guide.js";
import type { AnswerTask, AnswerTaskResult, AnswerWorkerMessage } from "./answer-pool.js";

async function start(): Promise<(task: AnswerTask) => Promise<AnswerTaskResult>> {
  const { config } = (workerData as { options: { config: Config } }).options;
  const logger = createLogger(config.logLevel).child({ answerWorker: threadId });
  // Each thread has its own fetch dispatcher: an LLM call from here goes through HTTPS_PROXY too.
  useOutboundProxy(config.proxy, logger);
  // The main thread has already built the index if there was none, and checked the corpus files against it.
  const guide = await openPracticeGuide(config, logger, { checkCorpus: false });
  const ready: AnswerWorkerMessage = { type: "answer_worker_ready", threadId, index: guide.index() };
  parentPort?.postMessage(ready);
  return async ({ question, history, kinds }) => ({ answer: await guide.answer(question, { history, kinds }), threadId });
}

// Piscina awaits an exported promise before it runs a task here: the guide opens first.
export default start();
