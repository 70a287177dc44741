import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { pino } from "pino";
import type { Embedder } from "../embedder.js";
import { IndexDamagedError, LanceStore } from "./lance-store.js";
import { SectionRetriever } from "../retrieve-sections.js";
import { indexItemsFor } from "./chunk-sections.js";
import { loadCorpus } from "../../corpus/load-corpus.js";
import type { Section } from "../../corpus/section.js";
import { buildIndex, ConcurrentIngestError, IndexDowngradeError } from "./build-index.js";

const logger = pino({ level: "silent" });
const corpus = loadCorpus("corpus");

/** Deterministic 16-dimension vectors from a hash of the text; counts what it embeds. */
class CountingEmbedder implements Embedder {
  readonly dimension = 16;
  embedded = 0;
  constructor(readonly name = "counting-test-embedder") {}
  async embed(texts: string[]): Promise<number[][]> {
    this.embedded += texts.length;
    return texts.map((t) => [...createHash("sha256").update(t).digest()].slice(0, 16).map((b) => b / 255 + 0.01));
  }
}

function tempFolder(): string {
  return path.join(mkdtempSync(path.join(tmpdir(), "lancedb-")), "db");
}

async function openStore(uri = tempFolder()): Promise<LanceStore> {
  return LanceStore.open({ uri }, { write: true });
}

async function searchIds(store: LanceStore, embedder: Embedder | null, query: string): Promise<string[]> {
  const snapshot = await store.openActiveSnapshot();
  const retriever = new SectionRetriever(snapshot!.index, embedder, new Map(snapshot!.sections.map((s) => [s.id, s])));
  return (await retriever.retrieveSections(query, { limit: 5 })).map((r) => r.section.id);
}

function edited(sections: Section[], id: string, text: string): Section[] {
  return sections.map((s) => (s.id === id ? { ...s, text } : s));
}

describe("incremental ingestion", () => {
  it("embeds everything once, nothing on a re-run, only the changed section after an edit, and drops removed sections", async () => {
    const store = await openStore();
    const embedder = new CountingEmbedder();
    const first = await buildIndex({ sections: corpus.sections, embedder, store, logger });
    expect(first.changed).toBe(true);
    expect(first.embedded).toBe(first.items);
    expect(embedder.embedded).toBe(first.items);

    embedder.embedded = 0;
    const again = await buildIndex({ sections: corpus.sections, embedder, store, logger });
    expect(again).toMatchObject({ changed: false, embedded: 0 });
    expect(embedder.embedded).toBe(0);

    const changedSections = edited(corpus.sections, "workshops.institutional-racism", "A history workshop with a brand-new zebrafish exercise.");
    const afterEdit = await buildIndex({ sections: changedSections, embedder, store, logger });
    // The edited section is now one sentence: one new chunk, and its old sentence units go.
    expect(afterEdit).toMatchObject({ changed: true, embedded: 1 });
    expect(afterEdit.removed).toBeGreaterThan(1);
    expect(embedder.embedded).toBe(1);
    expect(await searchIds(store, null, "zebrafish")).toEqual(["workshops.institutional-racism"]);

    const withoutOne = changedSections.filter((s) => s.id !== "workshops.institutional-racism");
    embedder.embedded = 0;
    const afterDelete = await buildIndex({ sections: withoutOne, embedder, store, logger });
    expect(afterDelete).toMatchObject({ changed: true, embedded: 0, removed: 1 });
    expect(await searchIds(store, null, "zebrafish")).toEqual([]);
    expect((await store.readState())?.itemCount).toBe((await indexItemsFor(withoutOne)).length);
    store.close();
  });

  it("re-embeds everything when the embedder changes", async () => {
    const store = await openStore();
    await buildIndex({ sections: corpus.sections, embedder: new CountingEmbedder("model-a"), store, logger });
    const other = new CountingEmbedder("model-b");
    const result = await buildIndex({ sections: corpus.sections, embedder: other, store, logger });
    expect(result.embedded).toBe(result.items);
    expect((await store.readState())?.embedder).toBe("model-b/16");
    store.close();
  });
});

describe("a failed run", () => {
  it("leaves the previous index answering queries, and the next run repairs the state", async () => {
    const store = await openStore();
    const embedder = new CountingEmbedder();
    await buildIndex({ sections: corpus.sections, embedder, store, logger });
    const before = await store.readState();
    const query = "cybersecurity leadership program cost";
    const answerBefore = await searchIds(store, null, query);
    expect(answerBefore).toContain("programs.cybersecurity-leadership.cost");

    // The new table is fully written, then the run dies before switching to it.
    const writeThenDie = Object.create(store) as LanceStore;
    writeThenDie.writeGeneration = async (rows, sections) => {
      await store.writeGeneration(rows, sections);
      throw new Error("simulated crash after writing the new table");
    };
    const changedSections = edited(corpus.sections, "programs.cybersecurity-leadership.cost", "Prices changed.");
    await expect(buildIndex({ sections: changedSections, embedder, store: writeThenDie, logger })).rejects.toThrow("simulated crash");

    // An embedder that fails half-way through a batch of changes.
    const failing = new CountingEmbedder();
    failing.embed = async () => {
      throw new Error("embedder died");
    };
    await expect(buildIndex({ sections: changedSections, embedder: failing, store, logger })).rejects.toThrow("embedder died");

    expect(await store.readState()).toEqual(before);
    expect(await searchIds(store, null, query)).toEqual(answerBefore);

    // With no grace period, the superseded index and the dead run's leftovers all go.
    const repaired = await buildIndex({ sections: changedSections, embedder, store, logger, graceMs: 0 });
    expect(repaired.changed).toBe(true);
    const tables = await (store as unknown as { db: { tableNames(): Promise<string[]> } }).db.tableNames();
    expect(tables.filter((t) => t.startsWith("chunks_"))).toEqual([(await store.readState())!.activeTable]);
    expect((await store.readState())!.retired).toEqual([]);
    store.close();
  });
});

describe("without an embedder", () => {
  it("builds a full-text-only index that still answers queries", async () => {
    const store = await openStore();
    const result = await buildIndex({ sections: corpus.sections, embedder: null, store, logger });
    expect(result).toMatchObject({ vectors: false, embedded: 0 });
    const index = (await store.openActiveSnapshot())?.index;
    expect(index?.hasVectors).toBe(false);
    expect((await searchIds(store, null, "collective bargaining"))[0]).toBe("practices.13.management.b");
    const again = await buildIndex({ sections: corpus.sections, embedder: null, store, logger });
    expect(again.changed).toBe(false);
    store.close();
  });
});

describe("readers on a superseded generation", () => {
  it("keep answering from it until the grace period has passed, and get the corpus it was built from", async () => {
    const store = await openStore();
    const embedder = new CountingEmbedder();
    await buildIndex({ sections: corpus.sections, embedder, store, logger });
    const old = (await store.openActiveSnapshot())!;
    const changed = edited(corpus.sections, "workshops.institutional-racism", "A history workshop with a brand-new zebrafish exercise.");
    await buildIndex({ sections: changed, embedder, store, logger });
    // The old generation is retired, not dropped: a reader still on it gets results.
    expect((await store.readState())!.retired.map((r) => r.chunksTable)).toEqual([old.state.activeTable]);
    expect((await old.index.textSearch("institutional racism history", 3)).length).toBeGreaterThan(0);
    expect(old.sections.find((s) => s.id === "workshops.institutional-racism")!.text).not.toContain("zebrafish");
    const fresh = (await store.openActiveSnapshot())!;
    expect(fresh.sections.find((s) => s.id === "workshops.institutional-racism")!.text).toContain("zebrafish");

    // A later build past the grace period drops it.
    await buildIndex({ sections: corpus.sections, embedder, store, logger, graceMs: 0 });
    expect(await store.tableExists(old.state.activeTable)).toBe(false);
    store.close();
  });

  it("re-writes the index when only a section's metadata changed (readers quote from the index)", async () => {
    const store = await openStore();
    await buildIndex({ sections: corpus.sections, embedder: null, store, logger });
    const retitled = corpus.sections.map((s) => (s.id === "ideals" ? { ...s, aliases: ["the ideals"] } : s));
    const result = await buildIndex({ sections: retitled, embedder: null, store, logger });
    expect(result.changed).toBe(true);
    const snapshot = (await store.openActiveSnapshot())!;
    expect(snapshot.sections.find((s) => s.id === "ideals")!.aliases).toEqual(["the ideals"]);
    store.close();
  });
});

describe("a writer that cannot embed", () => {
  it("refuses to replace a vector index with a full-text-only one unless told to", async () => {
    const store = await openStore();
    await buildIndex({ sections: corpus.sections, embedder: new CountingEmbedder(), store, logger });
    const before = await store.readState();
    await expect(buildIndex({ sections: corpus.sections, embedder: null, store, logger })).rejects.toThrow(IndexDowngradeError);
    expect(await store.readState()).toEqual(before);
    const replaced = await buildIndex({ sections: corpus.sections, embedder: null, store, logger, allowTextOnly: true });
    expect(replaced).toMatchObject({ changed: true, vectors: false });
    store.close();
  });
});

describe("two writers", () => {
  it("the one that finishes second does not activate over the other, and says so", async () => {
    const store = await openStore();
    const embedder = new CountingEmbedder();
    await buildIndex({ sections: corpus.sections, embedder, store, logger });
    const slowSections = edited(corpus.sections, "ideals", "The slow writer's ideals.");
    const fastSections = edited(corpus.sections, "ideals", "The fast writer's ideals.");
    // The slow writer finishes writing its tables just after the fast writer has activated.
    const slowStore = Object.create(store) as LanceStore;
    slowStore.writeGeneration = async (rows, sections) => {
      const written = await store.writeGeneration(rows, sections);
      await buildIndex({ sections: fastSections, embedder, store, logger });
      return written;
    };
    await expect(buildIndex({ sections: slowSections, embedder, store: slowStore, logger })).rejects.toThrow(ConcurrentIngestError);
    const live = (await store.openActiveSnapshot())!;
    expect(live.sections.find((s) => s.id === "ideals")!.text).toBe("The fast writer's ideals.");
    store.close();
  });
});

describe("a damaged index", () => {
  type Damage = (folder: string, chunksTable: string) => void;
  const files = (dir: string) => readdirSync(dir).map((f) => path.join(dir, f));
  const garble = (file: string) => {
    const bytes = readFileSync(file);
    for (let i = Math.floor(bytes.length / 3); i < bytes.length; i += 7) bytes[i] = (bytes[i]! * 31 + 17) & 0xff;
    writeFileSync(file, bytes);
  };
  const table = (folder: string, name: string) => path.join(folder, `${name}.lance`);
  const cases: Array<[string, Damage]> = [
    ["a deleted data file", (f, t) => files(path.join(table(f, t), "data")).forEach((p) => rmSync(p))],
    ["a truncated data file", (f, t) => files(path.join(table(f, t), "data")).forEach((p) => truncateSync(p, 1000))],
    ["a garbled data file", (f, t) => files(path.join(table(f, t), "data")).forEach(garble)],
    ["deleted manifests", (f, t) => files(path.join(table(f, t), "_versions")).filter((p) => p.endsWith(".manifest")).forEach((p) => rmSync(p))],
    ["truncated manifests", (f, t) => files(path.join(table(f, t), "_versions")).filter((p) => p.endsWith(".manifest")).forEach((p) => truncateSync(p, 10))],
    ["a missing full-text index", (f, t) => rmSync(path.join(table(f, t), "_indices"), { recursive: true })],
    ["a deleted chunk table", (f, t) => rmSync(table(f, t), { recursive: true })],
    ["a deleted pointer data file", (f) => files(path.join(table(f, "index_state"), "data")).forEach((p) => rmSync(p))],
    ["a garbled pointer manifest", (f) => files(path.join(table(f, "index_state"), "_versions")).filter((p) => p.endsWith(".manifest")).forEach(garble)],
  ];

  for (const [name, damage] of cases) {
    it(`with ${name}: a reader gets one line naming the fix, and the next build repairs it`, async () => {
      const folder = tempFolder();
      const store = await openStore(folder);
      const embedder = new CountingEmbedder();
      await buildIndex({ sections: corpus.sections, embedder, store, logger });
      const state = (await store.readState())!;
      store.close();
      damage(folder, state.activeTable);

      const reader = await LanceStore.open({ uri: folder });
      const error = await reader.openActiveSnapshot().then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(IndexDamagedError);
      const message = (error as Error).message;
      expect(message.split("\n")).toHaveLength(1);
      expect(message).toMatch(/damaged .*Run `npm run ingest` to repair it\.$/);
      reader.close();

      const writer = await openStore(folder);
      const repaired = await buildIndex({ sections: corpus.sections, embedder, store: writer, logger });
      expect(repaired.changed).toBe(true);
      expect(repaired.repaired.length).toBeGreaterThan(0);
      const snapshot = (await writer.openActiveSnapshot())!;
      expect(snapshot.sections).toHaveLength(corpus.sections.length);
      expect(await searchIds(writer, null, "collective bargaining")).toContain("practices.13.management.b");
      // And it is whole again: a second run has nothing to do.
      expect((await buildIndex({ sections: corpus.sections, embedder, store: writer, logger })).changed).toBe(false);
      writer.close();
    });
  }
});
