// Slack adapter latency: time from a signed app_mention arriving on localhost to Slack's
// ack (HTTP 200), and to the threaded reply reaching the Web API (a local mock that records
// chat.postMessage), p50/p95 over 200 events.
import { randomBytes } from "node:crypto";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { type PracticeGuide } from "../bot/core/answer-types.js";
import { loadConfig } from "../bot/platform/config.js";
import { createLogger, type Logger } from "../bot/platform/logger.js";
import { createSlackMount } from "../bot/surfaces/slack/slack-app.js";
import { InFlightWork } from "../bot/platform/in-flight-work.js";
import { percentile } from "../evals/metrics.js";
import { startServer } from "../bot/surfaces/http/server.js";
import { EXAMPLE_QUESTIONS } from "../bot/core/wording.js";

export interface SlackBenchOptions {
  events?: number;
  warmupEvents?: number;
  /** Per-event limit for the reply to arrive. */
  replyTimeoutMs?: number;
  logger?: Logger;
}

const BOT_USER_ID = "UBENCHBOT";
const QUESTIONS = [...EXAMPLE_QUESTIONS, "How do we build trust with residents?", "What is the Declaration of Ideals?"];

export async function benchSlack(guide: PracticeGuide, options: SlackBenchOptions = {}): Promise<Record<string, number>> {
  const events = options.events ?? 200;
  const signingSecret = randomBytes(16).toString("hex");
  // The load generator and the mock Web API run on their own thread, as Slack runs on its own
  // machines: while the core computes an answer on the server's thread, the client still sees
  // the ack (and the reply) the moment they are sent.
  const slack = new Worker(SLACK_SIDE_SOURCE, {
    eval: true,
    workerData: {
      signingSecret,
      botUserId: BOT_USER_ID,
      questions: QUESTIONS,
      events,
      warmupEvents: options.warmupEvents ?? 5,
      replyTimeoutMs: options.replyTimeoutMs ?? 30_000,
    },
  });
  const messages = workerMessages(slack);
  let running: Awaited<ReturnType<typeof startServer>> | undefined;
  try {
    const ready = await messages.next("ready");
    const config = loadConfig({
      PORT: "0",
      SLACK_BOT_TOKEN: "xoxb-bench-not-a-real-token",
      SLACK_SIGNING_SECRET: signingSecret,
      SLACK_API_URL: `${String(ready.apiUrl)}/api/`,
    });
    const logger = options.logger ?? createLogger("silent");
    const inFlight = new InFlightWork();
    const mount = createSlackMount({ slack: config.slack, guide, logger, inFlight, clientOptions: { retryConfig: { retries: 0 } } });
    running = await startServer({ port: config.port, logger, mounts: [mount], inFlight, host: "127.0.0.1" });
    slack.postMessage({ type: "go", eventsUrl: `${running.url}/slack/events` });
    const done = await messages.next("done");
    const ackMs = done.ackMs as number[];
    const replyMs = done.replyMs as number[];
    return {
      slack_events: events,
      slack_ack_p50_ms: round(percentile(ackMs, 50)),
      slack_ack_p95_ms: round(percentile(ackMs, 95)),
      slack_reply_p50_ms: round(percentile(replyMs, 50)),
      slack_reply_p95_ms: round(percentile(replyMs, 95)),
    };
  } finally {
    await running?.stop();
    await slack.terminate();
  }
}

/** Two decimals; a percentile of no values (nothing measured) is NaN in the results. */
function round(ms: number | null): number {
  return ms === null ? Number.NaN : Math.round(ms * 100) / 100;
}

type WorkerMessage = { type: string; [key: string]: unknown };

/** Awaits the worker's messages by type; an "error" message or a worker crash rejects. */
function workerMessages(worker: Worker): { next(type: string): Promise<WorkerMessage> } {
  const queue: WorkerMessage[] = [];
  let waiter: { type: string; resolve: (m: WorkerMessage) => void; reject: (e: Error) => void } | undefined;
  let failure: Error | undefined;
  const fail = (error: Error) => {
    failure = error;
    waiter?.reject(error);
  };
  worker.on("message", (message: WorkerMessage) => {
    if (message.type === "error") return fail(new Error(`slack bench: ${String(message.message)}`));
    if (waiter && waiter.type === message.type) {
      const w = waiter;
      waiter = undefined;
      w.resolve(message);
    } else queue.push(message);
  });
  worker.on("error", fail);
  return {
    next: (type) =>
      new Promise((resolveNext, reject) => {
        if (failure) return reject(failure);
        const queued = queue.findIndex((m) => m.type === type);
        if (queued >= 0) return resolveNext(queue.splice(queued, 1)[0]!);
        waiter = { type, resolve: resolveNext, reject };
      }),
  };
}

/**
 * Slack's side, as plain JavaScript for a worker thread: a mock Web API on 127.0.0.1 that
 * notes when each threaded reply arrives, and a sender of signed app_mention events that
 * notes when each ack (HTTP 200) arrives. Sequential, so each number is one event's
 * latency, not queueing.
 */
const SLACK_SIDE_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const { createServer } = require("node:http");
const { createHmac } = require("node:crypto");
const { signingSecret, botUserId, questions, events, warmupEvents, replyTimeoutMs } = workerData;
const waiting = new Map();

const api = createServer((req, res) => {
  const chunks = [];
  req.on("data", (c) => chunks.push(c));
  req.on("end", () => {
    const arrivedAt = performance.now();
    const method = (req.url || "").replace(/^\\/api\\//, "").split("?")[0];
    const fields = new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
    res.writeHead(200, { "content-type": "application/json" });
    if (method === "auth.test") {
      return res.end(JSON.stringify({ ok: true, user_id: botUserId, bot_id: "BBENCH", team_id: "T1" }));
    }
    if (method === "chat.postMessage") {
      const threadTs = fields.get("thread_ts") || "";
      const done = waiting.get(threadTs);
      waiting.delete(threadTs);
      if (done) done(arrivedAt);
      return res.end(JSON.stringify({ ok: true, channel: fields.get("channel"), ts: threadTs + "9" }));
    }
    res.end(JSON.stringify({ ok: true }));
  });
});

function waitForReply(threadTs) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      waiting.delete(threadTs);
      reject(new Error("no reply for event " + threadTs + " within " + replyTimeoutMs + " ms"));
    }, replyTimeoutMs);
    waiting.set(threadTs, (at) => { clearTimeout(timer); resolve(at); });
  });
}

async function run(eventsUrl) {
  const ackMs = [];
  const replyMs = [];
  for (let i = 0; i < warmupEvents + events; i += 1) {
    const ts = "1700100000." + String(i).padStart(6, "0");
    const body = JSON.stringify({
      type: "event_callback", team_id: "T1", api_app_id: "A1", event_id: "EvBench" + i,
      event_time: Math.floor(Date.now() / 1000),
      authorizations: [{ team_id: "T1", user_id: botUserId, is_bot: true, is_enterprise_install: false }],
      event: { type: "app_mention", user: "U1", channel: "C1", ts, event_ts: ts,
        text: "<@" + botUserId + "> " + questions[i % questions.length] },
    });
    const timestamp = Math.floor(Date.now() / 1000);
    const signature = "v0=" + createHmac("sha256", signingSecret).update("v0:" + timestamp + ":" + body).digest("hex");
    const reply = waitForReply(ts);
    const started = performance.now();
    const res = await fetch(eventsUrl, { method: "POST", body, headers: {
      "content-type": "application/json", "x-slack-request-timestamp": String(timestamp), "x-slack-signature": signature } });
    const acked = performance.now();
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error("Slack endpoint answered " + res.status + " to event " + i);
    const replied = await reply;
    if (i >= warmupEvents) { ackMs.push(acked - started); replyMs.push(replied - started); }
  }
  return { ackMs, replyMs };
}

parentPort.on("message", (message) => {
  if (message.type !== "go") return;
  run(message.eventsUrl).then(
    (result) => parentPort.postMessage({ type: "done", ...result }),
    (error) => parentPort.postMessage({ type: "error", message: String(error && error.message || error) }),
  );
});
api.listen(0, "127.0.0.1", () => {
  parentPort.postMessage({ type: "ready", apiUrl: "http://127.0.0.1:" + api.address().port });
});
`;

// Standalone: `tsx bench/slack-bench.ts` measures the adapter alone, over a fake core that
// answers instantly (run-bench.ts passes the real PracticeGuide instead).
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const { fakePracticeGuide } = await import("../bot/testing/fake-practice-guide.js");
  const results = await benchSlack(fakePracticeGuide());
  process.stdout.write(`${JSON.stringify({ core: "fake (adapter overhead only)", ...results }, null, 2)}\n`);
}
