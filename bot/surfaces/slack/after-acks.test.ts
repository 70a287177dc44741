import { describe, expect, it } from "vitest";
import { InFlightWork } from "../../platform/in-flight-work.js";
import { AfterAcks } from "./after-acks.js";

describe("AfterAcks", () => {
  it("runs one event per turn of the event loop, so work that arrives between two events runs between them", async () => {
    const order: string[] = [];
    const afterAcks = new AfterAcks(new InFlightWork());
    const first = afterAcks.run(async () => void order.push("event 1"));
    // Stands for a request that reached the loop after event 1 was queued.
    setImmediate(() => order.push("next request"));
    const second = afterAcks.run(async () => void order.push("event 2"));
    await Promise.all([first, second]);
    expect(order).toEqual(["event 1", "next request", "event 2"]);
  });

  it("is counted as work in flight from the moment it is queued, so shutdown waits for it", async () => {
    const inFlight = new InFlightWork();
    const afterAcks = new AfterAcks(inFlight);
    let done = false;
    void afterAcks.run(async () => {
      await new Promise((r) => setTimeout(r, 20));
      done = true;
    });
    expect(inFlight.size).toBe(1);
    expect(afterAcks.waiting).toBe(1);
    expect(await inFlight.drain(1_000)).toBe(true);
    expect(done).toBe(true);
  });

  it("hands a failed event's error to its caller and goes on with the next", async () => {
    const afterAcks = new AfterAcks(new InFlightWork());
    const failed = afterAcks.run(async () => {
      throw new Error("listener broke");
    });
    const next = afterAcks.run(async () => {});
    await expect(failed).rejects.toThrow("listener broke");
    await expect(next).resolves.toBeUndefined();
  });
});
