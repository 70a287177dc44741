// The eval and the tuner measure the corpus as it is in the YAML files, so they bring the
// index up to date first (as `npm run ingest` would) rather than read whatever was last
// ingested. Returns the embedder so the guide does not load the model a second time.
import type { Config } from "../bot/platform/config.js";
import type { Logger } from "../bot/platform/logger.js";
import { createEmbedder } from "../bot/app/create-embedder.js";
import type { Embedder } from "../retrieval/embedder.js";
import { IngestLockedError } from "../retrieval/index/ingest-lock.js";
import { ingestSections, waitForRunningIngest } from "../retrieval/index/ingest-sections.js";
import { LanceStore } from "../retrieval/index/lance-store.js";
import { loadCorpus } from "../corpus/load-corpus.js";

export async function ingestFirst(config: Config, logger: Logger): Promise<Embedder | null> {
  const corpus = loadCorpus(config.corpusDir);
  const embedder = await createEmbedder(config, logger);
  const store = await LanceStore.open(config.lancedb, { write: true });
  try {
    for (;;) {
      try {
        await ingestSections({ sections: corpus.sections, embedder, store, logger, graceMs: config.indexGraceMs });
        return embedder;
      } catch (error) {
        // Another ingest (or another eval) is writing: wait for it, then bring the index up to date.
        if (!(error instanceof IngestLockedError)) throw error;
        await waitForRunningIngest(store, logger, error);
      }
    }
  } finally {
    store.close();
  }
}
