// What the benches that drive the real server share (burst-bench.ts, replicas-bench.ts):
// `npm run serve`'s entry started in a process of its own with the event-loop probe
// preloaded; Slack's Web API and Teams' Bot Connector faked on 127.0.0.1, recording every
// reply by key; correctly signed app_mention events; and a load generator on a worker thread
// of its own that sends requests all at once or paced, to one server or round-robin to several.
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { signedSlackHeaders } from "../bot/surfaces/slack/sign-slack-request.js";

export const REPO = fileURLToPath(new URL("..", import.meta.url));
const PROBE = new URL("./event-loop-probe.mjs", import.meta.url).href;
export const BOT_USER_ID = "UBURSTBOT";

export interface Arrival {
  key: string;
  /** performance.now() on the bench's main thread when the reply reached the fake API. */
  at: number;
  text: string;
}

export interface SentRequest {
  body: string;
  headers: Record<string, string>;
}

export interface Ack {
  /** Time to the response headers. */
  ms: number;
  status: number;
  /** When the request was sent, on the main thread's performance.now() clock. */
  sentAt: number;
}

/** Two decimals; NaN when nothing was measured. */
export function round(ms: number | null): number {
  return ms === null || !Number.isFinite(ms) ? Number.NaN : Math.round(ms * 100) / 100;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The load generator on a worker thread of its own, as Slack and Teams send from their own
 * machines: the bench's thread (which also plays the Web API and the Connector) never delays
 * a request or an ack. send() fires every request at once (or request i at i × intervalMs),
 * request i to urls[i % urls.length], and gives each one's time to its response headers,
 * its status and when it was sent.
 */
export function startSender(): { send(urls: string | string[], requests: SentRequest[], options?: { intervalMs?: number }): Promise<Ack[]>; close(): Promise<void> } {
  const worker = new Worker(SENDER_SOURCE, { eval: true });
  let next = 0;
  const waiting = new Map<number, { done: (acks: Ack[]) => void; fail: (error: Error) => void }>();
  worker.on("message", (message: { id: number; acks?: Ack[]; error?: string }) => {
    const waiter = waiting.get(message.id);
    waiting.delete(message.id);
    if (message.error) waiter?.fail(new Error(`bench sender: ${message.error}`));
    // The worker's clock has its own origin: both are shifted to this thread's performance.now().
    else waiter?.done(message.acks!.map((a) => ({ ...a, sentAt: a.sentAt - performance.timeOrigin })));
  });
  worker.on("error", (error: Error) => {
    for (const waiter of waiting.values()) waiter.fail(error);
    waiting.clear();
  });
  return {
    send(urls, requests, options = {}) {
      const id = (next += 1);
      return new Promise((done, fail) => {
        waiting.set(id, { done, fail });
        worker.postMessage({ id, urls: typeof urls === "string" ? [urls] : urls, requests, intervalMs: options.intervalMs ?? 0 });
      });
    },
    close: async () => void (await worker.terminate()),
  };
}

// Raw sockets, not fetch: undici's own cost on these 2 cores (about 0.6 ms a request on the
// sender's thread) put 60-120 ms into the p95 of 100 requests at once against a server that
// answers 200 and does nothing else; a pre-serialised request on a fresh connection puts
// 25-45 ms. Each request is timed from connect to its response's status line and headers,
// which is what Slack's 3-second clock measures.
const SENDER_SOURCE = `
const { parentPort } = require("node:worker_threads");
const net = require("node:net");
const wireOf = (url, { body, headers }) => {
  const payload = Buffer.from(body);
  const lines = ["POST " + url.pathname + url.search + " HTTP/1.1", "host: " + url.host, "content-length: " + payload.length, "connection: close"];
  for (const [name, value] of Object.entries(headers)) lines.push(name + ": " + value);
  return Buffer.concat([Buffer.from(lines.join("\\r\\n") + "\\r\\n\\r\\n"), payload]);
};
const fire = (url, wire) =>
  new Promise((done, fail) => {
    const started = performance.now();
    let head = "";
    const socket = net.connect(Number(url.port), url.hostname, () => socket.write(wire));
    socket.on("data", (chunk) => {
      if (head === null) return;
      head += chunk.toString("latin1");
      if (!head.includes("\\r\\n\\r\\n")) return;
      const ms = performance.now() - started;
      const status = Number(head.slice(9, 12));
      head = null;
      socket.destroy();
      done({ ms, status, sentAt: performance.timeOrigin + started });
    });
    socket.on("error", (error) => head !== null && fail(error));
    socket.on("close", () => head !== null && fail(new Error("connection closed before a response")));
  });
parentPort.on("message", ({ id, urls, requests, intervalMs }) => {
  const start = performance.now();
  const targets = urls.map((u) => new URL(u));
  const wires = requests.map((request, i) => wireOf(targets[i % targets.length], request));
  const send = (wire, i) => fire(targets[i % targets.length], wire);
  const paced = (wire, i) =>
    intervalMs > 0
      ? new Promise((r) => setTimeout(r, Math.max(0, start + i * intervalMs - performance.now()))).then(() => send(wire, i))
      : send(wire, i);
  Promise.all(wires.map(paced)).then(
    (acks) => parentPort.postMessage({ id, acks }),
    (error) => parentPort.postMessage({ id, error: String((error && error.message) || error) }),
  );
});
`;

/** Signed app_mention events for one signing secret. */
export function slackSender(signingSecret: string) {
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
  /** An app_mention event, signed as Slack signs it, for the sender thread; `retryNum` makes it Slack's redelivery. */
  const signed = (eventId: string, ts: string, text: string, retryNum?: number): SentRequest => {
    const body = bodyOf(eventId, ts, text);
    const retry: Record<string, string> = retryNum !== undefined ? { "x-slack-retry-num": String(retryNum), "x-slack-retry-reason": "http_timeout" } : {};
    return { body, headers: { ...signedSlackHeaders(signingSecret, body), ...retry } };
  };
  /** One event from this thread (the warm-up), awaited. */
  const send = async (eventsUrl: string, eventId: string, ts: string, text: string) => {
    const { body, headers } = signed(eventId, ts, text);
    const res = await fetch(eventsUrl, { method: "POST", headers, body });
    await res.arrayBuffer();
    return res.status;
  };
  return { signed, send };
}

export type SlackSender = ReturnType<typeof slackSender>;

/** Replies recorded by key (Slack: thread_ts; Teams: conversation id), with a wait for a set of keys. */
export function arrivalBook() {
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
          reject(new Error(`bench: ${keys.filter((k) => !arrivals.has(k)).length} of ${keys.length} got no reply within ${timeoutMs} ms`));
        }, timeoutMs);
        if (!check()) waiters.add(check);
      });
    },
  };
}

export interface FakeUpstream {
  server: Server;
  url: string;
  slack: ReturnType<typeof arrivalBook>;
  teams: ReturnType<typeof arrivalBook>;
  close(): Promise<void>;
}

/** Slack's Web API (/api/...) and Teams' Bot Connector (/teams/v3/...) on one local port. */
export async function startFakeUpstream(): Promise<FakeUpstream> {
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
  return {
    server,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    slack,
    teams,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

export interface ProbeReport {
  eventLoopMaxMs: number;
  eventLoopP99Ms: number;
  eventLoopMeanMs: number;
  /** Each POST in the window, from this process accepting its connection to its response written; null for none. */
  serverPostP50Ms: number | null;
  serverPostP95Ms: number | null;
  serverPostMaxMs: number | null;
  rssMb: number;
  peakRssMb: number;
}

export interface ServeOptions {
  upstreamUrl: string;
  signingSecret: string;
  /** The index the server answers from. */
  lancedbUri: string;
  /** ANSWER_WORKERS (formerly EMBED_WORKERS); empty for the server's default. */
  embedWorkers?: string;
  /** EMBEDDER (default "use", the shipped model). */
  embedder?: string;
  /** REDIS_URL; empty (the default) keeps shared state in the process's memory. */
  redisUrl?: string;
  /** Extra node options, e.g. ["--cpu-prof", "--cpu-prof-dir=/tmp/prof"]. */
  serveNodeArgs?: string[];
}

export type RunningServe = Awaited<ReturnType<typeof startServe>>;

/** `node --import tsx bot/app/serve.ts`, as `npm run serve` runs it, with the probe preloaded. */
export async function startServe(options: ServeOptions) {
  const child: ChildProcess = spawn(process.execPath, [...(options.serveNodeArgs ?? []), "--import", "tsx", "--import", PROBE, "bot/app/serve.ts"], {
    cwd: REPO,
    env: {
      ...process.env,
      PORT: "0",
      LOG_LEVEL: "info",
      LANCEDB_URI: options.lancedbUri,
      EMBEDDER: options.embedder ?? "use",
      EMBED_WORKERS: options.embedWorkers ?? "",
      ANSWER_WORKERS: options.embedWorkers ?? "",
      OPENAI_API_KEY: "",
      REDIS_URL: options.redisUrl ?? "",
      SLACK_BOT_TOKEN: "xoxb-burst-bench-not-a-real-token",
      SLACK_SIGNING_SECRET: options.signingSecret,
      SLACK_APP_TOKEN: "",
      SLACK_API_URL: `${options.upstreamUrl}/api/`,
      MicrosoftAppId: "",
      MicrosoftAppPassword: "",
      TEAMS_LOCAL_DEV_NO_AUTH: "true",
    },
    stdio: ["ignore", "ignore", "pipe", "ipc"],
  });
  let port: number | undefined;
  let embedWorkers = 0;
  let errors = 0;
  const events = new Map<string, number>();
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
        if (entry.event) events.set(entry.event, (events.get(entry.event) ?? 0) + 1);
        // Answer workers (each with its embedder) or, before them, embedding workers.
        if (entry.event === "answer_workers_started" || (entry.event === "embed_workers_started" && !events.has("answer_workers_started"))) embedWorkers = entry.workers ?? 0;
        if (entry.event === "server_listening" && port === undefined) {
          port = entry.port;
          ready();
        }
      }
    });
    child.once("exit", (code) => fail(new Error(`bench: the server exited (${code}) before listening:\n${tail.join("\n")}`)));
  });
  const timeout = setTimeout(() => child.kill("SIGKILL"), 120_000);
  await listening.finally(() => clearTimeout(timeout));
  const reports: Array<(message: { type: string } & Partial<ProbeReport>) => void> = [];
  child.on("message", (message: { type: string } & Partial<ProbeReport>) => reports.shift()?.(message));
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    eventsUrl: `${url}/slack/events`,
    /** Worker threads the server reported (answer workers start after it listens: read this after the warm-up). */
    get embedWorkers() {
      return embedWorkers;
    },
    errorLines: () => errors,
    /** How many log lines carried `"event": name` so far. */
    logEvents: (name: string) => events.get(name) ?? 0,
    /** Resolves once /readyz answers 200 (the server can answer), failing after `timeoutMs`. */
    async ready(timeoutMs = 120_000): Promise<void> {
      const deadline = Date.now() + timeoutMs;
      while ((await fetch(`${url}/readyz`).then((r) => r.status, () => 0)) !== 200) {
        if (child.exitCode !== null || Date.now() > deadline) throw new Error(`bench: the server at ${url} was not ready within ${timeoutMs} ms:\n${tail.join("\n")}`);
        await sleep(100);
      }
    },
    /** /healthz as JSON. */
    health: async (): Promise<{ status: string; sharedState?: { state: string; mode?: string }; surfaces?: Record<string, { state: string }> }> =>
      (await (await fetch(`${url}/healthz`)).json()) as never,
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

/**
 * Mentions sent one at a time to `eventsUrl` until `count` have been answered (the server's
 * Slack surface may still be connecting, and first questions pay for lazy set-up). Event ids
 * and message ts are made from `tsPrefix` (ten digits), so they never meet another run's.
 */
export async function warmUp(slack: SlackSender, upstream: FakeUpstream, eventsUrl: string, count: number, tsPrefix: string, question: (i: number) => string): Promise<void> {
  for (let i = 0, answered = 0; answered < count; i += 1) {
    if (i > count + 20) throw new Error(`bench: the server at ${eventsUrl} did not answer the warm-up mentions`);
    const ts = `${tsPrefix}.${String(i).padStart(6, "0")}`;
    await slack.send(eventsUrl, `EvWarm${tsPrefix}x${i}`, ts, question(i));
    if (await upstream.slack.waitFor([ts], 10_000).then(() => true, () => false)) answered += 1;
  }
}
