// The one way to write the index: take the writer's lock, build, release. `npm run ingest`
// and a reader's first run (no index yet) both come through here, so two writers on one
// folder never overlap. On object storage there is no lock file: the operator guarantees one
// writer (one ingest job), and this says so once per run.
import { setTimeout as sleep } from "node:timers/promises";
import type { Logger } from "pino";
import type { Section } from "../../corpus/section.js";
import { buildIndex, type BuildIndexResult } from "./build-index.js";
import type { Embedder } from "../embedder.js";
import { acquireIngestLock, ingestLockHolder, IngestLockedError } from "./ingest-lock.js";
import type { IndexState, LanceStore } from "./lance-store.js";

export interface IngestSectionsOptions {
  sections: readonly Section[];
  embedder: Embedder | null;
  store: LanceStore;
  logger: Logger;
  allowTextOnly?: boolean;
  graceMs?: number;
  onProgress?: (done: number, total: number) => void;
}

export async function ingestSections(options: IngestSectionsOptions): Promise<BuildIndexResult> {
  const lock = acquireIngestLock(options.store.location);
  if (!lock.exclusive)
    options.logger.warn(
      { uri: options.store.uri },
      "The index is on object storage, where no lock file excludes a second writer: run one ingest job at a time (README: Index on object storage). An overlapping writer is stopped only by the activation check.",
    );
  try {
    return await buildIndex({ ...options, lock });
  } finally {
    lock.release();
  }
}

/**
 * A reader's first run while another process holds the writer's lock: wait for that ingest
 * to finish (polling) and return the index it activated, or null if it left none.
 */
export async function waitForRunningIngest(store: LanceStore, logger: Logger, error: IngestLockedError, timeoutMs = 15 * 60_000): Promise<IndexState | null> {
  logger.warn({ holder: error.holder }, `No index yet and ${error.message.replace(/; wait.*$/, "")}: waiting for it to finish.`);
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && ingestLockHolder(store.location)) await sleep(500);
  return store.readState();
}
