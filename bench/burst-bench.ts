// Bursts against the real server: `npm run serve`'s entry (bot/app/serve.ts) in a process of
// its own, with Slack's Web API and Teams' Bot Connector faked on 127.0.0.1. 100 correctly
// signed app_mention events sent at once: ack p50/p95/max, every event answered exactly once,
// time to the last reply, the server's event-loop max delay during the burst and its own part
// of each ack (from accepting the connection to writing the response; both measured inside it
// by event-loop-probe.mjs) and /healthz latency; then 50 Teams messages at once: reply p95;
// the server's memory with its configured embedding pool; and how long SIGTERM takes to stop
// it. Teams runs with TEAMS_LOCAL_DEV_NO_AUTH, the switch the Teams tests use, so no Microsoft
// token is checked or fetched (a real deployment checks one per request). benchSlackIntake
// measures the Slack surface's own floor: the same burst with every answer held back;
// benchSenderFloor, the load generator's own share of an ack. The
// server's process, the fakes, the signed mentions and the sender thread are serve-harness.ts,
// shared with replicas-bench.ts.
import { randomBytes } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { resolve } from "node:path";
import { APOLOGY_TEXT } from "../bot/core/wording.js";
import { loadConfig } from "../bot/platform/config.js";
import { InFlightWork } from "../bot/platform/in-flight-work.js";
import { createLogger } from "../bot/platform/logger.js";
import { startServer } from "../bot/surfaces/http/server.js";
import { createSlackMount } from "../bot/surfaces/slack/slack-app.js";
import { answeredAnswer, fakePracticeGuide } from "../bot/testing/fake-practice-guide.js";
import { loadGoldenSet } from "../evals/golden-set.js";
import { percentile } from "../evals/metrics.js";
import { REPO, round, slackSender, startFakeUpstream, startSender, startServe, warmUp } from "./serve-harness.js";

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

const TEAMS_BOT = { id: "28:practice-guide-bot", name: "Practice Guide" };

export async function benchBurst(options: BurstBenchOptions): Promise<Record<string, number>> {
  const slackEvents = options.slackEvents ?? 100;
  const teamsMessages = options.teamsMessages ?? 50;
  const replyTimeoutMs = options.replyTimeoutMs ?? 60_000;
  const questions = (await loadGoldenSet(resolve(REPO, "evals/golden.jsonl"))).map((c) => c.q);
  const question = (i: number) => questions[i % questions.length]!;
  const signingSecret = randomBytes(16).toString("hex");
  const upstream = await startFakeUpstream();
  const sender = startSender();
  const server = await startServe({ ...options, upstreamUrl: upstream.url, signingSecret }).catch(async (error: unknown) => {
    await sender.close();
    await upstream.close();
    throw error;
  });
  const results: Record<string, number> = {};
  try {
    const slack = slackSender(signingSecret);

    // --- Warm-up: one at a time, until the server answers (its Slack surface may still be connecting). ---
    const warmups = options.warmupEvents ?? 5;
    await warmUp(slack, upstream, server.eventsUrl, warmups, "1700200000", question);
    results.serve_embed_workers = server.embedWorkers;

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
      // The server's own part: from accepting each connection to writing its ack.
      slack_burst_server_ack_p50_ms: round(intakeLoop.serverPostP50Ms),
      slack_burst_server_ack_p95_ms: round(intakeLoop.serverPostP95Ms),
      slack_burst_server_ack_max_ms: round(intakeLoop.serverPostMaxMs),
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
    await upstream.close();
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
    const slack = slackSender(signingSecret);
    for (let i = 0; i < 20; i += 1) await slack.send(`${running.url}/slack/events`, `EvIntakeWarm${i}`, `1700500000.${String(i).padStart(6, "0")}`, "warming up");
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
    await upstream.close();
  }
}

/**
 * What the load generator itself puts into an ack: the same burst against a server that reads
 * each body and answers 200, nothing else. Every ack figure above includes this much, since
 * the sender shares the machine's two cores with the server (Slack's senders do not).
 */
export async function benchSenderFloor(events = 100): Promise<Record<string, number>> {
  const server = createServer((req, res) => {
    req.resume();
    req.on("end", () => res.writeHead(200).end());
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
  const sender = startSender();
  try {
    const slack = slackSender(randomBytes(16).toString("hex"));
    const burst = (round: number) => Array.from({ length: events }, (_, i) => slack.signed(`EvFloor${round}-${i}`, `1700700000.${String(i).padStart(6, "0")}`, "a question"));
    await sender.send(url, burst(0)); // the first burst pays for the sender's own warm-up
    const acks = await sender.send(url, burst(1));
    return {
      sender_floor_ack_p50_ms: round(percentile(acks.map((a) => a.ms), 50)),
      sender_floor_ack_p95_ms: round(percentile(acks.map((a) => a.ms), 95)),
      sender_floor_acks_not_200: acks.filter((a) => a.status !== 200).length,
    };
  } finally {
    await sender.close();
    await new Promise((r) => server.close(r));
  }
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
  Object.assign(results, await benchSlackIntake(), await benchSenderFloor());
  process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
}
