// Two `npm run serve` processes sharing one real Redis (redis-server on a loopback port), as
// two replicas behind a load balancer: a signed Slack mention to A and Slack's retry of it to
// B get one answer; with Redis stopped both keep answering, /healthz says degraded, and after
// Redis returns it says ok and the claims are shared again; /metrics counts the answers. The
// Slack Web API is a fake on 127.0.0.1; full-text index in a temporary folder.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signedSlackHeaders } from "../surfaces/slack/sign-slack-request.js";
import { REDIS_MISSING, REDIS_SERVER, TestRedisServer } from "../testing/redis-server.js";
import { serveTestEnv, watchSpawnedServer } from "../testing/spawned-server.js";

if (!REDIS_SERVER) console.warn(REDIS_MISSING);

const REPO = path.resolve(import.meta.dirname, "../..");
const SECRET = "replica-test-signing-secret";

interface Replica {
  child: ChildProcess;
  base: string;
  stderr: () => string;
}

describe.skipIf(!REDIS_SERVER)("two serve processes sharing Redis", () => {
  const lanceDir = mkdtempSync(path.join(tmpdir(), "pg-replicas-"));
  const posts: Array<Record<string, unknown>> = [];
  let api: Server;
  let redis: TestRedisServer;
  const replicas: Replica[] = [];

  async function startReplica(apiUrl: string): Promise<Replica> {
    const child = spawn("npm", ["run", "-s", "serve"], {
      cwd: REPO,
      env: serveTestEnv({ lancedbUri: lanceDir, slackBotToken: "xoxb-replica-test", signingSecret: SECRET, slackApiUrl: apiUrl }, { REDIS_URL: redis.url, REDIS_TIMEOUT_MS: "300" }),
      stdio: ["ignore", "pipe", "pipe"],
    });
    const server = watchSpawnedServer(child);
    const port = await server.port;
    const replica = { child, base: `http://127.0.0.1:${port}`, stderr: () => server.output() };
    await until(async () => {
      const h = await health(replica);
      return h.surfaces.slack?.state === "ok" && h.sharedState.state === "ok";
    }, 15_000);
    // Ready means its answer workers have opened the guide: under a loaded CI machine that
    // can take longer than the first answer's wait below, which is about claims, not start-up.
    await until(async () => (await fetch(`${replica.base}/readyz`)).status === 200, 60_000);
    return replica;
  }

  beforeAll(async () => {
    redis = await TestRedisServer.start();
    api = createServer((req, res) => {
      let body = "";
      req.on("data", (c) => (body += String(c)));
      req.on("end", () => {
        const method = (req.url ?? "").replace(/^\/api\//, "");
        let reply: Record<string, unknown> = { ok: true };
        if (method === "auth.test") reply = { ok: true, user_id: "UBOT", bot_id: "BBOT", team_id: "T1" };
        if (method === "chat.postMessage") {
          posts.push(Object.fromEntries(new URLSearchParams(body)));
          reply = { ok: true, channel: "C1", ts: `1700009999.${String(posts.length).padStart(6, "0")}` };
        }
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(reply));
      });
    });
    await new Promise<void>((resolve) => api.listen(0, "127.0.0.1", () => resolve()));
    const apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}/api/`;
    // One after the other: the first builds the index the second opens.
    replicas.push(await startReplica(apiUrl));
    replicas.push(await startReplica(apiUrl));
  }, 180_000);

  afterAll(async () => {
    for (const r of replicas) {
      if (r.child.exitCode !== null) continue;
      const exited = new Promise((resolve) => r.child.once("exit", resolve));
      r.child.kill("SIGTERM");
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 15_000))]);
      if (r.child.exitCode === null) r.child.kill("SIGKILL");
    }
    await new Promise<void>((resolve) => api?.close(() => resolve()));
    await redis?.stop();
    rmSync(lanceDir, { recursive: true, force: true });
  });

  const mention = (replica: Replica, ts: string, eventId: string, retryNum?: number) => {
    const body = JSON.stringify({
      token: "legacy",
      team_id: "T1",
      api_app_id: "A1",
      type: "event_callback",
      event_id: eventId,
      event_time: Math.floor(Date.now() / 1000),
      authorizations: [{ team_id: "T1", user_id: "UBOT", is_bot: true, is_enterprise_install: false }],
      event: { type: "app_mention", user: "U1", text: "<@UBOT> how do we build trust with residents?", ts, event_ts: ts, channel: "C1" },
    });
    const retry: Record<string, string> = retryNum !== undefined ? { "x-slack-retry-num": String(retryNum), "x-slack-retry-reason": "http_timeout" } : {};
    return fetch(`${replica.base}/slack/events`, { method: "POST", headers: { ...signedSlackHeaders(SECRET, body), ...retry }, body });
  };

  it("answers a mention once when Slack's retry reaches the other replica", { timeout: 30_000 }, async () => {
    const [a, b] = replicas as [Replica, Replica];
    expect((await mention(a, "1700001000.000100", "EvReplicas1")).status).toBe(200);
    await until(() => posts.length === 1, 20_000);
    expect((await mention(b, "1700001000.000100", "EvReplicas1", 1)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(posts).toHaveLength(1);
    expect(posts[0]!.thread_ts).toBe("1700001000.000100");
  });

  it("keeps answering with Redis down (health degraded), and shares claims again once it returns", { timeout: 60_000 }, async () => {
    const [a, b] = replicas as [Replica, Replica];
    await redis.stop();
    const before = posts.length;
    expect((await mention(a, "1700001100.000100", "EvReplicas2")).status).toBe(200);
    await until(() => posts.length === before + 1, 20_000);
    await until(async () => (await health(a)).sharedState.state === "degraded", 10_000);
    const degraded = await health(a);
    expect(degraded.status).toBe("degraded");
    expect(a.stderr().split("\n").filter((l) => l.includes('"event":"shared_state_degraded"'))).toHaveLength(1);

    await redis.start();
    await until(async () => (await health(a)).sharedState.state === "ok" && (await health(b)).sharedState.state === "ok", 20_000);
    expect((await health(a)).status).toBe("ok");
    const after = posts.length;
    await mention(b, "1700001200.000100", "EvReplicas3");
    await until(() => posts.length === after + 1, 20_000);
    await mention(a, "1700001200.000100", "EvReplicas3", 1);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(posts).toHaveLength(after + 1);

    const metrics = await (await fetch(`${a.base}/metrics`)).text();
    expect(metrics).toMatch(/practice_guide_answers_total\{surface="slack",status="(answered|refused)",mode="extractive"\} [1-9]/);
    expect(metrics).toMatch(/practice_guide_redelivery_duplicates_dropped_total\{kind="slack_event"\} [1-9]/);
  });
});

async function health(replica: Replica): Promise<{ status: string; sharedState: { state: string }; surfaces: Record<string, { state: string }> }> {
  return (await (await fetch(`${replica.base}/healthz`)).json()) as never;
}

async function until(check: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
