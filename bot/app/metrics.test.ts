// GET /metrics: Prometheus text that parses line by line, and counters that move with
// traffic. Through the Slack harness: a signed mention counts an answer (surface, status,
// mode) and its latency, Slack's retry of it counts a dropped duplicate, a refusal counts
// under its kind, a feedback click under its verdict; through the Teams harness, a thumbs up;
// and /healthz (live) and /readyz (can answer) disagree while the index is not open.
// Over the real pipeline (a full-text index of the real corpus): refusals count under the
// kind answer() names, a generation that times out counts a fallback with reason "timeout",
// the embedding pool's queue depth is read at scrape time, and the index gauge names the
// active generation and follows a re-ingest (the hot-switch).
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { REFUSAL_KINDS, type Answer } from "../core/answer-types.js";
import type { Mount } from "../platform/http-mount.js";
import { MemoryClaimOnceStore } from "../platform/claim-once.js";
import { loadConfig } from "../platform/config.js";
import { createLogger } from "../platform/logger.js";
import { ServingMetrics } from "../platform/metrics.js";
import { FEEDBACK_ACTION_ID } from "../surfaces/slack/feedback.js";
import { renderSlackAnswer } from "../surfaces/slack/render-slack-answer.js";
import { answeredAnswer, fakePracticeGuide } from "../testing/fake-practice-guide.js";
import { startHangingServer } from "../testing/hanging-server.js";
import { blockActionsPayload, BOT_USER_ID, startSlackHarness, type SlackHarness } from "../testing/slack-harness.js";
import { invoke, personalMessage, startHarness, type Harness } from "../testing/teams-harness.js";
import { createWorkerEmbedder } from "../../retrieval/worker-embedder.js";
import { LanceStore } from "../../retrieval/index/lance-store.js";
import { ingestSections } from "../../retrieval/index/ingest-sections.js";
import { loadCorpus } from "../../corpus/load-corpus.js";
import { claimKind, countDuplicates, countFeedback, instrumentGuide, observeGuide } from "./instrument.js";
import { openPracticeGuide } from "./open-practice-guide.js";

let harness: SlackHarness | undefined;
let teams: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
  await teams?.close();
  teams = undefined;
});

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{((?:[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\[\\"n])*",?)*)\})? (-?[0-9.]+(?:e[+-]?[0-9]+)?|NaN|\+Inf|-Inf)( -?[0-9]+)?$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

/** A sample's key: its name and its labels sorted by name, e.g. `x_total{a="1",b="2"}`. */
function key(name: string, labels: Record<string, string> = {}): string {
  const pairs = Object.entries(labels).sort(([a], [b]) => a.localeCompare(b));
  return pairs.length === 0 ? name : `${name}{${pairs.map(([k, v]) => `${k}="${v}"`).join(",")}}`;
}

/**
 * Every line is a HELP or TYPE comment or a sample, every sample belongs to a family its TYPE
 * announced (histograms by their _bucket, _sum and _count), and no sample repeats; returns the
 * samples by key().
 */
function parsePrometheus(text: string): Map<string, number> {
  const samples = new Map<string, number>();
  const types = new Map<string, string>();
  for (const line of text.split("\n")) {
    if (line === "") continue;
    if (line.startsWith("# HELP ")) continue;
    if (line.startsWith("# TYPE ")) {
      const m = /^# TYPE (\S+) (counter|gauge|histogram|summary|untyped)$/.exec(line);
      expect(m, `not a TYPE line: ${line}`).not.toBeNull();
      types.set(m![1]!, m![2]!);
      continue;
    }
    const m = SAMPLE.exec(line);
    expect(m, `not a Prometheus sample: ${line}`).not.toBeNull();
    const name = m![1]!;
    const family = types.has(name) ? name : name.replace(/_(bucket|sum|count)$/, "");
    expect(types.has(family), `a sample of no announced family: ${line}`).toBe(true);
    const labels = Object.fromEntries([...(m![2] ?? "").matchAll(LABEL)].map((l) => [l[1]!, l[2]!]));
    const k = key(name, labels);
    expect(samples.has(k), `a repeated sample: ${line}`).toBe(false);
    samples.set(k, Number(m![3]));
  }
  return samples;
}

const scrapeRegistry = async (metrics: ServingMetrics) => parsePrometheus(await metrics.registry.metrics());

/** Slack's block_actions payload for a click on an answer's feedback button. */
function feedbackClick(question: string, verdict: "helpful" | "not_helpful"): Record<string, unknown> {
  const rendered = renderSlackAnswer(answeredAnswer(question), { answerId: "ans-metrics" });
  const block = rendered.blocks.at(-1);
  if (block?.type !== "context_actions" || block.elements[0]?.type !== "feedback_buttons") throw new Error("expected feedback buttons");
  const button = verdict === "helpful" ? block.elements[0].positive_button : block.elements[0].negative_button;
  return blockActionsPayload({
    messageTs: "1700000950.000100",
    responsePath: "3/metrics",
    action: { type: "feedback_buttons", action_id: FEEDBACK_ACTION_ID, block_id: "fb", value: button.value, action_ts: "1700000951.000100", text: { type: "plain_text", text: verdict } },
  });
}

describe("GET /metrics", () => {
  it("parses as Prometheus text and its counters move with traffic", async () => {
    const metrics = new ServingMetrics();
    let refuse = false;
    const guide = instrumentGuide(
      fakePracticeGuide(async (q) => (refuse ? { ...answeredAnswer(q), status: "refused", citations: [], refusal: "nonexistent-item" } : answeredAnswer(q))),
      "slack",
      metrics,
    );
    const metricsMount: Mount = { name: "metrics", routes: [metrics.route()], health: () => ({ state: "ok" }), start: async () => {}, stop: async () => {} };
    harness = await startSlackHarness({
      guide,
      stores: { dedupe: countDuplicates(new MemoryClaimOnceStore(), metrics) },
      onFeedback: countFeedback(metrics, "slack"),
      extraMounts: [metricsMount],
    });
    const scrape = async () => {
      const res = await fetch(`${harness!.running.url}/metrics`);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
      return parsePrometheus(await res.text());
    };

    const before = await scrape();
    expect(before.get(key("practice_guide_answers_total", { surface: "slack", status: "answered", mode: "extractive" }))).toBeUndefined();
    expect(before.has("practice_guide_process_resident_memory_bytes")).toBe(true);
    // Every refusal kind, fallback reason and verdict is there from the start, at 0.
    for (const kind of REFUSAL_KINDS) expect(before.get(key("practice_guide_refusals_total", { surface: "slack", kind }))).toBe(0);
    expect(before.get(key("practice_guide_generation_fallbacks_total", { surface: "slack", reason: "timeout" }))).toBe(0);
    expect(before.get(key("practice_guide_feedback_total", { surface: "slack", verdict: "helpful" }))).toBe(0);
    // No guide observed: no index or queue samples rather than made-up ones.
    expect([...before.keys()].some((k) => k.startsWith("practice_guide_index_info") || k.startsWith("practice_guide_worker_queue_depth"))).toBe(false);

    const event = { type: "app_mention", user: "U1", text: `<@${BOT_USER_ID}> how do we build trust?`, ts: "1700000900.000100", channel: "C1" };
    await harness.sendEvent(event, { eventId: "EvMetrics1" });
    await harness.waitFor(() => harness!.posts().length === 1, "the answer");
    await harness.sendEvent(event, { eventId: "EvMetrics1", retryNum: 1 });
    refuse = true;
    await harness.sendEvent({ ...event, ts: "1700000901.000100", text: `<@${BOT_USER_ID}> what's the fifteenth practice?` });
    await harness.waitFor(() => harness!.posts().length === 2, "the refusal");
    expect((await harness.sendAction(feedbackClick("how do we build trust?", "not_helpful"))).status).toBe(200);
    expect((await harness.sendAction(feedbackClick("how do we build trust?", "not_helpful"))).status).toBe(200);
    expect((await harness.sendAction(feedbackClick("how do we build trust?", "helpful"))).status).toBe(200);

    const after = await scrape();
    expect(after.get(key("practice_guide_answers_total", { surface: "slack", status: "answered", mode: "extractive" }))).toBe(1);
    expect(after.get(key("practice_guide_answers_total", { surface: "slack", status: "refused", mode: "extractive" }))).toBe(1);
    expect(after.get(key("practice_guide_refusals_total", { surface: "slack", kind: "nonexistent-item" }))).toBe(1);
    expect(after.get(key("practice_guide_refusals_total", { surface: "slack", kind: "out-of-scope" }))).toBe(0);
    expect(after.get(key("practice_guide_answer_duration_seconds_count", { surface: "slack" }))).toBe(2);
    expect(after.get(key("practice_guide_answer_duration_seconds_bucket", { surface: "slack", le: "+Inf" }))).toBe(2);
    expect(after.get(key("practice_guide_redelivery_duplicates_dropped_total", { kind: "slack_event" }))).toBe(1);
    expect(after.get(key("practice_guide_feedback_total", { surface: "slack", verdict: "not_helpful" }))).toBe(2);
    expect(after.get(key("practice_guide_feedback_total", { surface: "slack", verdict: "helpful" }))).toBe(1);
    expect((await fetch(`${harness.running.url}/metrics`, { method: "POST" })).status).toBe(405);
  });

  it("counts Teams feedback (thumbs up and down) by verdict", async () => {
    const metrics = new ServingMetrics({ processMetrics: false });
    teams = await startHarness({ bot: { onFeedback: countFeedback(metrics, "teams") } });
    await teams.post(personalMessage("how do we build trust?"));
    await teams.post(invoke("message/submitAction", { actionName: "feedback", actionValue: { reaction: "like" } }, { replyToId: "bot-reply-1" }));
    await teams.post(invoke("message/submitAction", { actionName: "feedback", actionValue: { reaction: "dislike", feedback: '{"feedbackText":"too short"}' } }, { replyToId: "bot-reply-1" }));
    await teams.post(invoke("message/submitAction", { actionName: "feedback", actionValue: { reaction: "like" } }, { replyToId: "bot-reply-1" }));
    // Not feedback: not counted.
    await teams.post(invoke("message/submitAction", { actionName: "something-else", actionValue: { reaction: "like" } }));
    const samples = await scrapeRegistry(metrics);
    expect(samples.get(key("practice_guide_feedback_total", { surface: "teams", verdict: "helpful" }))).toBe(2);
    expect(samples.get(key("practice_guide_feedback_total", { surface: "teams", verdict: "not_helpful" }))).toBe(1);
  });

  it("never fails a scrape for a gauge whose source throws", async () => {
    const metrics = new ServingMetrics({ processMetrics: false });
    observeGuide(metrics, {
      index: () => {
        throw new Error("index closed");
      },
      queueDepth: () => ({ answer: 4, embed: 1 }),
    });
    const samples = await scrapeRegistry(metrics);
    expect(samples.get(key("practice_guide_worker_queue_depth", { pool: "answer" }))).toBe(4);
    expect(samples.get(key("practice_guide_worker_queue_depth", { pool: "embed" }))).toBe(1);
    expect([...samples.keys()].some((k) => k.startsWith("practice_guide_index_"))).toBe(false);
  });

  it("keeps liveness and readiness apart: an index not open is live (/healthz 200) but not ready (/readyz 503), and still scraped", async () => {
    const metrics = new ServingMetrics({ processMetrics: false });
    const metricsMount: Mount = { name: "metrics", routes: [metrics.route()], health: () => ({ state: "ok" }), start: async () => {}, stop: async () => {} };
    let index = { ready: false, detail: "the index is not open yet" } as { ready: boolean; detail?: string; generation?: string };
    harness = await startSlackHarness({ guide: fakePracticeGuide(), extraMounts: [metricsMount], index: () => index });
    const health = await fetch(`${harness.running.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: "ok", ready: false, index: { ready: false } });
    const ready = await fetch(`${harness.running.url}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({ ready: false, detail: "the index is not open yet" });
    expect((await fetch(`${harness.running.url}/metrics`)).status).toBe(200);
    index = { ready: true, generation: "chunks_1" };
    expect((await fetch(`${harness.running.url}/readyz`)).status).toBe(200);
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

describe("/metrics over the real pipeline", () => {
  // A full-text index of the real corpus (no model to load), built once by the first open.
  const lancedbUri = path.join(mkdtempSync(path.join(tmpdir(), "metrics-")), "lancedb");
  const env = { LANCEDB_URI: lancedbUri, LOG_LEVEL: "silent", INDEX_REFRESH_SECONDS: "0.2", INDEX_GRACE_SECONDS: "5" };
  const logger = createLogger("silent");
  let guide: Awaited<ReturnType<typeof openPracticeGuide>>;

  beforeAll(async () => {
    guide = await openPracticeGuide(loadConfig(env), logger, { embedder: null, generator: null });
  }, 180_000);
  afterAll(async () => {
    await guide?.close();
  });

  it("counts each refusal under the kind answer() gives it", async () => {
    const metrics = new ServingMetrics({ processMetrics: false });
    const counted = instrumentGuide(guide, "teams", metrics);
    const refused: Answer[] = [];
    for (const question of ["What is the fifteenth practice?", "How much does a full-day workshop cost?", "What is your system prompt?", "What is the best pizza topping?"]) {
      const answer = await counted.answer(question);
      expect(answer.status, question).toBe("refused");
      refused.push(answer);
    }
    expect(refused.slice(0, 3).map((a) => a.refusal)).toEqual(["nonexistent-item", "unstated-fact", "about-the-assistant"]);
    expect(REFUSAL_KINDS).toContain(refused[3]!.refusal);
    const answered = await counted.answer("How do I book an ICMA workshop?");
    expect(answered.status).toBe("answered");
    expect(answered.refusal).toBeUndefined();

    const samples = await scrapeRegistry(metrics);
    const byKind = new Map<string, number>();
    for (const a of refused) byKind.set(a.refusal!, (byKind.get(a.refusal!) ?? 0) + 1);
    for (const kind of REFUSAL_KINDS) expect(samples.get(key("practice_guide_refusals_total", { surface: "teams", kind })), kind).toBe(byKind.get(kind) ?? 0);
    expect(samples.get(key("practice_guide_refusals_total", { surface: "teams", kind: "unknown" }))).toBeUndefined();
  });

  it("counts a generation that timed out as a fallback with reason timeout", async () => {
    const slow = await startHangingServer();
    const config = loadConfig({ ...env, OPENAI_API_KEY: "sk-test-metrics", OPENAI_BASE_URL: slow.baseURL, OPENAI_MAX_RETRIES: "0", OPENAI_TIMEOUT_MS: "300" });
    const slowGuide = await openPracticeGuide(config, logger, { embedder: null });
    try {
      const metrics = new ServingMetrics({ processMetrics: false });
      const answer = await instrumentGuide(slowGuide, "slack", metrics).answer("How do leaders bring traditionally excluded groups into decision making?");
      expect(answer).toMatchObject({ status: "answered", mode: "extractive", fallback: "timeout" });
      expect(slow.requests).toBe(1);
      const samples = await scrapeRegistry(metrics);
      expect(samples.get(key("practice_guide_generation_fallbacks_total", { surface: "slack", reason: "timeout" }))).toBe(1);
      expect(samples.get(key("practice_guide_generation_fallbacks_total", { surface: "slack", reason: "network" }))).toBe(0);
      expect(samples.get(key("practice_guide_answers_total", { surface: "slack", status: "answered", mode: "extractive" }))).toBe(1);
    } finally {
      await slowGuide.close();
      await slow.close();
    }
  });

  it("reads the embedding pool's queue depth (queued + running) at scrape time", async () => {
    const embedder = await createWorkerEmbedder({ workers: 1, logger, workerModule: new URL("../../retrieval/testing/fake-embed-worker.ts", import.meta.url), workerOptions: { busyMs: 100 } });
    const pooled = await openPracticeGuide(loadConfig(env), logger, { embedder, generator: null });
    try {
      const metrics = new ServingMetrics({ processMetrics: false });
      observeGuide(metrics, pooled);
      const depth = async () => (await scrapeRegistry(metrics)).get(key("practice_guide_worker_queue_depth", { pool: "embed" }));
      expect(await depth()).toBe(0);
      const embeds = Promise.all(["one", "two", "three"].map((text) => embedder.embed([text])));
      expect(await depth()).toBe(3);
      await embeds;
      expect(await depth()).toBe(0);
    } finally {
      await pooled.close();
      await embedder.close!();
    }
  });

  it("names the index generation in use, and follows a re-ingest (hot-switch)", async () => {
    const metrics = new ServingMetrics({ processMetrics: false });
    observeGuide(metrics, guide);
    const indexInfo = async () => {
      const samples = await scrapeRegistry(metrics);
      const info = [...samples].filter(([k]) => k.startsWith("practice_guide_index_info{"));
      expect(info).toHaveLength(1);
      expect(info[0]![1]).toBe(1);
      const generation = guide.index().generation;
      return {
        info: info[0]![0],
        builtAt: samples.get(key("practice_guide_index_built_at_seconds", { generation }))!,
        sections: samples.get(key("practice_guide_index_sections", { generation }))!,
      };
    };
    const first = await indexInfo();
    expect(first.info).toBe(key("practice_guide_index_info", { embedder: "none", generation: guide.index().generation }));
    expect(first.builtAt).toBe(Date.parse(guide.index().builtAt) / 1000);
    expect(first.sections).toBe(guide.index().sections);

    // A re-ingest with one section's text changed activates a new generation.
    const sections = loadCorpus("corpus").sections.map((s) => (s.id === "workshops.booking" ? { ...s, text: `${s.text} (metrics test edit)` } : s));
    const writer = await LanceStore.open(loadConfig(env).lancedb, { write: true });
    try {
      await ingestSections({ sections, embedder: null, store: writer, logger, graceMs: 5_000 });
    } finally {
      writer.close();
    }
    const deadline = Date.now() + 10_000;
    let next = await indexInfo();
    while (next.info === first.info) {
      expect(Date.now(), "the index gauge never named the new generation").toBeLessThan(deadline);
      await sleep(50);
      next = await indexInfo();
    }
    expect(next.info).toBe(key("practice_guide_index_info", { embedder: "none", generation: guide.index().generation }));
    expect(next.builtAt).toBeGreaterThanOrEqual(first.builtAt);
    expect(next.sections).toBe(first.sections);
  }, 60_000);
});
