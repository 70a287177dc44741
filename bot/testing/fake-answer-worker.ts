// A stand-in for bot/app/answer-worker.ts in tests of the answer pool: no index and no model,
// the fake answered Answer after `busyMs` of synchronous CPU per question (an answer's cost,
// made visible: it blocks this worker thread, never the test's), and the history it was given
// counted in the answer text. The question "crash the worker" ends the thread mid-question, as
// a crash in the model's runtime would; `openDelayMs` delays the worker's "guide open" message,
// and `failOpen` makes opening the guide fail, as a damaged index would; `failWhile` (a shared
// Int32Array the test sets) makes it fail while its first element is not 0, as when the index
// is damaged after start-up and a replacement worker cannot open it until it is repaired.
import { parentPort, threadId } from "node:worker_threads";
import { workerData } from "piscina";
import type { AnswerTask, AnswerTaskResult, AnswerWorkerMessage } from "../app/answer-pool.js";
import { answeredAnswer } from "./fake-practice-guide.js";

export const CRASH_QUESTION = "crash the worker";

interface FakeWorkerOptions {
  busyMs?: number;
  openDelayMs?: number;
  failOpen?: boolean;
  failWhile?: Int32Array;
}
const options = (workerData as { options?: FakeWorkerOptions } | null | undefined)?.options ?? {};
const { busyMs = 0, openDelayMs = 0, failOpen = false, failWhile } = options;

function burn(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

async function start(): Promise<(task: AnswerTask) => Promise<AnswerTaskResult>> {
  await new Promise((r) => setTimeout(r, openDelayMs));
  if (failOpen || (failWhile && Atomics.load(failWhile, 0) !== 0)) throw new Error("the index could not be opened (fake)");
  const ready: AnswerWorkerMessage = { type: "answer_worker_ready", threadId, index: { generation: "fake", builtAt: "", sections: 0, embedder: null } };
  parentPort?.postMessage(ready);
  return async ({ question, history }) => {
    if (question === CRASH_QUESTION) process.exit(70);
    burn(busyMs);
    const answer = answeredAnswer(question);
    return { answer: { ...answer, text: `${answer.text} (history: ${history?.length ?? 0})` }, threadId };
  };
}

export default start();
