// The LanceDB side of the index. Every build writes a brand-new generation (a chunk table
// and a sections table) and then switches a one-row pointer table to it in a single commit,
// so a run that fails or is killed half-way leaves the previous index answering. Readers
// take the corpus itself from the index, not from the YAML files, so what they quote is
// always what was embedded, and a bad edit to a YAML file cannot take them down. A
// superseded generation stays on disk for a grace period (RETIRED_GRACE_MS) so readers still
// on it finish their questions; the next build drops it after that. The same code works on a
// local folder or a remote URI (s3://, gs://, db://).
import { rmSync } from "node:fs";
import path from "node:path";
import type * as LanceDB from "@lancedb/lancedb";
import type { Section, SectionKind } from "../../corpus/section.js";
import { checkIndexLocation, type IndexLocation } from "./index-location.js";

// The native library logs routine notices ("No existing dataset ... will be created") as
// warnings on stderr, which reads like trouble; keep its errors only, unless the operator set
// LANCEDB_LOG. It reads the variable when it loads, hence the dynamic import.
process.env.LANCEDB_LOG ??= "error";
const lancedb = await import("@lancedb/lancedb");

const STATE_TABLE = "index_state";
/** Bumped when the table layout changes; an index of another format is rebuilt from scratch. */
const INDEX_FORMAT = 3;
const CHUNK_TABLE_PREFIX = "chunks_";
const SECTIONS_TABLE_PREFIX = "sections_";
/**
 * How long a superseded generation is kept by default (INDEX_GRACE_SECONDS). Readers re-read
 * the pointer every few seconds (INDEX_REFRESH_SECONDS, default 2) and a question holds its
 * generation for at most the generation timeout (15 s by default), so ten minutes leaves a
 * wide margin.
 */
export const RETIRED_GRACE_MS = 10 * 60_000;
/**
 * Old versions of the pointer table are compacted away once they are this old (a reader
 * reads the latest version in milliseconds; without this every ingest left ~12 KB forever).
 */
const STATE_VERSIONS_KEPT_MS = 10_000;

export interface RetiredGeneration {
  chunksTable: string;
  sectionsTable: string;
  /** When it stopped being the active generation (ISO time). */
  retiredAt: string;
}

export interface IndexState {
  activeTable: string;
  sectionsTable: string;
  /** Embedder identity (name and dimension); null when the index is full-text only. */
  embedder: string | null;
  dimension: number;
  itemCount: number;
  sectionCount: number;
  /** Hash of the sections as loaded (text, metadata, keywords): tells readers the corpus moved on. */
  corpusHash: string;
  builtAt: string;
  retired: RetiredGeneration[];
}

export interface IndexRow {
  item_id: string;
  /** "chunk" rows are searched; "unit" rows (single sentences) rank sentences for quoting. */
  role: "chunk" | "unit";
  section_id: string;
  kind: string;
  title: string;
  text: string;
  search_text: string;
  content_hash: string;
  vector?: number[];
}

export interface StoredItem {
  itemId: string;
  contentHash: string;
  vector: number[] | null;
}

export interface UnitVector {
  sectionId: string;
  text: string;
  vector: number[];
}

export interface ChunkHit {
  itemId: string;
  sectionId: string;
  /** Cosine distance for vector hits, BM25 score for full-text hits. */
  score: number;
}

/** The active index cannot be read as recorded; `problem` says what is wrong, in words. */
export class IndexDamagedError extends Error {
  constructor(
    readonly uri: string,
    readonly problem: string,
  ) {
    super(`The index at ${uri} is damaged (${problem}). Run \`npm run ingest\` to repair it.`);
  }
}

/** One generation opened for queries: its chunk table and the corpus it was built from. */
export interface IndexSnapshot {
  state: IndexState;
  index: ActiveIndex;
  sections: Section[];
}

export class LanceStore {
  private constructor(
    private readonly db: LanceDB.Connection,
    readonly uri: string,
    readonly location: IndexLocation,
  ) {}

  /** Opens the index location; `write` also checks that a local folder can be written. */
  static async open(
    options: { uri: string; apiKey?: string; region?: string; storageOptions?: Record<string, string> },
    access: { write: boolean } = { write: false },
  ): Promise<LanceStore> {
    const location = checkIndexLocation(options.uri, access);
    // storageOptions (endpoint, region, credentials for s3://) reach every table opened on this connection.
    const db = await lancedb.connect(options.uri, {
      ...(options.apiKey ? { apiKey: options.apiKey } : {}),
      ...(options.region ? { region: options.region } : {}),
      ...(options.storageOptions ? { storageOptions: options.storageOptions } : {}),
    });
    return new LanceStore(db, options.uri, location);
  }

  /**
   * The pointer: null when there is no index of this format yet (a first run builds it);
   * IndexDamagedError when the pointer itself cannot be read.
   */
  async readState(): Promise<IndexState | null> {
    if (!(await this.tableNames()).includes(STATE_TABLE)) return null;
    let row: Record<string, unknown> | undefined;
    try {
      const table = await this.db.openTable(STATE_TABLE);
      [row] = await table.query().limit(1).toArray();
    } catch (error) {
      throw new IndexDamagedError(this.uri, `the pointer table ${STATE_TABLE} cannot be read: ${firstLine(error)}`);
    }
    if (!row) throw new IndexDamagedError(this.uri, `the pointer table ${STATE_TABLE} is empty`);
    if (Number(row.format ?? 1) !== INDEX_FORMAT) return null;
    return {
      activeTable: String(row.active_table),
      sectionsTable: String(row.sections_table),
      embedder: row.embedder ? String(row.embedder) : null,
      dimension: Number(row.dimension),
      itemCount: Number(row.item_count),
      sectionCount: Number(row.section_count),
      corpusHash: String(row.corpus_hash),
      builtAt: String(row.built_at),
      retired: parseRetired(row.retired),
    };
  }

  /** Item ids, hashes and vectors of the active table, so unchanged text is not re-embedded. */
  async readStoredItems(state: IndexState): Promise<StoredItem[]> {
    const table = await this.db.openTable(state.activeTable);
    const columns = state.embedder ? ["item_id", "content_hash", "vector"] : ["item_id", "content_hash"];
    const rows = await table.query().select(columns).limit(1_000_000).toArray();
    return rows.map((r) => ({
      itemId: String(r.item_id),
      contentHash: String(r.content_hash),
      vector: r.vector ? Array.from(r.vector as ArrayLike<number>) : null,
    }));
  }

  /**
   * What is wrong with the generation `state` names, in words; empty when it reads back as
   * recorded: both tables open, every row and column readable, row counts as recorded, and
   * the full-text index present and answering.
   */
  async inspect(state: IndexState): Promise<string[]> {
    const problems: string[] = [];
    const names = await this.tableNames();
    for (const table of [state.activeTable, state.sectionsTable])
      if (!names.includes(table)) problems.push(`table ${table} is missing`);
    if (problems.length > 0) return problems;
    try {
      const items = await this.readStoredItems(state);
      if (items.length !== state.itemCount) problems.push(`table ${state.activeTable} has ${items.length} rows, ${state.itemCount} recorded`);
      const table = await this.db.openTable(state.activeTable);
      const indices = await table.listIndices();
      if (!indices.some((i) => i.columns.includes("search_text") && /fts|inverted/i.test(i.indexType)))
        problems.push(`table ${state.activeTable} has no full-text index`);
      else await new ActiveIndex(state, table).textSearch("practice", 1);
    } catch (error) {
      problems.push(`table ${state.activeTable} cannot be read: ${firstLine(error)}`);
    }
    try {
      const sections = await this.readSections(state);
      if (sections.length !== state.sectionCount) problems.push(`table ${state.sectionsTable} has ${sections.length} sections, ${state.sectionCount} recorded`);
    } catch (error) {
      problems.push(`table ${state.sectionsTable} cannot be read: ${firstLine(error)}`);
    }
    return problems;
  }

  /** Opens the generation `state` names for queries, or throws IndexDamagedError saying why not. */
  async openSnapshot(state: IndexState): Promise<IndexSnapshot> {
    const problems = await this.inspect(state);
    if (problems.length > 0) throw new IndexDamagedError(this.uri, problems.join("; "));
    const table = await this.db.openTable(state.activeTable);
    return { state, index: new ActiveIndex(state, table), sections: await this.readSections(state) };
  }

  /** The active generation, or null when there is no index yet. */
  async openActiveSnapshot(): Promise<IndexSnapshot | null> {
    const state = await this.readState();
    return state ? this.openSnapshot(state) : null;
  }

  /** Writes a new, not yet active, generation (chunks with their full-text index, and sections). */
  async writeGeneration(rows: IndexRow[], sections: readonly Section[]): Promise<{ chunksTable: string; sectionsTable: string }> {
    const generation = `${Date.now()}_${Math.random().toString(36).slice(2, 8)}`;
    const chunksTable = `${CHUNK_TABLE_PREFIX}${generation}`;
    const sectionsTable = `${SECTIONS_TABLE_PREFIX}${generation}`;
    const table = await this.db.createTable(chunksTable, rows as unknown as Record<string, unknown>[], { mode: "create" });
    await table.createIndex("search_text", {
      config: lancedb.Index.fts({ stem: true, removeStopWords: true, lowercase: true, asciiFolding: true }),
      replace: true,
    });
    // ~1,000 rows: a flat vector scan is exact and takes about a millisecond, so no ANN index.
    await this.db.createTable(
      sectionsTable,
      sections.map((s) => ({ section_id: s.id, section_json: JSON.stringify(s) })),
      { mode: "create" },
    );
    return { chunksTable, sectionsTable };
  }

  /** Switches queries to `state.activeTable` in one commit, then compacts old pointer versions. */
  async activate(state: IndexState): Promise<void> {
    const row = {
      format: INDEX_FORMAT,
      active_table: state.activeTable,
      sections_table: state.sectionsTable,
      embedder: state.embedder ?? "",
      dimension: state.dimension,
      item_count: state.itemCount,
      section_count: state.sectionCount,
      corpus_hash: state.corpusHash,
      built_at: state.builtAt,
      retired: JSON.stringify(state.retired),
    };
    const table = await this.db.createTable(STATE_TABLE, [row], { mode: "overwrite" });
    try {
      await table.optimize({ cleanupOlderThan: new Date(Date.now() - STATE_VERSIONS_KEPT_MS) });
    } catch {
      // Compaction is housekeeping; the next activation tries again.
    }
  }

  /**
   * Drops what no reader can be using: retired generations past the grace period, and
   * tables no pointer names (leftovers of a failed run). `leftoverMinAgeMs` protects a
   * table another writer may still be writing where nothing excludes a second writer.
   */
  async dropUnused(state: IndexState, options: { graceMs: number; leftoverMinAgeMs: number }): Promise<string[]> {
    const now = Date.now();
    const keep = new Set([state.activeTable, state.sectionsTable]);
    for (const r of state.retired) {
      if (now - Date.parse(r.retiredAt) < options.graceMs) {
        keep.add(r.chunksTable);
        keep.add(r.sectionsTable);
      }
    }
    const dropped: string[] = [];
    for (const name of await this.tableNames()) {
      if (keep.has(name) || !(name.startsWith(CHUNK_TABLE_PREFIX) || name.startsWith(SECTIONS_TABLE_PREFIX))) continue;
      const retired = state.retired.some((r) => r.chunksTable === name || r.sectionsTable === name);
      if (!retired && now - generationTime(name) < options.leftoverMinAgeMs) continue;
      await this.dropTable(name);
      dropped.push(name);
    }
    return dropped;
  }

  /** Drops the pointer table (a damaged one is rebuilt by the next activation). */
  async dropState(): Promise<void> {
    await this.dropTable(STATE_TABLE);
  }

  async tableExists(name: string): Promise<boolean> {
    return (await this.tableNames()).includes(name);
  }

  close(): void {
    this.db.close();
  }

  private async readSections(state: IndexState): Promise<Section[]> {
    const table = await this.db.openTable(state.sectionsTable);
    const rows = await table.query().select(["section_json"]).limit(1_000_000).toArray();
    return rows.map((r) => JSON.parse(String(r.section_json)) as Section);
  }

  private async tableNames(): Promise<string[]> {
    return this.db.tableNames({ limit: 1_000_000 });
  }

  /** LanceDB cannot always drop a table whose files are damaged; a local folder is removed by hand. */
  private async dropTable(name: string): Promise<void> {
    try {
      await this.db.dropTable(name);
    } catch (error) {
      if (this.location.kind !== "local") throw error;
      rmSync(path.join(this.location.folder, `${name}.lance`), { recursive: true, force: true });
    }
  }
}

/** The table queries run against. */
export class ActiveIndex {
  constructor(
    readonly state: IndexState,
    private readonly table: LanceDB.Table,
  ) {}

  get hasVectors(): boolean {
    return this.state.embedder !== null;
  }

  async vectorSearch(vector: number[], limit: number, kinds?: readonly SectionKind[]): Promise<ChunkHit[]> {
    const rows = await this.table
      .query()
      .nearestTo(vector)
      .distanceType("cosine")
      .where(chunkFilter(kinds))
      .select(["item_id", "section_id", "_distance"])
      .limit(limit)
      .toArray();
    return rows.map((r) => ({ itemId: String(r.item_id), sectionId: String(r.section_id), score: Number(r._distance) }));
  }

  async textSearch(text: string, limit: number, kinds?: readonly SectionKind[]): Promise<ChunkHit[]> {
    const rows = await this.table
      .query()
      .fullTextSearch(text, { columns: ["search_text"] })
      .where(chunkFilter(kinds))
      .select(["item_id", "section_id", "_score"])
      .limit(limit)
      .toArray();
    return rows.map((r) => ({ itemId: String(r.item_id), sectionId: String(r.section_id), score: Number(r._score) }));
  }

  /** Every sentence unit with its vector, read once per generation (about 1 MB). */
  async readUnitVectors(): Promise<UnitVector[]> {
    if (!this.hasVectors) return [];
    const rows = await this.table.query().where("role = 'unit'").select(["section_id", "text", "vector"]).limit(1_000_000).toArray();
    return rows.map((r) => ({ sectionId: String(r.section_id), text: String(r.text), vector: Array.from(r.vector as ArrayLike<number>) }));
  }
}

function chunkFilter(kinds?: readonly SectionKind[]): string {
  // Kinds come from a closed enum, so quoting them is safe.
  return kinds?.length ? `role = 'chunk' AND kind IN (${kinds.map((k) => `'${k}'`).join(", ")})` : "role = 'chunk'";
}

function parseRetired(value: unknown): RetiredGeneration[] {
  try {
    const parsed = JSON.parse(String(value ?? "[]")) as RetiredGeneration[];
    return Array.isArray(parsed) ? parsed.filter((r) => typeof r?.chunksTable === "string") : [];
  } catch {
    return [];
  }
}

/** The creation time a generation's table name carries (chunks_<ms>_<rand>). */
function generationTime(name: string): number {
  return Number(/_(\d+)_/.exec(name)?.[1] ?? 0);
}

/** The first line of a native error: its message, without the Rust source locations after it. */
export function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message
    .split("\n")[0]!
    .split(/\s+Caused by:/)[0]!
    .replace(/, \/[^ ]*\.rs:\d+:\d+/g, "")
    .trim()
    .slice(0, 300);
}
