// `npm run ingest`: validate the corpus and bring the index up to date: the one command that
// writes the index (readers only build one on a first run). One writer at a time per folder;
// a damaged index is repaired; an index with vectors is never silently replaced by a
// full-text-only one (`--text-only` does it on purpose).
import { Command } from "commander";
import { embeddingProgressBar } from "../bot/app/progress-bar.js";
import { ConfigError, loadConfig } from "../bot/platform/config.js";
import { createLogger } from "../bot/platform/logger.js";
import { ConcurrentIngestError, IndexDowngradeError } from "../retrieval/index/build-index.js";
import { createEmbedder } from "../bot/app/create-embedder.js";
import { IndexLocationError } from "../retrieval/index/index-location.js";
import { IngestLockedError } from "../retrieval/index/ingest-lock.js";
import { ingestSections } from "../retrieval/index/ingest-sections.js";
import { LanceStore } from "../retrieval/index/lance-store.js";
import { CorpusError, loadCorpus } from "../corpus/load-corpus.js";

const program = new Command("ingest")
  .description("Validate the corpus and bring the search index up to date")
  .option("--text-only", "allow replacing an index that has vectors with a full-text-only one (when no embedder can load)")
  .parse();
const opts = program.opts<{ textOnly?: boolean }>();

/** Exit codes: 0 done, 1 corpus error or refused, 2 configuration, 3 another ingest is running. */
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
  let corpus;
  try {
    // Validated before anything is opened: a bad edit writes nothing.
    corpus = loadCorpus(config.corpusDir);
  } catch (error) {
    if (!(error instanceof CorpusError)) throw error;
    logger.error({ file: error.file, line: error.line }, `Corpus error, nothing was written: ${error.message}`);
    console.error(`Corpus error, nothing was written:\n  ${error.message}`);
    return 1;
  }
  let store: LanceStore;
  try {
    store = await LanceStore.open(config.lancedb, { write: true });
  } catch (error) {
    if (!(error instanceof IndexLocationError)) throw error;
    console.error(error.message);
    return 2;
  }
  const bar = embeddingProgressBar();
  try {
    const embedder = await createEmbedder(config, logger);
    const result = await ingestSections({
      sections: corpus.sections,
      embedder,
      store,
      logger,
      allowTextOnly: opts.textOnly,
      graceMs: config.indexGraceMs,
      onProgress: bar.update,
    });
    bar.stop();
    if (result.repaired.length > 0) console.error(`The index was damaged (${result.repaired.join("; ")}) and has been rebuilt.`);
    console.error(
      `${corpus.sections.length} sections, ${result.items} chunks and sentence units: ${result.embedded} embedded, ${result.reused} reused, ${result.removed} removed` +
        `${result.vectors ? "" : " (full-text only)"} in ${(result.durationMs / 1000).toFixed(1)} s.`,
    );
    return 0;
  } catch (error) {
    bar.stop();
    if (error instanceof IngestLockedError) {
      console.error(`Not ingesting: ${error.message}`);
      return 3;
    }
    if (error instanceof IndexDowngradeError || error instanceof ConcurrentIngestError) {
      logger.error(error.message);
      console.error(error.message);
      return 1;
    }
    throw error;
  } finally {
    store.close();
  }
}

process.exitCode = await main();
