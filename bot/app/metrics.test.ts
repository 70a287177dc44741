// GET /metrics: Prometheus text that parses line by line, and counters that move with
// traffic: a signed Slack mention counts an answer (surface, status, mode) and its latency,
// Slack's retry of it counts a dropped duplicate, a refusal counts as one.
import { afterEach, describe, expect, it } from "vitest";
import type { Mount } from "../platform/http-mount.js";
import { MemoryClaimOnceStore } from "../platform/claim-once.js";
import { ServingMetrics } from "../platform/metrics.js";
import { answeredAnswer, fakePracticeGuide } from "../testing/fake-practice-guide.js";
import { BOT_USER_ID, startSlackHarness, type SlackHarness } from "../testing/slack-harness.js";
import { claimKind, countDuplicates, instrumentGuide } from "./instrument.js";

let harness: SlackHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?:[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\]|\\.)*",?)*\})? (-?[0-9.]+(?:e[+-]?[0-9]+)?|NaN|\+Inf|-Inf)( -?[0-9]+)?$/;

/** Every line is a HELP or TYPE comment or a sample; returns the samples by name and labels. */
function parsePrometheus(text: string): Map<string, number> {
  const samples = new Map<string, number>();
  for (const line of text.split("\n")) {
    if (line === "") continue;
    if (line.startsWith("# HELP ") || line.startsWith("# TYPE ")) {
      if (line.startsWith("# TYPE ")) expect(line).toMatch(/^# TYPE \S+ (counter|gauge|histogram|summary|untyped)$/);
      continue;
    }
    const m = SAMPLE.exec(line);
    expect(m, `not a Prometheus sample: ${line}`).not.toBeNull();
    samples.set(`${m![1]}${m![2] ?? ""}`, Number(m![3]));
  }
  return samples;
}

describe("GET /metrics", () => {
  it("parses as Prometheus text and its counters move with traffic", async () => {
    const metrics = new ServingMetrics();
    let refuse = false;
    const guide = instrumentGuide(
      fakePracticeGuide(async (q) => (refuse ? { ...answeredAnswer(q), status: "refused", citations: [] } : answeredAnswer(q))),
      "slack",
      metrics,
    );
    const metricsMount: Mount = { name: "metrics", routes: [metrics.route()], health: () => ({ state: "ok" }), start: async () => {}, stop: async () => {} };
    harness = await startSlackHarness({ guide, stores: { dedupe: countDuplicates(new MemoryClaimOnceStore(), metrics) }, extraMounts: [metricsMount] });
    const scrape = async () => {
      const res = await fetch(`${harness!.running.url}/metrics`);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
      return parsePrometheus(await res.text());
    };

    const before = await scrape();
    expect(before.get('practice_guide_answers_total{surface="slack",status="answered",mode="extractive"}')).toBeUndefined();
    expect(before.has("practice_guide_process_resident_memory_bytes")).toBe(true);

    const event = { type: "app_mention", user: "U1", text: `<@${BOT_USER_ID}> how do we build trust?`, ts: "1700000900.000100", channel: "C1" };
    await harness.sendEvent(event, { eventId: "EvMetrics1" });
    await harness.waitFor(() => harness!.posts().length === 1, "the answer");
    await harness.sendEvent(event, { eventId: "EvMetrics1", retryNum: 1 });
    refuse = true;
    await harness.sendEvent({ ...event, ts: "1700000901.000100", text: `<@${BOT_USER_ID}> what's the weather?` });
    await harness.waitFor(() => harness!.posts().length === 2, "the refusal");

    const after = await scrape();
    expect(after.get('practice_guide_answers_total{surface="slack",status="answered",mode="extractive"}')).toBe(1);
    expect(after.get('practice_guide_answers_total{surface="slack",status="refused",mode="extractive"}')).toBe(1);
    expect(after.get('practice_guide_refusals_total{surface="slack"}')).toBe(1);
    expect(after.get('practice_guide_answer_duration_seconds_count{surface="slack"}')).toBe(2);
    expect(after.get('practice_guide_answer_duration_seconds_bucket{le="+Inf",surface="slack"}')).toBe(2);
    expect(after.get('practice_guide_redelivery_duplicates_dropped_total{kind="slack_event"}')).toBe(1);
    expect((await fetch(`${harness.running.url}/metrics`, { method: "POST" })).status).toBe(405);
  });

  it("names the kind of each claim key", () => {
    expect(claimKind("Ev0123ABC")).toBe("slack_event");
    expect(claimKind("message:C1:1700000000.000100")).toBe("slack_message");
    expect(claimKind("share:5b0c")).toBe("slack_share");
    expect(claimKind("teams:conv\u0000act")).toBe("teams_activity");
    expect(claimKind("teams-welcome:conv")).toBe("teams_welcome");
    expect(claimKind("something else")).toBe("other");
  });
});
