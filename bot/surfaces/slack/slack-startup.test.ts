// Start-up never waits on Slack: with the Web API refusing connections, answering 5xx or
// never answering, the server listens at once, /healthz says `starting` then `degraded`,
// each auth.test attempt is one clear log line, and the surface becomes `ok` by itself when
// the Web API comes back.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../platform/config.js";
import { createLogger } from "../../platform/logger.js";
import { createSlackMount } from "./slack-app.js";
import { fakePracticeGuide } from "../../testing/fake-practice-guide.js";
import { startHangingServer, type HangingServer } from "../../testing/hanging-server.js";
import { BOT_USER_ID, startSlackHarness, type SlackHarness } from "../../testing/slack-harness.js";

let harness: SlackHarness | undefined;
let api: FakeWebApi | undefined;
let hanging: HangingServer | undefined;
afterEach(async () => {
  await harness?.close();
  await api?.close();
  await hanging?.close();
  harness = api = hanging = undefined;
});

const FAST = { quickRetryDelaysMs: [20, 20], slowRetryMs: 100 };

interface FakeWebApi {
  url: string;
  /** Status the next auth.test gets; 200 answers ok. */
  status: number;
  calls: string[];
  close(): Promise<void>;
}

/** A Web API on 127.0.0.1 whose health the test switches. */
async function startFakeWebApi(status: number): Promise<FakeWebApi> {
  const handle: FakeWebApi = { url: "", status, calls: [], close: async () => {} };
  const server: Server = createServer((req, res) => {
    const method = (req.url ?? "").replace(/^\/api\//, "");
    handle.calls.push(method);
    req.resume();
    if (handle.status !== 200) {
      res.writeHead(handle.status).end("upstream unavailable");
      return;
    }
    const body =
      method === "auth.test" ? { ok: true, user_id: BOT_USER_ID, bot_id: "BBOT", team_id: "T1" } : { ok: true, channel: "C1", ts: "1700009999.000001" };
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  handle.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`;
  handle.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return handle;
}

/** A port on 127.0.0.1 where nothing listens. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function health(h: SlackHarness): Promise<{ status: number; body: Record<string, any> }> {
  const res = await fetch(`${h.running.url}/healthz`);
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

describe("Slack start-up with the Web API unreachable", () => {
  it("listens at once, logs each attempt with the URL and reason, and goes from starting to degraded", async () => {
    const url = `http://127.0.0.1:${await closedPort()}/api/`;
    const began = Date.now();
    harness = await startSlackHarness({ guide: fakePracticeGuide(), env: { SLACK_API_URL: url }, identityRetry: FAST, waitForSlack: false });
    const first = await health(harness);
    expect(Date.now() - began).toBeLessThan(2_000);
    expect(first.status).toBe(200);
    expect(first.body.ready).toBe(true);
    expect(["starting", "degraded"]).toContain(first.body.surfaces.slack.state);

    await harness.waitFor(() => harness!.running.mounts[0]!.health().state === "degraded", "degraded");
    const later = await health(harness);
    expect(later.body.surfaces.slack).toEqual({ state: "degraded", mode: "http", detail: "connection refused (ECONNREFUSED)" });

    const waiting = harness.logs.filter((l) => l.event === "slack_api_waiting");
    expect(waiting.length).toBeGreaterThanOrEqual(3);
    expect(waiting[0]!.msg).toBe(`waiting for the Slack Web API at ${url} (attempt 1): connection refused (ECONNREFUSED)`);
    expect(waiting.map((l) => l.attempt).slice(0, 3)).toEqual([1, 2, 3]);
    expect(harness.logs.filter((l) => l.event === "slack_degraded")).toHaveLength(1);
    // The library's own "http request failed" lines stay at debug: one warn line per attempt.
    expect(harness.logs.filter((l) => l.level >= 40 && /http request failed/.test(String(l.msg)))).toEqual([]);
  });

  it("turns a signed event away with 503 (so Slack redelivers it) until auth.test answers, then answers", async () => {
    api = await startFakeWebApi(503);
    const guide = fakePracticeGuide();
    harness = await startSlackHarness({ guide, env: { SLACK_API_URL: api.url }, identityRetry: FAST, waitForSlack: false });
    await harness.waitFor(() => harness!.running.mounts[0]!.health().state === "degraded", "degraded");
    expect((await health(harness)).body.surfaces.slack.detail).toBe("HTTP 503");
    expect(harness.logs.find((l) => l.event === "slack_api_waiting")?.reason).toBe("HTTP 503");

    const mention = { type: "app_mention", user: "U1", text: `<@${BOT_USER_ID}> How do we build trust?`, ts: "1700006000.000100", channel: "C1" };
    const early = await harness.sendEvent(mention, { eventId: "EvEARLY" });
    expect(early.status).toBe(503);
    expect(early.headers.get("retry-after")).toBe("60");
    expect(guide.calls).toHaveLength(0);

    // URL verification needs no identity: setting up the Request URL works during an outage.
    const challenge = await harness.sendRaw(JSON.stringify({ type: "url_verification", challenge: "c-123", token: "t" }));
    expect(challenge.status).toBe(200);
    expect(await challenge.json()).toEqual({ challenge: "c-123" });

    api.status = 200;
    await harness.waitFor(() => harness!.running.mounts[0]!.health().state === "ok", "ok after the Web API came back", 3_000);
    expect((await health(harness)).body.surfaces.slack).toEqual({ state: "ok", mode: "http" });
    expect(harness.logs.filter((l) => l.event === "slack_api_ready")).toHaveLength(1);

    const redelivered = await harness.sendEvent(mention, { eventId: "EvEARLY", retryNum: 1 });
    expect(redelivered.status).toBe(200);
    await harness.waitFor(() => api!.calls.includes("chat.postMessage"), "the reply");
    expect(guide.calls).toHaveLength(1);
  });

  it("gives up on an auth.test that never answers after SLACK_API_TIMEOUT_MS, and says so", async () => {
    hanging = await startHangingServer();
    const url = hanging.baseURL.replace(/\/v1$/, "/api/");
    harness = await startSlackHarness({ guide: fakePracticeGuide(), env: { SLACK_API_URL: url, SLACK_API_TIMEOUT_MS: "500" }, identityRetry: FAST, waitForSlack: false });
    expect((await health(harness)).body.surfaces.slack.state).toBe("starting");
    await harness.waitFor(() => harness!.logs.some((l) => l.event === "slack_api_waiting"), "the first attempt to time out", 3_000);
    const line = harness.logs.find((l) => l.event === "slack_api_waiting")!;
    expect(line.msg).toBe(`waiting for the Slack Web API at ${url} (attempt 1): no answer within 500 ms`);
  });

  it("a token Slack refuses is degraded at once, with one error line naming the reason", async () => {
    const refusing = createServer((req, res) => {
      req.resume();
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ ok: false, error: "invalid_auth" }));
    });
    await new Promise<void>((resolve) => refusing.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(refusing.address() as AddressInfo).port}/api/`;
    try {
      harness = await startSlackHarness({ guide: fakePracticeGuide(), env: { SLACK_API_URL: url }, identityRetry: { quickRetryDelaysMs: [5_000], slowRetryMs: 5_000 }, waitForSlack: false });
      await harness.waitFor(() => harness!.running.mounts[0]!.health().state === "degraded", "degraded");
      expect(harness.running.mounts[0]!.health().detail).toBe("Slack answered invalid_auth");
      const refused = harness.logs.filter((l) => l.event === "slack_token_refused");
      expect(refused).toHaveLength(1);
      expect(refused[0]!.level).toBe(50);
      expect(harness.rawLogs()).not.toContain("xoxb-");
    } finally {
      await harness?.close();
      harness = undefined;
      refusing.closeAllConnections();
      await new Promise<void>((resolve) => refusing.close(() => resolve()));
    }
  });

  it("Socket Mode starts at once too, and reports starting, then degraded, without connecting", async () => {
    const url = `http://127.0.0.1:${await closedPort()}/api/`;
    const config = loadConfig({ SLACK_BOT_TOKEN: "xoxb-socket-test", SLACK_APP_TOKEN: "xapp-socket-test", SLACK_API_URL: url });
    const mount = createSlackMount({ slack: config.slack, guide: fakePracticeGuide(), logger: createLogger("silent"), identityRetry: FAST, clientOptions: { retryConfig: { retries: 0 } } });
    const began = Date.now();
    await mount.start();
    expect(Date.now() - began).toBeLessThan(100);
    expect(mount.health()).toMatchObject({ state: "starting", mode: "socket" });
    const deadline = Date.now() + 5_000;
    while (mount.health().state !== "degraded" && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(mount.health()).toEqual({ state: "degraded", mode: "socket", detail: "connection refused (ECONNREFUSED)" });
    await mount.stop();
  });
});
