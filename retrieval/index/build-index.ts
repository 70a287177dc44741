// Builds (or refreshes) the search index from the corpus. Only chunks and units whose text
// or embedder changed are embedded; nothing changed means nothing is written. A damaged
// active index is rebuilt from the corpus, saying what was found. The writer never replaces
// a vector index with a full-text-only one unless told to, and never activates over an index
// another writer activated while it ran.
import { createHash } from "node:crypto";
import type { Logger } from "pino";
import { indexItemsFor } from "./chunk-sections.js";
import type { Section } from "../../corpus/section.js";
import type { Embedder } from "../embedder.js";
import type { IngestLock } from "./ingest-lock.js";
import { IndexDamagedError, RETIRED_GRACE_MS, type IndexRow, type IndexState, type LanceStore, type StoredItem } from "./lance-store.js";

export interface BuildIndexOptions {
  sections: readonly Section[];
  embedder: Embedder | null;
  store: LanceStore;
  logger: Logger;
  /** The writer's lock; checked again just before activating. */
  lock?: IngestLock;
  /** Replace a vector index with a full-text-only one (`npm run ingest -- --text-only`). */
  allowTextOnly?: boolean;
  /** How long a superseded generation is kept for readers still on it. */
  graceMs?: number;
  /** Called as chunks and units are embedded: (done, total). */
  onProgress?: (done: number, total: number) => void;
}

export interface BuildIndexResult {
  changed: boolean;
  /** Chunks and units in the index. */
  items: number;
  embedded: number;
  reused: number;
  removed: number;
  vectors: boolean;
  /** What was wrong with the previous index, when this build repaired it. */
  repaired: string[];
  durationMs: number;
}

/** The embedder cannot be used and the index has vectors: refuse to throw them away silently. */
export class IndexDowngradeError extends Error {}

/** Another writer activated a newer index while this one ran; this run activated nothing. */
export class ConcurrentIngestError extends Error {}

const EMBED_BATCH = 32;

export function embedderIdentity(embedder: Embedder | null): string | null {
  return embedder ? `${embedder.name}/${embedder.dimension}` : null;
}

/** Hash of everything a reader takes from the index's sections table. */
export function corpusHash(sections: readonly Section[]): string {
  return createHash("sha256").update(JSON.stringify(sections)).digest("hex");
}

export async function buildIndex(options: BuildIndexOptions): Promise<BuildIndexResult> {
  const { sections, embedder, store, logger } = options;
  const graceMs = options.graceMs ?? RETIRED_GRACE_MS;
  const started = performance.now();
  const items = await indexItemsFor(sections);
  const identity = embedderIdentity(embedder);
  const hash = corpusHash(sections);

  const { previous, stored, repaired, pointerDamaged } = await readPrevious(store, logger);
  if (previous?.embedder && identity === null && !options.allowTextOnly)
    throw new IndexDowngradeError(
      `The index has vectors (${previous.embedder}) but no embedder could be loaded, so this run would replace it with a full-text-only index. ` +
        "Fix the embedder (see the warning above), or run `npm run ingest -- --text-only` to replace it on purpose.",
    );
  const sameEmbedder = previous !== null && repaired.length === 0 && previous.embedder === identity;

  const storedHashes = new Map(stored.map((s) => [s.itemId, s.contentHash]));
  const unchanged =
    sameEmbedder &&
    previous.corpusHash === hash &&
    stored.length === items.length &&
    items.every((c) => storedHashes.get(c.itemId) === c.contentHash);
  if (unchanged) {
    // Leftovers from a killed run, and generations past their grace period, are cleaned
    // even when nothing else changed.
    await store.dropUnused(previous, { graceMs, leftoverMinAgeMs: leftoverAge(options.lock, graceMs) });
    const result = { changed: false, items: items.length, embedded: 0, reused: items.length, removed: 0, vectors: identity !== null, repaired, durationMs: performance.now() - started };
    logger.info(result, "Index is up to date: nothing to embed or write.");
    return result;
  }

  // Vectors are reused by content hash, so moved or renamed text is not re-embedded either.
  const reusable = new Map<string, number[]>();
  if (sameEmbedder) for (const s of stored) if (s.vector) reusable.set(s.contentHash, s.vector);
  const toEmbed = embedder ? items.filter((c) => !reusable.has(c.contentHash)) : [];

  const vectors = new Map(reusable);
  options.onProgress?.(0, toEmbed.length);
  for (let i = 0; i < toEmbed.length; i += EMBED_BATCH) {
    const batch = toEmbed.slice(i, i + EMBED_BATCH);
    const embedded = await embedder!.embed(batch.map((c) => c.searchText));
    batch.forEach((c, j) => vectors.set(c.contentHash, embedded[j]!));
    options.onProgress?.(Math.min(i + EMBED_BATCH, toEmbed.length), toEmbed.length);
  }

  const rows: IndexRow[] = items.map((c) => ({
    item_id: c.itemId,
    role: c.role,
    section_id: c.sectionId,
    kind: c.kind,
    title: c.title,
    text: c.text,
    search_text: c.searchText,
    content_hash: c.contentHash,
    ...(embedder ? { vector: vectors.get(c.contentHash)! } : {}),
  }));
  const generation = await store.writeGeneration(rows, sections);
  await checkStillTheWriter(store, options.lock, previous, generation);

  const retiredAt = new Date().toISOString();
  const state: IndexState = {
    activeTable: generation.chunksTable,
    sectionsTable: generation.sectionsTable,
    embedder: identity,
    dimension: embedder?.dimension ?? 0,
    itemCount: rows.length,
    sectionCount: sections.length,
    corpusHash: hash,
    builtAt: retiredAt,
    // Generations past their grace period leave the list; dropUnused then drops them as unreferenced.
    retired: (previous ? [...previous.retired, { chunksTable: previous.activeTable, sectionsTable: previous.sectionsTable, retiredAt }] : []).filter(
      (r) => Date.parse(retiredAt) - Date.parse(r.retiredAt) < graceMs,
    ),
  };
  if (pointerDamaged) await store.dropState();
  await store.activate(state);
  const dropped = await store.dropUnused(state, { graceMs, leftoverMinAgeMs: leftoverAge(options.lock, graceMs) });

  const currentIds = new Set(items.map((c) => c.itemId));
  const result: BuildIndexResult = {
    changed: true,
    items: items.length,
    embedded: toEmbed.length,
    reused: items.length - toEmbed.length,
    removed: sameEmbedder ? stored.filter((s) => !currentIds.has(s.itemId)).length : stored.length,
    vectors: identity !== null,
    repaired,
    durationMs: performance.now() - started,
  };
  logger.info({ ...result, table: state.activeTable, dropped: dropped.length }, repaired.length > 0 ? "Index repaired, rebuilt and activated." : "Index built and activated.");
  return result;
}

/** The active index and its stored items, or what is wrong with it (then nothing is reused). */
async function readPrevious(store: LanceStore, logger: Logger) {
  let previous: IndexState | null;
  try {
    previous = await store.readState();
  } catch (error) {
    if (!(error instanceof IndexDamagedError)) throw error;
    logger.warn({ problem: error.problem }, `The index pointer is damaged (${error.problem}); rebuilding the index from the corpus.`);
    return { previous: null, stored: [] as StoredItem[], repaired: [error.problem], pointerDamaged: true };
  }
  if (!previous) return { previous, stored: [] as StoredItem[], repaired: [] as string[], pointerDamaged: false };
  const problems = await store.inspect(previous);
  if (problems.length > 0) {
    logger.warn({ problems }, `The active index is damaged (${problems.join("; ")}); rebuilding it from the corpus.`);
    return { previous, stored: [] as StoredItem[], repaired: problems, pointerDamaged: false };
  }
  return { previous, stored: await store.readStoredItems(previous), repaired: [] as string[], pointerDamaged: false };
}

/**
 * Just before activating: this process must still hold the lock, the pointer must still name
 * the index this run started from, and the new tables must still be there. Otherwise the
 * run's tables are left for the next build to drop, and the run fails rather than report a
 * success that is not live.
 */
async function checkStillTheWriter(
  store: LanceStore,
  lock: IngestLock | undefined,
  previous: IndexState | null,
  generation: { chunksTable: string; sectionsTable: string },
): Promise<void> {
  if (lock && !lock.held()) throw new ConcurrentIngestError("This ingest lost its lock to another writer, so its index was not activated; run `npm run ingest` again.");
  let current: IndexState | null = null;
  try {
    current = await store.readState();
  } catch {
    current = null;
  }
  if ((current?.activeTable ?? null) !== (previous?.activeTable ?? null))
    throw new ConcurrentIngestError(
      `Another ingest activated a newer index (${current?.activeTable ?? "none"}) while this one was running, so this run's index was not activated; run \`npm run ingest\` again if its changes are not live.`,
    );
  for (const table of [generation.chunksTable, generation.sectionsTable])
    if (!(await store.tableExists(table)))
      throw new ConcurrentIngestError(`Another writer dropped this run's table ${table}, so nothing was activated; run \`npm run ingest\` again.`);
}

/** Where a lock excludes other writers, an unreferenced table is a dead run's leftover. */
function leftoverAge(lock: IngestLock | undefined, graceMs: number): number {
  return lock?.exclusive ? 0 : graceMs;
}
