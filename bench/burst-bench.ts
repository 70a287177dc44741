// Bursts against the real server: `npm run serve`'s entry (bot/app/serve.ts) in a process of
// its own, with Slack's Web API and Teams' Bot Connector faked on 127.0.0.1. 100 correctly
// signed app_mention events sent at once: ack p50/p95/max, every event answered exactly once,
// time to the last reply, the server's event-loop max delay during the burst (measured inside
// it by event-loop-probe.mjs) and /healthz latency; then 50 Teams messages at once: reply p95;
// the server's memory with its configured embedding pool; and how long SIGTERM takes to stop
// it. Teams runs with TEAMS_LOCAL_DEV_NO_AUTH, the switch the Teams tests use, so no Microsoft
// token is checked or fetched (a real deployment checks one per request). benchSlackIntake
// measures the Slack surface's own floor: the same burst with every answer held back.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { fileURLToPath, pathToFileURL } from "node:url";
import { resolve } from "node:path";
import { Worker } from "node:worker_threads";
import { APOLOGY_TEXT } from "../bot/core/wording.js";
import { loadConfig } from "../bot/platform/config.js";
import { InFlightWork } from "../bot/platform/in-flight-work.js";
import { createLogger } from "../bot/platform/logger.js";
import { startServer } from "../bot/surfaces/http/server.js";
import { createSlackMount } from "../bot/surfaces/slack/slack-app.js";
import { signedSlackHeaders } from "../bot/surfaces/slack/sign-slack-request.js";
import { answeredAnswer, fakePracticeGuide } from "../bot/testing/fake-practice-guide.js";
import { loadGoldenSet } from "../evals/golden-set.js";
import { percentile } from "../evals/metrics.js";

export interface BurstBenchOptions {
  /** The index the server answers from (built beforehand). */
  lancedbUri: string;
  slackEvents?: number;
  teamsMessages?: number;
  /** EMBED_WORKERS for the server; empty for its default. */
  embedWorkers?: string;
  /** Sequential mentions answered before the burst (first questions pay for lazy set-up). */
  warmupEvents?: number;
  /** How long to wait for the last reply of a burst. */
  replyTimeoutMs?: number;
  /** Extra node options for the server, e.g. ["--cpu-prof", "--cpu-prof-dir=/tmp/prof"]. */
  serveNodeArgs?: string[];
}

const REPO = fileURLToPath(new URL("..", import.meta.url));
const PROBE = new URL("./event-loop-probe.mjs", import.meta.url).href;
const BOT_USER_ID = "UBURSTBOT";
const TEAMS_BOT = { id: "28:practice-guide-bot", name: "Practice Guide" };

interface Arrival {
  key: string;
  at: number;
  text: string;
}

export async function benchBurst(options: BurstBenchOptions): Promise<Record<string, number>> {
  const slackEvents = options.slackEvents ?? 100;
  const teamsMessages = options.teamsMessages ?? 50;
  const replyTimeoutMs = options.replyTimeoutMs ?? 60_000;
  const questions = (await loadGoldenSet(resolve(REPO, "evals/golden.jsonl"))).map((c) => c.q);
  const question = (i: number) => questions[i % questions.length]!;
  const signingSecret = randomBytes(16).toString("hex");
  const upstream = await startFakeUpstream();
  const sender = startSender();
  const server = await startServe(upstream.url, signingSecret, options).catch(async (error: unknown) => {
    await sender.close();
    upstream.server.close();
    throw error;
  });
  const results: Record<string, number> = {};
  try {
    results.serve_embed_workers = server.embedWorkers;
    const slack = slackSender(`${server.url}/slack/events`, signingSecret);

    // --- Warm-up: one at a time, until the server answers (its Slack surface may still be connecting). ---
    const warmups = options.warmupEvents ?? 5;
    for (let i = 0, answered = 0; answered < warmups; i += 1) {
      if (i > warmups + 20) throw new Error("burst bench: the server did not answer the warm-up mentions");
      const ts = `1700200000.${String(i).padStart(6, "0")}`;
      await slack.send(`EvWarm${i}`, ts, question(i));
      if (await upstream.slack.waitFor([ts], 10_000).then(() => true, () => false)) answered += 1;
    }

    // --- Slack: every mention at once. ---
    const tsOf = (i: number) => `1700300000.${String(i).padStart(6, "0")}`;
    const burst = Array.from({ length: slackEvents }, (_, i) => slack.signed(`EvBurst${i}`, tsOf(i), question(i + warmups)));
    await server.probe("reset");
    const healthz = pollHealthz(`${server.url}/healthz`);
    const burstStart = performance.now();
    const replies = upstream.slack.waitFor(burst.map((_, i) => tsOf(i)), replyTimeoutMs);
    const acks = await sender.send(`${server.url}/slack/events`, burst);
    // Two windows: taking the requests in (to the last ack), then answering them.
    const intakeLoop = await server.probe("report");
    await server.probe("reset");
    const arrivals = await replies;
    const answeringLoop = await server.probe("report");
    const healthzMs = await healthz.stop();
    await new Promise((r) => setTimeout(r, 1_000)); // any second reply to an event arrives in this time
    const perEvent = burst.map((_, i) => upstream.slack.count(tsOf(i)));
    const ackMs = acks.map((a) => a.ms);
    Object.assign(results, {
      slack_burst_events: slackEvents,
      slack_burst_ack_p50_ms: round(percentile(ackMs, 50)),
      slack_burst_ack_p95_ms: round(percentile(ackMs, 95)),
      slack_burst_ack_max_ms: round(Math.max(...ackMs)),
      slack_burst_acks_not_200: acks.filter((a) => a.status !== 200).length,
      slack_burst_acks_over_3s: ackMs.filter((ms) => ms > 3_000).length,
      slack_burst_answered_once: perEvent.filter((n) => n === 1).length,
      slack_burst_answered_twice_or_more: perEvent.filter((n) => n > 1).length,
      slack_burst_reply_p50_ms: round(percentile(arrivals.map((a) => a.at - burstStart), 50)),
      slack_burst_reply_p95_ms: round(percentile(arrivals.map((a) => a.at - burstStart), 95)),
      slack_burst_last_reply_ms: round(Math.max(...arrivals.map((a) => a.at)) - burstStart),
      slack_burst_apologies: arrivals.filter((a) => a.text === APOLOGY_TEXT).length,
      slack_burst_event_loop_max_ms: Math.max(intakeLoop.eventLoopMaxMs, answeringLoop.eventLoopMaxMs),
      slack_burst_intake_event_loop_max_ms: intakeLoop.eventLoopMaxMs,
      slack_burst_answering_event_loop_max_ms: answeringLoop.eventLoopMaxMs,
      slack_burst_answering_event_loop_p99_ms: answeringLoop.eventLoopP99Ms,
      slack_burst_healthz_max_ms: round(Math.max(...healthzMs)),
    });

    // --- Teams: every message at once. ---
    const conversationOf = (i: number) => `a:burst-${i}`;
    const activities = Array.from({ length: teamsMessages }, (_, i) => teamsActivity(i, conversationOf(i), question(i + 7), `${upstream.url}/teams/`));
    await server.probe("reset");
    const teamsStart = performance.now();
    const teamsReplies = upstream.teams.waitFor(activities.map((_, i) => conversationOf(i)), replyTimeoutMs);
    const sent = (
      await sender.send(
        `${server.url}/api/messages`,
        activities.map((activity) => ({ body: JSON.stringify(activity), headers: { "content-type": "application/json" } })),
      )
    ).map((a) => a.status);
    const teamsArrivals = await teamsReplies;
    const teamsLoop = await server.probe("report");
    await new Promise((r) => setTimeout(r, 1_000));
    const teamsReplyMs = teamsArrivals.map((a) => a.at - teamsStart);
    Object.assign(results, {
      teams_burst_messages: teamsMessages,
      teams_burst_not_2xx: sent.filter((status) => status < 200 || status > 299).length,
      teams_burst_answered_once: activities.filter((_, i) => upstream.teams.count(conversationOf(i)) === 1).length,
      teams_burst_reply_p50_ms: round(percentile(teamsReplyMs, 50)),
      teams_burst_reply_p95_ms: round(percentile(teamsReplyMs, 95)),
      teams_burst_reply_max_ms: round(Math.max(...teamsReplyMs)),
      teams_burst_event_loop_max_ms: teamsLoop.eventLoopMaxMs,
      serve_rss_mb: teamsLoop.rssMb,
      serve_peak_rss_mb: teamsLoop.peakRssMb,
      serve_error_log_lines: server.errorLines(),
    });
  } finally {
    results.serve_sigterm_exit_ms = await server.stop();
    await sender.close();
    await new Promise<void>((done) => upstream.server.close(() => done()));
  }
  return results;
}

/**
 * The Slack surface's floor: the same burst against an in-process server (HTTP server, request
 * gate, bolt) whose answers are all held until every ack is in, so nothing but taking the
 * requests in runs on its event loop. The sender runs on a worker thread, as Slack runs elsewhere.
 */
export async function benchSlackIntake(events = 100): Promise<Record<string, number>> {
  const signingSecret = randomBytes(16).toString("hex");
  const upstream = await startFakeUpstream();
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  const guide = fakePracticeGuide(async (question) => {
    await held;
    return answeredAnswer(question);
  });
  const config = loadConfig({ PORT: "0", SLACK_BOT_TOKEN: "xoxb-intake-bench", SLACK_SIGNING_SECRET: signingSecret, SLACK_API_URL: `${upstream.url}/api/` });
  const logger = createLogger("silent");
  const inFlight = new InFlightWork();
  const mount = createSlackMount({ slack: config.slack, guide, logger, inFlight, clientOptions: { retryConfig: { retries: 0 } } });
  const running = await startServer({ port: 0, logger, mounts: [mount], inFlight, host: "127.0.0.1" });
  const sender = startSender();
  try {
    for (let waited = 0; mount.health().state !== "ok"; waited += 50) {
      if (waited > 10_000) throw new Error(`intake bench: the Slack surface stayed ${mount.health().state}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    const slack = slackSender(`${running.url}/slack/events`, signingSecret);
    for (let i = 0; i < 20; i += 1) await slack.send(`EvIntakeWarm${i}`, `1700500000.${String(i).padStart(6, "0")}`, "warming up");
    const requests = Array.from({ length: events }, (_, i) =>
      slack.signed(`EvIntake${i}`, `1700600000.${String(i).padStart(6, "0")}`, `question ${i} about building trust with residents`),
    );
    const histogram = monitorEventLoopDelay({ resolution: 2 });
    histogram.enable();
    const ackMs = (await sender.send(`${running.url}/slack/events`, requests)).map((a) => a.ms);
    histogram.disable();
    return {
      slack_intake_only_ack_p50_ms: round(percentile(ackMs, 50)),
      slack_intake_only_ack_p95_ms: round(percentile(ackMs, 95)),
      slack_intake_only_ack_max_ms: round(Math.max(...ackMs)),
      slack_intake_only_event_loop_max_ms: Math.round((histogram.max / 1e6) * 10) / 10,
    };
  } finally {
    release();
    await running.stop();
    await sender.close();
    await new Promise<void>((done) => upstream.server.close(() => done()));
  }
}

interface SentRequest {
  body: string;
  headers: Record<string, string>;
}

/**
 * The load generator on a worker thread of its own, as Slack and Teams send from their own
 * machines: the bench's thread (which also plays the Web API and the Connector) never delays
 * a request or an ack. send() fires every request at once and gives each one's time to its
 * response headers, and its status.
 */
function startSender(): { send(url: string, requests: SentRequest[]): Promise<Array<{ ms: number; status: number }>>; close(): Promise<void> } {
  const worker = new Worker(SENDER_SOURCE, { eval: true });
  let next = 0;
  const waiting = new Map<number, { done: (acks: Array<{ ms: number; status: number }>) => void; fail: (error: Error) => void }>();
  worker.on("message", (message: { id: number; acks?: Array<{ ms: number; status: number }>; error?: string }) => {
    const waiter = waiting.get(message.id);
    waiting.delete(message.id);
    if (message.error) waiter?.fail(new Error(`burst bench sender: ${message.error}`));
    else waiter?.done(message.acks!);
  });
  worker.on("error", (error: Error) => {
    for (const waiter of waiting.values()) waiter.fail(error);
    waiting.clear();
  });
  return {
    send(url, requests) {
      const id = (next += 1);
      return new Promise((done, fail) => {
        waiting.set(id, { done, fail });
        worker.postMessage({ id, url, requests });
      });
    },
    close: async () => void (await worker.terminate()),
  };
}

const SENDER_SOURCE = `
const { parentPort } = require("node:worker_threads");
parentPort.on("message", ({ id, url, requests }) => {
  Promise.all(requests.map(async ({ body, headers }) => {
    const started = performance.now();
    const res = await fetch(url, { method: "POST", body, headers });
    const ms = performance.now() - started;
    await res.arrayBuffer();
    return { ms, status: res.status };
  })).then(
    (acks) => parentPort.postMessage({ id, acks }),
    (error) => parentPort.postMessage({ id, error: String((error && error.message) || error) }),
  );
});
`;

/** Two decimals; NaN when nothing was measured. */
function round(ms: number | null): number {
  return ms === null || !Number.isFinite(ms) ? Number.NaN : Math.round(ms * 100) / 100;
}

function slackSender(eventsUrl: string, signingSecret: string) {
  const bodyOf = (eventId: string, ts: string, text: string) =>
    JSON.stringify({
      type: "event_callback",
      team_id: "T1",
      api_app_id: "A1",
      event_id: eventId,
      event_time: Math.floor(Date.now() / 1000),
      authorizations: [{ team_id: "T1", user_id: BOT_USER_ID, is_bot: true, is_enterprise_install: false }],
      event: { type: "app_mention", user: "U1", channel: "C1", ts, event_ts: ts, text: `<@${BOT_USER_ID}> ${text}` },
    });
  /** An app_mention event, signed as Slack signs it, for the sender thread. */
  const signed = (eventId: string, ts: string, text: string): SentRequest => {
    const body = bodyOf(eventId, ts, text);
    return { body, headers: signedSlackHeaders(signingSecret, body) };
  };
  /** One event from this thread (the warm-up), awaited. */
  const send = async (eventId: string, ts: string, text: string) => {
    const { body, headers } = signed(eventId, ts, text);
    const res = await fetch(eventsUrl, { method: "POST", headers, body });
    await res.arrayBuffer();
    return res.status;
  };
  return { signed, send };
}

function teamsActivity(i: number, conversationId: string, text: string, serviceUrl: string) {
  return {
    type: "message",
    id: `burst-activity-${i}`,
    timestamp: new Date().toISOString(),
    serviceUrl,
    channelId: "msteams",
    from: { id: `29:burst-user-${i}`, name: `Burst User ${i}`, aadObjectId: `6f1c1f0e-0000-4000-8000-${String(i).padStart(12, "0")}` },
    conversation: { id: conversationId, conversationType: "personal", tenantId: "tenant-1" },
    recipient: TEAMS_BOT,
    text,
    textFormat: "plain",
    locale: "en-US",
    channelData: { tenant: { id: "tenant-1" } },
  };
}

/** Replies recorded by key (Slack: thread_ts; Teams: conversation id), with a wait for a set of keys. */
function arrivalBook() {
  const arrivals = new Map<string, Arrival[]>();
  const waiters = new Set<() => void>();
  return {
    add(arrival: Arrival) {
      const list = arrivals.get(arrival.key) ?? [];
      list.push(arrival);
      arrivals.set(arrival.key, list);
      for (const wake of waiters) wake();
    },
    count: (key: string) => arrivals.get(key)?.length ?? 0,
    /** The first reply for each key, once every key has one. */
    waitFor(keys: string[], timeoutMs: number): Promise<Arrival[]> {
      return new Promise((resolveAll, reject) => {
        const check = () => {
          if (!keys.every((k) => arrivals.has(k))) return false;
          waiters.delete(check);
          clearTimeout(timer);
          resolveAll(keys.map((k) => arrivals.get(k)![0]!));
          return true;
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`burst bench: ${keys.filter((k) => !arrivals.has(k)).length} of ${keys.length} got no reply within ${timeoutMs} ms`));
        }, timeoutMs);
        if (!check()) waiters.add(check);
      });
    },
  };
}

/** Slack's Web API (/api/...) and Teams' Bot Connector (/teams/v3/...) on one local port. */
async function startFakeUpstream(): Promise<{ server: Server; url: string; slack: ReturnType<typeof arrivalBook>; teams: ReturnType<typeof arrivalBook> }> {
  const slack = arrivalBook();
  const teams = arrivalBook();
  let replies = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const at = performance.now();
      const path = (req.url ?? "").split("?")[0]!;
      const text = Buffer.concat(chunks).toString("utf8");
      res.writeHead(200, { "content-type": "application/json" });
      if (path === "/api/auth.test") return res.end(JSON.stringify({ ok: true, user_id: BOT_USER_ID, bot_id: "BBURST", team_id: "T1" }));
      if (path === "/api/chat.postMessage") {
        const fields = text.startsWith("{") ? (JSON.parse(text) as Record<string, string>) : Object.fromEntries(new URLSearchParams(text));
        slack.add({ key: String(fields.thread_ts ?? ""), at, text: String(fields.text ?? "") });
        replies += 1;
        return res.end(JSON.stringify({ ok: true, channel: fields.channel, ts: `1700999999.${String(replies).padStart(6, "0")}` }));
      }
      const teamsReply = /^\/teams\/v3\/conversations\/([^/]+)\/activities/.exec(path);
      if (teamsReply) {
        const activity = JSON.parse(text || "{}") as { type?: string; text?: string };
        if (activity.type === "message") teams.add({ key: decodeURIComponent(teamsReply[1]!), at, text: String(activity.text ?? "") });
        replies += 1;
        return res.end(JSON.stringify({ id: `burst-reply-${replies}` }));
      }
      res.end(JSON.stringify({ ok: true }));
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, slack, teams };
}

interface ProbeReport {
  eventLoopMaxMs: number;
  eventLoopP99Ms: number;
  eventLoopMeanMs: number;
  rssMb: number;
  peakRssMb: number;
}

/** `node --import tsx bot/app/serve.ts`, as `npm run serve` runs it, with the probe preloaded. */
async function startServe(upstreamUrl: string, signingSecret: string, options: BurstBenchOptions) {
  const child: ChildProcess = spawn(process.execPath, [...(options.serveNodeArgs ?? []), "--import", "tsx", "--import", PROBE, "bot/app/serve.ts"], {
    cwd: REPO,
    env: {
      ...process.env,
      PORT: "0",
      LOG_LEVEL: "info",
      LANCEDB_URI: options.lancedbUri,
      EMBEDDER: "use",
      EMBED_WORKERS: options.embedWorkers ?? "",
      OPENAI_API_KEY: "",
      SLACK_BOT_TOKEN: "xoxb-burst-bench-not-a-real-token",
      SLACK_SIGNING_SECRET: signingSecret,
      SLACK_APP_TOKEN: "",
      SLACK_API_URL: `${upstreamUrl}/api/`,
      MicrosoftAppId: "",
      MicrosoftAppPassword: "",
      TEAMS_LOCAL_DEV_NO_AUTH: "true",
    },
    stdio: ["ignore", "ignore", "pipe", "ipc"],
  });
  let port: number | undefined;
  let embedWorkers = 0;
  let errors = 0;
  let pending = "";
  const tail: string[] = [];
  const listening = new Promise<void>((ready, fail) => {
    // Read every line: stderr is a pipe, and a full pipe would stall the server's logging.
    child.stderr!.on("data", (chunk: Buffer) => {
      pending += chunk.toString("utf8");
      const lines = pending.split("\n");
      pending = lines.pop()!;
      for (const line of lines) {
        tail.push(line);
        if (tail.length > 20) tail.shift();
        let entry: { event?: string; port?: number; workers?: number; level?: number };
        try {
          entry = JSON.parse(line) as typeof entry;
        } catch {
          continue;
        }
        if ((entry.level ?? 0) >= 50) errors += 1;
        if (entry.event === "embed_workers_started") embedWorkers = entry.workers ?? 0;
        if (entry.event === "server_listening" && port === undefined) {
          port = entry.port;
          ready();
        }
      }
    });
    child.once("exit", (code) => fail(new Error(`burst bench: the server exited (${code}) before listening:\n${tail.join("\n")}`)));
  });
  const timeout = setTimeout(() => child.kill("SIGKILL"), 120_000);
  await listening.finally(() => clearTimeout(timeout));
  const reports: Array<(message: { type: string } & Partial<ProbeReport>) => void> = [];
  child.on("message", (message: { type: string } & Partial<ProbeReport>) => reports.shift()?.(message));
  return {
    url: `http://127.0.0.1:${port}`,
    embedWorkers,
    errorLines: () => errors,
    probe(type: "reset" | "report"): Promise<ProbeReport> {
      return new Promise((answer) => {
        reports.push((message) => answer(message as ProbeReport));
        child.send({ type });
      });
    },
    /** SIGTERM, then the time until the process has exited (SIGKILL after 40 s). */
    async stop(): Promise<number> {
      if (child.exitCode !== null) return 0;
      const started = performance.now();
      const exited = once(child, "exit");
      child.kill("SIGTERM");
      const killer = setTimeout(() => child.kill("SIGKILL"), 40_000);
      await exited;
      clearTimeout(killer);
      return Math.round(performance.now() - started);
    },
  };
}

/** /healthz fetched every 25 ms until stopped; each fetch's latency. */
function pollHealthz(url: string): { stop(): Promise<number[]> } {
  const latencies: number[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const started = performance.now();
      const res = await fetch(url);
      await res.arrayBuffer();
      latencies.push(performance.now() - started);
      await new Promise((r) => setTimeout(r, 25));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return latencies;
    },
  };
}

// Standalone: `tsx bench/burst-bench.ts [--embed-workers N] [--cpu-prof-dir DIR]` against the
// index at LANCEDB_URI (default data/lancedb); run-bench.ts calls benchBurst with the index it
// has just built.
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const arg = (name: string) => {
    const at = process.argv.indexOf(name);
    return at > 0 ? process.argv[at + 1] : undefined;
  };
  const profileDir = arg("--cpu-prof-dir");
  const results = await benchBurst({
    lancedbUri: process.env.LANCEDB_URI ?? "data/lancedb",
    embedWorkers: arg("--embed-workers"),
    serveNodeArgs: profileDir ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : [],
  });
  Object.assign(results, await benchSlackIntake());
  process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
}
