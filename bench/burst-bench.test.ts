// nock (loaded by vitest.setup.ts) lets loopback through; the sender thread is outside it anyway.
import { describe, expect, it } from "vitest";
import { benchSenderFloor, benchSlackIntake } from "./burst-bench.js";

describe("benchSlackIntake", () => {
  it("sends a burst of signed mentions at once and measures the acks and the event loop while answers are held", async () => {
    const results = await benchSlackIntake(10);
    expect(Object.keys(results).sort()).toEqual(
      ["slack_intake_only_ack_max_ms", "slack_intake_only_ack_p50_ms", "slack_intake_only_ack_p95_ms", "slack_intake_only_event_loop_max_ms"].sort(),
    );
    for (const value of Object.values(results)) expect(value).toBeGreaterThan(0);
    expect(results.slack_intake_only_ack_max_ms).toBeGreaterThanOrEqual(results.slack_intake_only_ack_p50_ms!);
  });

  it("measures what the load generator alone puts into an ack, against a server that only says 200", async () => {
    const results = await benchSenderFloor(10);
    expect(results.sender_floor_acks_not_200).toBe(0);
    expect(results.sender_floor_ack_p95_ms).toBeGreaterThan(0);
    expect(results.sender_floor_ack_p95_ms).toBeGreaterThanOrEqual(results.sender_floor_ack_p50_ms!);
  });
});
