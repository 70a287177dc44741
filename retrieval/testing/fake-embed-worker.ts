// A stand-in for retrieval/embed-worker.ts in tests of the worker embedder: no model, a small
// deterministic vector per text, after `busyMs` of synchronous CPU per text (the model's cost,
// made visible: it blocks this worker thread, not the test's). The text "crash the worker"
// ends the thread mid-task, as a crashing model would.
import { workerData } from "piscina";
import type { EmbedTask, EmbedTaskResult } from "../worker-embedder.js";

export const CRASH_TEXT = "crash the worker";

// Off a worker thread (a test importing CRASH_TEXT) piscina has no workerData.
const { busyMs = 0 } = (workerData as { options?: { busyMs?: number } } | null | undefined)?.options ?? {};

function burn(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

/** [length, sum of char codes mod 97, 1]: equal texts, equal vectors. */
export function fakeVector(text: string): number[] {
  let sum = 0;
  for (const ch of text) sum += ch.codePointAt(0)!;
  return [text.length, sum % 97, 1];
}

async function start(): Promise<(task: EmbedTask) => Promise<EmbedTaskResult>> {
  return async (task) => {
    if (task.kind === "identify") return { name: "fake-worker-embedder", dimension: 3 };
    return task.texts.map((text) => {
      if (text === CRASH_TEXT) process.exit(70);
      burn(busyMs);
      return fakeVector(text);
    });
  };
}

export default start();
