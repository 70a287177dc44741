import { describe, expect, it } from "vitest";
import { InFlightWork } from "./in-flight-work.js";

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
