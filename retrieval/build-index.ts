// Builds (or refreshes) the search index from the corpus. Only chunks and units whose text
// or embedder changed are embedded; nothing changed means nothing is written.
import type { Logger } from "../bot/logger.js";
import type { Embedder } from "../retrieval/embedder.js";
import type { IndexRow, IndexState, LanceStore } from "../retrieval/lance-store.js";
import { indexItemsFor } from "./corpus/chunk-sections.js";
import type { Section } from "./corpus/section.js";

export interface BuildIndexOptions {
  sections: readonly Section[];
  embedder: Embedder | null;
  store: LanceStore;
  logger: Logger;
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
  durationMs: number;
}

const EMBED_BATCH = 32;

export function embedderIdentity(embedder: Embedder | null): string | null {
  return embedder ? `${embedder.name}/${embedder.dimension}` : null;
}

export async function buildIndex(options: BuildIndexOptions): Promise<BuildIndexResult> {
  const { sections, embedder, store, logger } = options;
  const started = performance.now();
  const items = await indexItemsFor(sections);
  const identity = embedderIdentity(embedder);

  const previous = await store.readState();
  const stored = previous ? await store.readStoredItems(previous) : [];
  const sameEmbedder = previous !== null && previous.embedder === identity;

  const storedHashes = new Map(stored.map((s) => [s.itemId, s.contentHash]));
  const unchanged =
    sameEmbedder && stored.length === items.length && items.every((c) => storedHashes.get(c.itemId) === c.contentHash);
  if (unchanged) {
    // A leftover table from a killed run is cleaned even when nothing else changed.
    await store.dropInactiveTables(previous!.activeTable);
    const result = { changed: false, items: items.length, embedded: 0, reused: items.length, removed: 0, vectors: identity !== null, durationMs: performance.now() - started };
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
  const table = await store.writeChunkTable(rows);
  const state: IndexState = {
    activeTable: table,
    embedder: identity,
    dimension: embedder?.dimension ?? 0,
    itemCount: rows.length,
    builtAt: new Date().toISOString(),
  };
  await store.activate(state);
  await store.dropInactiveTables(table);

  const currentIds = new Set(items.map((c) => c.itemId));
  const result: BuildIndexResult = {
    changed: true,
    items: items.length,
    embedded: toEmbed.length,
    reused: items.length - toEmbed.length,
    removed: sameEmbedder ? stored.filter((s) => !currentIds.has(s.itemId)).length : stored.length,
    vectors: identity !== null,
    durationMs: performance.now() - started,
  };
  logger.info({ ...result, table }, "Index built and activated.");
  return result;
}
