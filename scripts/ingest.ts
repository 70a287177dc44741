// `npm run ingest`: validate the corpus and bring the index up to date by hand.
import { ConfigError, loadConfig } from "../bot/config.js";
import { createLogger } from "../bot/logger.js";
import { createEmbedder } from "../retrieval/embedder.js";
import { LanceStore } from "../retrieval/lance-store.js";
import { CorpusError } from "./corpus/load-corpus.js";
import { ingestCorpus } from "./ingest-corpus.js";

async function main(): Promise<number> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      return 2;
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  const store = await LanceStore.open(config.lancedb);
  try {
    const embedder = await createEmbedder(config, logger);
    const { corpus, result } = await ingestCorpus({ config, logger, store, embedder, progressBar: true });
    console.error(
      `${corpus.sections.length} sections, ${result.items} chunks and sentence units: ${result.embedded} embedded, ${result.reused} reused, ${result.removed} removed` +
        `${result.vectors ? "" : " (full-text only)"} in ${(result.durationMs / 1000).toFixed(1)} s.`,
    );
    return 0;
  } catch (error) {
    if (error instanceof CorpusError) {
      logger.error({ file: error.file, line: error.line }, `Corpus error, nothing was written: ${error.message}`);
      console.error(`Corpus error, nothing was written:\n  ${error.message}`);
      return 1;
    }
    throw error;
  } finally {
    store.close();
  }
}

process.exitCode = await main();
