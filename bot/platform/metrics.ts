// What an operator graphs: answers by surface, status and mode, how long answers take,
// refusals by kind, generation fallbacks by reason, answers that failed, feedback clicks,
// redeliveries dropped by a claim store, worker queue depth and the index generation in use,
// in Prometheus's text format at GET /metrics. One registry per server (not prom-client's
// global one), so tests and two servers in one process never share counters. Labels are a
// closed set of words (surface names, statuses, refusal kinds, fallback reasons, key kinds,
// pool names), never question text or ids; the one exception is the index info gauge, whose
// labels name the active index generation and its embedder (one series at a time).
// Queue depth and the index are read when scraped, from whatever `observe()` was handed, so
// the gauges follow a hot-switch or a new worker pool without anyone pushing to them.
import type { IncomingMessage, ServerResponse } from "node:http";
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import type { Route } from "./http-mount.js";

export const METRICS_PATH = "/metrics";

export type FeedbackVerdict = "helpful" | "not_helpful";

/** What the gauges read at scrape time; each part optional (a server without a guide reports none). */
export interface ObservedServing {
  /** The index generation being answered from (what /healthz says of it). */
  index?: () => { generation?: string; builtAt?: string; sections?: number; embedder?: string | null };
  /** Tasks queued or running in each worker pool, by pool name ("embed", "answer"). */
  queueDepth?: () => Record<string, number>;
}

export class ServingMetrics {
  readonly registry = new Registry();
  readonly answers: Counter<"surface" | "status" | "mode">;
  readonly answerSeconds: Histogram<"surface">;
  readonly refusals: Counter<"surface" | "kind">;
  readonly fallbacks: Counter<"surface" | "reason">;
  readonly answerErrors: Counter<"surface">;
  readonly feedback: Counter<"surface" | "verdict">;
  readonly duplicatesDropped: Counter<"kind">;
  private observed: ObservedServing = {};

  constructor(options: { processMetrics?: boolean } = {}) {
    const registers = [this.registry];
    this.answers = new Counter({ name: "practice_guide_answers_total", help: "Answers given, by surface, status and mode.", labelNames: ["surface", "status", "mode"], registers });
    this.answerSeconds = new Histogram({
      name: "practice_guide_answer_duration_seconds",
      help: "Time to answer a question (retrieval and, when on, generation), by surface.",
      labelNames: ["surface"],
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20],
      registers,
    });
    this.refusals = new Counter({
      name: "practice_guide_refusals_total",
      help: "Questions the guide declined to answer from the corpus, by surface and kind (why it refused).",
      labelNames: ["surface", "kind"],
      registers,
    });
    this.fallbacks = new Counter({
      name: "practice_guide_generation_fallbacks_total",
      help: "Answers that fell back to extractive although a language model is configured, by surface and reason.",
      labelNames: ["surface", "reason"],
      registers,
    });
    this.answerErrors = new Counter({ name: "practice_guide_answer_errors_total", help: "Answers that failed (the user got an apology), by surface.", labelNames: ["surface"], registers });
    this.feedback = new Counter({
      name: "practice_guide_feedback_total",
      help: "Feedback button clicks on answers (Slack helpful / not helpful, Teams thumbs up / down), by surface and verdict.",
      labelNames: ["surface", "verdict"],
      registers,
    });
    this.duplicatesDropped = new Counter({
      name: "practice_guide_redelivery_duplicates_dropped_total",
      help: "Events, messages, activities or share clicks already claimed (a redelivery, an edit, a double click), by kind.",
      labelNames: ["kind"],
      registers,
    });
    const metrics = this;
    new Gauge({
      name: "practice_guide_worker_queue_depth",
      help: "Tasks queued or running in a worker pool (embedding, answering), by pool; read at scrape time.",
      labelNames: ["pool"],
      registers,
      collect() {
        this.reset();
        for (const [pool, depth] of Object.entries(read(metrics.observed.queueDepth) ?? {})) this.set({ pool }, depth);
      },
    });
    new Gauge({
      name: "practice_guide_index_info",
      help: "The index generation answered from (1), labelled with its generation and the embedder of its vectors (none: full text only).",
      labelNames: ["generation", "embedder"],
      registers,
      collect() {
        this.reset();
        const index = read(metrics.observed.index);
        if (index?.generation) this.set({ generation: index.generation, embedder: index.embedder ?? "none" }, 1);
      },
    });
    // Labelled with the generation, so that with no index known there is no sample (not a 0).
    new Gauge({
      name: "practice_guide_index_built_at_seconds",
      help: "When the index generation answered from was built, in Unix seconds.",
      labelNames: ["generation"],
      registers,
      collect() {
        this.reset();
        const index = read(metrics.observed.index);
        const builtAt = Date.parse(index?.builtAt ?? "");
        if (index?.generation && Number.isFinite(builtAt)) this.set({ generation: index.generation }, builtAt / 1000);
      },
    });
    new Gauge({
      name: "practice_guide_index_sections",
      help: "Sections in the index generation answered from.",
      labelNames: ["generation"],
      registers,
      collect() {
        this.reset();
        const index = read(metrics.observed.index);
        if (index?.generation && index.sections !== undefined) this.set({ generation: index.generation }, index.sections);
      },
    });
    if (options.processMetrics !== false) collectDefaultMetrics({ register: this.registry, prefix: "practice_guide_" });
  }

  /** What the gauges read at each scrape (the guide's index and its worker pools); a later call replaces the parts it names. */
  observe(observed: ObservedServing): void {
    this.observed = { ...this.observed, ...observed };
  }

  /** GET /metrics. */
  route(): Route {
    return {
      path: METRICS_PATH,
      handler: async (req: IncomingMessage, res: ServerResponse) => {
        if (req.method !== "GET" && req.method !== "HEAD") {
          res.writeHead(405, { allow: "GET" }).end();
          return;
        }
        const body = await this.registry.metrics();
        res.writeHead(200, { "Content-Type": this.registry.contentType, "Content-Length": Buffer.byteLength(body) });
        res.end(req.method === "HEAD" ? undefined : body);
      },
    };
  }
}

/** What a scrape-time source says, or undefined when it has none or fails: a scrape never fails for a gauge. */
function read<T>(source: (() => T) | undefined): T | undefined {
  try {
    return source?.();
  } catch {
    return undefined;
  }
}
