// Loads the corpus and brings the index up to date. Shared by `npm run ingest` and by every
// entry point that ingests first when the index is missing or stale.
import { SingleBar, Presets } from "cli-progress";
import type { Config } from "../bot/config.js";
import type { Logger } from "../bot/logger.js";
import type { Embedder } from "../retrieval/embedder.js";
import type { LanceStore } from "../retrieval/lance-store.js";
import { buildIndex, type BuildIndexResult } from "./build-index.js";
import { loadCorpus, type LoadedCorpus } from "./corpus/load-corpus.js";

export interface IngestOptions {
  config: Config;
  logger: Logger;
  store: LanceStore;
  embedder: Embedder | null;
  corpus?: LoadedCorpus;
  /** Show a progress bar (only when stderr is a terminal). */
  progressBar?: boolean;
}

export async function ingestCorpus(options: IngestOptions): Promise<{ corpus: LoadedCorpus; result: BuildIndexResult }> {
  const { config, logger, store, embedder } = options;
  const corpus = options.corpus ?? loadCorpus(config.corpusDir);
  const bar =
    options.progressBar && process.stderr.isTTY
      ? new SingleBar({ format: "Embedding {bar} {value}/{total} chunks | {eta}s left", stream: process.stderr }, Presets.shades_classic)
      : null;
  let started = false;
  try {
    const result = await buildIndex({
      sections: corpus.sections,
      embedder,
      store,
      logger,
      onProgress: (done, total) => {
        if (!bar || total === 0) return;
        if (!started) {
          bar.start(total, 0);
          started = true;
        }
        bar.update(done);
      },
    });
    return { corpus, result };
  } finally {
    if (started) bar?.stop();
  }
}
