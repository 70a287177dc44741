import { createHash } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createLogger } from "../bot/logger.js";
import type { Embedder } from "../retrieval/embedder.js";
import { LanceStore } from "../retrieval/lance-store.js";
import { SectionRetriever } from "../retrieval/retrieve-sections.js";
import { buildIndex } from "./build-index.js";
import { indexItemsFor } from "./corpus/chunk-sections.js";
import { loadCorpus } from "./corpus/load-corpus.js";
import type { Section } from "./corpus/section.js";

const logger = createLogger("silent");
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

async function openStore(): Promise<LanceStore> {
  return LanceStore.open({ uri: path.join(mkdtempSync(path.join(tmpdir(), "lancedb-")), "db") });
}

async function searchIds(store: LanceStore, embedder: Embedder | null, query: string): Promise<string[]> {
  const index = await store.openActiveIndex();
  const retriever = new SectionRetriever(index!, embedder, corpus.byId);
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
    writeThenDie.writeChunkTable = async (rows) => {
      await store.writeChunkTable(rows);
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

    const repaired = await buildIndex({ sections: changedSections, embedder, store, logger });
    expect(repaired.changed).toBe(true);
    const tables = await (store as unknown as { db: { tableNames(): Promise<string[]> } }).db.tableNames();
    expect(tables.filter((t) => t.startsWith("chunks_"))).toEqual([(await store.readState())!.activeTable]);
    store.close();
  });
});

describe("without an embedder", () => {
  it("builds a full-text-only index that still answers queries", async () => {
    const store = await openStore();
    const result = await buildIndex({ sections: corpus.sections, embedder: null, store, logger });
    expect(result).toMatchObject({ vectors: false, embedded: 0 });
    const index = await store.openActiveIndex();
    expect(index?.hasVectors).toBe(false);
    expect((await searchIds(store, null, "collective bargaining"))[0]).toBe("practices.13.management.b");
    const again = await buildIndex({ sections: corpus.sections, embedder: null, store, logger });
    expect(again.changed).toBe(false);
    store.close();
  });
});
