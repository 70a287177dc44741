import { describe, expect, it } from "vitest";
import { MemoryClaimOnceStore } from "./claim-once.js";

describe("MemoryClaimOnceStore", () => {
  it("lets each key through exactly once", async () => {
    const store = new MemoryClaimOnceStore();
    expect(await store.claim("Ev1")).toBe(true);
    expect(await store.claim("Ev1")).toBe(false);
    expect(await store.claim("Ev2")).toBe(true);
  });

  it("concurrent claims of one key: only one wins", async () => {
    const store = new MemoryClaimOnceStore();
    const results = await Promise.all(Array.from({ length: 5 }, () => store.claim("Ev1")));
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it("forgets keys after the TTL", async () => {
    let now = 1_000;
    const store = new MemoryClaimOnceStore({ ttlMs: 500, now: () => now });
    await store.claim("Ev1");
    now += 499;
    expect(await store.claim("Ev1")).toBe(false);
    now += 2;
    expect(await store.claim("Ev1")).toBe(true);
  });

  it("stays bounded, forgetting the oldest keys first", async () => {
    const store = new MemoryClaimOnceStore({ maxEntries: 3 });
    for (const id of ["a", "b", "c", "d"]) await store.claim(id);
    expect(store.size).toBe(3);
    expect(await store.claim("d")).toBe(false);
    expect(await store.claim("a")).toBe(true);
  });
});
