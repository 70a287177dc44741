// The LanceDB side of the index. Every build writes a brand-new chunk table and then
// switches a one-row pointer table to it in a single commit, so a run that fails or is
// killed half-way leaves the previous index answering queries; the next run drops the
// leftovers. The same code works on a local folder or a remote URI (s3://, gs://, db://).
import type * as LanceDB from "@lancedb/lancedb";
import type { Config } from "../bot/config.js";
import type { SectionKind } from "../scripts/corpus/section.js";

// The native library logs routine notices ("No existing dataset ... will be created") as
// warnings on stderr, which reads like trouble; keep its errors only, unless the operator set
// LANCEDB_LOG. It reads the variable when it loads, hence the dynamic import.
process.env.LANCEDB_LOG ??= "error";
const lancedb = await import("@lancedb/lancedb");

const STATE_TABLE = "index_state";
/** Bumped when the table layout changes; an index of another format is rebuilt from scratch. */
const INDEX_FORMAT = 2;
const CHUNK_TABLE_PREFIX = "chunks_";

export interface IndexState {
  activeTable: string;
  /** Embedder identity (name and dimension); null when the index is full-text only. */
  embedder: string | null;
  dimension: number;
  itemCount: number;
  builtAt: string;
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

export class LanceStore {
  private constructor(private readonly db: LanceDB.Connection) {}

  static async open(options: Config["lancedb"]): Promise<LanceStore> {
    const db = await lancedb.connect(options.uri, {
      ...(options.apiKey ? { apiKey: options.apiKey } : {}),
      ...(options.region ? { region: options.region } : {}),
    });
    return new LanceStore(db);
  }

  async readState(): Promise<IndexState | null> {
    if (!(await this.db.tableNames()).includes(STATE_TABLE)) return null;
    const table = await this.db.openTable(STATE_TABLE);
    const [row] = await table.query().limit(1).toArray();
    if (!row || Number(row.format ?? 1) !== INDEX_FORMAT) return null;
    const state: IndexState = {
      activeTable: String(row.active_table),
      embedder: row.embedder ? String(row.embedder) : null,
      dimension: Number(row.dimension),
      itemCount: Number(row.item_count),
      builtAt: String(row.built_at),
    };
    return (await this.db.tableNames()).includes(state.activeTable) ? state : null;
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

  /** Writes a new, not yet active, chunk table with its full-text index and returns its name. */
  async writeChunkTable(rows: IndexRow[]): Promise<string> {
    const name = `${CHUNK_TABLE_PREFIX}${Date.now()}_${Math.random().toString(36).slice(2, 8)}`;
    const table = await this.db.createTable(name, rows as unknown as Record<string, unknown>[], { mode: "create" });
    await table.createIndex("search_text", {
      config: lancedb.Index.fts({ stem: true, removeStopWords: true, lowercase: true, asciiFolding: true }),
      replace: true,
    });
    // ~1,000 rows: a flat vector scan is exact and takes about a millisecond, so no ANN index.
    return name;
  }

  /** Switches queries to `state.activeTable` in one commit. */
  async activate(state: IndexState): Promise<void> {
    const row = {
      format: INDEX_FORMAT,
      active_table: state.activeTable,
      embedder: state.embedder ?? "",
      dimension: state.dimension,
      item_count: state.itemCount,
      built_at: state.builtAt,
    };
    await this.db.createTable(STATE_TABLE, [row], { mode: "overwrite" });
  }

  /** Drops chunk tables other than the active one (earlier builds, or leftovers of a failed run). */
  async dropInactiveTables(activeTable: string | null): Promise<string[]> {
    const stale = (await this.db.tableNames()).filter((n) => n.startsWith(CHUNK_TABLE_PREFIX) && n !== activeTable);
    for (const name of stale) await this.db.dropTable(name);
    return stale;
  }

  async openActiveIndex(): Promise<ActiveIndex | null> {
    const state = await this.readState();
    if (!state) return null;
    return new ActiveIndex(state, await this.db.openTable(state.activeTable));
  }

  close(): void {
    this.db.close();
  }
}

/** The table queries run against, opened once per process. */
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

  /** Every sentence unit with its vector, read once at start-up (about 1 MB). */
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
