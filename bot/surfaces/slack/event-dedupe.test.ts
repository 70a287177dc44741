import { describe, expect, it } from "vitest";
import { MemoryEventDedupeStore } from "./event-dedupe.js";
import { InFlightWork } from "../../platform/in-flight-work.js";

describe("MemoryEventDedupeStore", () => {
  it("lets each event id through exactly once", async () => {
    const store = new MemoryEventDedupeStore();
    expect(await store.claim("Ev1")).toBe(true);
    expect(await store.claim("Ev1")).toBe(false);
    expect(await store.claim("Ev2")).toBe(true);
  });

  it("concurrent claims of one id: only one wins", async () => {
    const store = new MemoryEventDedupeStore();
    const results = await Promise.all(Array.from({ length: 5 }, () => store.claim("Ev1")));
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it("forgets ids after the TTL", async () => {
    let now = 1_000;
    const store = new MemoryEventDedupeStore({ ttlMs: 500, now: () => now });
    await store.claim("Ev1");
    now += 499;
    expect(await store.claim("Ev1")).toBe(false);
    now += 2;
    expect(await store.claim("Ev1")).toBe(true);
  });

  it("stays bounded, forgetting the oldest ids first", async () => {
    const store = new MemoryEventDedupeStore({ maxEntries: 3 });
    for (const id of ["a", "b", "c", "d"]) await store.claim(id);
    expect(store.size).toBe(3);
    expect(await store.claim("d")).toBe(false);
    expect(await store.claim("a")).toBe(true);
  });
});

describe("InFlightWork", () => {
  it("drains once tracked work settles, including failures", async () => {
    const work = new InFlightWork();
    let release!: () => void;
    const slow = work.track(() => new Promise<void>((r) => (release = r)));
    const failing = work.track(async () => {
      throw new Error("boom");
    });
    await expect(failing).rejects.toThrow("boom");
    expect(work.size).toBe(1);
    expect(await work.drain(20)).toBe(false);
    release();
    await slow;
    expect(await work.drain(1_000)).toBe(true);
    expect(work.size).toBe(0);
  });
});
