// What an operator graphs: answers by surface, status and mode, how long answers take,
// refusals, answers that failed, and redeliveries dropped by a claim store, in Prometheus's
// text format at GET /metrics. One registry per server (not prom-client's global one), so
// tests and two servers in one process never share counters. Labels are a closed set of
// words (surface names, statuses, key kinds), never question text or ids.
import type { IncomingMessage, ServerResponse } from "node:http";
import { collectDefaultMetrics, Counter, Histogram, Registry } from "prom-client";
import type { Route } from "./http-mount.js";

export const METRICS_PATH = "/metrics";

export class ServingMetrics {
  readonly registry = new Registry();
  readonly answers: Counter<"surface" | "status" | "mode">;
  readonly answerSeconds: Histogram<"surface">;
  readonly refusals: Counter<"surface">;
  readonly answerErrors: Counter<"surface">;
  readonly duplicatesDropped: Counter<"kind">;

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
    this.refusals = new Counter({ name: "practice_guide_refusals_total", help: "Questions the guide declined to answer from the corpus, by surface.", labelNames: ["surface"], registers });
    this.answerErrors = new Counter({ name: "practice_guide_answer_errors_total", help: "Answers that failed (the user got an apology), by surface.", labelNames: ["surface"], registers });
    this.duplicatesDropped = new Counter({
      name: "practice_guide_redelivery_duplicates_dropped_total",
      help: "Events, messages, activities or share clicks already claimed (a redelivery, an edit, a double click), by kind.",
      labelNames: ["kind"],
      registers,
    });
    if (options.processMetrics !== false) collectDefaultMetrics({ register: this.registry, prefix: "practice_guide_" });
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
