// Shared start-up for the terminal commands: config, logger and the guide, or a clear
// message and exit code when the configuration is invalid.
import { ConfigError, loadConfig, type Config } from "../config.js";
import { createLogger, type Logger } from "../logger.js";
import type { PracticeGuide } from "../answer-types.js";
import { openPracticeGuide } from "../practice-guide.js";
import { CorpusError } from "../../scripts/corpus/load-corpus.js";

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
  try {
    return { config, logger, guide: await openPracticeGuide(config, logger) };
  } catch (error) {
    if (error instanceof CorpusError) {
      console.error(`The corpus has an error, so the index was not updated:\n  ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
}
