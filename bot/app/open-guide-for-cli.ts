// Shared start-up for the terminal commands: config, logger and the guide, or one clear line
// and an exit code when the configuration, the index location or the index is wrong.
import { ConfigError, loadConfig, type Config } from "../platform/config.js";
import { createLogger, type Logger } from "../platform/logger.js";
import { keepRejectionsNonFatal } from "../platform/process-guards.js";
import type { PracticeGuide } from "../core/answer-types.js";
import { openPracticeGuide } from "./open-practice-guide.js";
import { IndexLocationError } from "../../retrieval/index/index-location.js";
import { IndexDamagedError } from "../../retrieval/index/lance-store.js";
import { CorpusError } from "../../corpus/load-corpus.js";
import { embeddingProgressBar } from "./progress-bar.js";

export async function openGuideForCli(): Promise<{ config: Config; logger: Logger; guide: PracticeGuide }> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  // Terminal users want to see problems, not routine progress, on stderr.
  const logger = createLogger(config.logLevel === "info" ? "warn" : config.logLevel);
  const bar = embeddingProgressBar();
  try {
    const guide = await openPracticeGuide(config, logger, { onBuildProgress: bar.update });
    // After the model has loaded (it installs a rethrowing handler): no stray rejection is fatal.
    keepRejectionsNonFatal(logger);
    return { config, logger, guide };
  } catch (error) {
    bar.stop();
    if (error instanceof CorpusError) {
      // Only a first run (no index yet) reads the corpus files to build from.
      console.error(`The corpus has an error, so no index could be built:\n  ${error.message}`);
      process.exit(1);
    }
    if (error instanceof IndexLocationError) {
      console.error(error.message);
      process.exit(2);
    }
    if (error instanceof IndexDamagedError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  } finally {
    bar.stop();
  }
}
