// The worker-thread side of worker-embedder.ts: each worker loads the Universal Sentence
// Encoder once, with the same code and batch size as the in-thread embedder (so vectors and
// identity match an index built either way), then embeds the texts of one task at a time. The
// model's runtime installs a rethrowing unhandledRejection handler here, in this thread only:
// a stray rejection ends this worker (piscina replaces it), never the serving process.
import { loadUniversalSentenceEncoder } from "./embedder.js";
import type { EmbedTask, EmbedTaskResult } from "./worker-embedder.js";

async function start(): Promise<(task: EmbedTask) => Promise<EmbedTaskResult>> {
  const embedder = await loadUniversalSentenceEncoder();
  return async (task) => (task.kind === "identify" ? { name: embedder.name, dimension: embedder.dimension } : embedder.embed(task.texts));
}

// Piscina awaits an exported promise before it runs a task here: the model loads first.
export default start();
