// nock (loaded by vitest.setup.ts) routes even localhost fetches through @mswjs/interceptors;
// vitest.polyfills.ts supplies the Promise.withResolvers it needs on Node 20.
import { describe, expect, it } from "vitest";
import { fakePracticeGuide } from "../bot/testing/fake-practice-guide.js";
import { benchSlack } from "./slack-bench.js";

describe("benchSlack", () => {
  it("measures ack and reply latency over signed events against a local mock Web API", async () => {
    const guide = fakePracticeGuide();
    const results = await benchSlack(guide, { events: 12, warmupEvents: 2 });
    expect(Object.keys(results).sort()).toEqual(
      ["slack_ack_p50_ms", "slack_ack_p95_ms", "slack_events", "slack_reply_p50_ms", "slack_reply_p95_ms"].sort(),
    );
    expect(results.slack_events).toBe(12);
    for (const key of ["slack_ack_p50_ms", "slack_ack_p95_ms", "slack_reply_p50_ms", "slack_reply_p95_ms"]) {
      expect(Number.isFinite(results[key])).toBe(true);
      expect(results[key]).toBeGreaterThan(0);
    }
    expect(results.slack_ack_p95_ms).toBeGreaterThanOrEqual(results.slack_ack_p50_ms ?? 0);
    // Every event (warm-up included) reached the core exactly once.
    expect(guide.calls).toHaveLength(14);
  });
});
