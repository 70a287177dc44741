// startServer (bot/surfaces/http/server.ts): one port for /healthz and every mounted surface; Slack off
// without credentials; graceful shutdown that lets answers in flight finish.
import { afterEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../platform/config.js";
import { createLogger } from "../../platform/logger.js";
import { createSlackAdapter, slackModeFor } from "./slack-app.js";
import { answeredAnswer, fakePracticeGuide } from "../../testing/fake-practice-guide.js";
import { BOT_USER_ID, startSlackHarness, type SlackHarness } from "../../testing/slack-harness.js";

let harness: SlackHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

describe("startServer", () => {
  it("serves /healthz, extra routes and 404s on one port", async () => {
    harness = await startSlackHarness({
      guide: fakePracticeGuide(),
      extraMounts: [
        {
          name: "teams",
          health: () => ({ state: "ok" }),
          routes: [
            {
              path: "/api/messages",
              handler: async (req, res) => {
                res.writeHead(202, { "content-type": "text/plain" });
                res.end(`got ${req.method}`);
              },
            },
          ],
          start: async () => {},
          stop: async () => {},
        },
      ],
    });
    await harness.waitFor(() => harness!.running.mounts[0]!.health().state === "ok", "auth.test");
    const health = await fetch(`${harness.running.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({
      status: "ok",
      ready: true,
      index: { ready: true },
      surfaces: { slack: { state: "ok", mode: "http" }, teams: { state: "ok" } },
      inFlight: 0,
    });
    const ready = await fetch(`${harness.running.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ ready: true });

    const extra = await fetch(`${harness.running.url}/api/messages`, { method: "POST", body: "{}" });
    expect(extra.status).toBe(202);
    expect(await extra.text()).toBe("got POST");

    expect((await fetch(`${harness.running.url}/nope`)).status).toBe(404);
    expect((await fetch(`${harness.running.url}/slack/events`)).status).toBe(405);
  });

  it("turns the Slack endpoint off without credentials, and says so at start-up", async () => {
    harness = await startSlackHarness({ guide: fakePracticeGuide(), env: { SLACK_BOT_TOKEN: "" } });
    expect(harness.running.mounts.find((m) => m.name === "slack")?.health()).toEqual({ state: "off", detail: "SLACK_BOT_TOKEN is not set" });
    const res = await fetch(`${harness.running.url}/slack/events`, { method: "POST", body: "{}" });
    expect(res.status).toBe(404);
    const disabled = harness.logs.find((l) => l.event === "slack_disabled");
    expect(disabled?.reason).toContain("SLACK_BOT_TOKEN");
    expect(harness.apiCalls).toHaveLength(0);
  });

  it("on stop, refuses new work but finishes the answer in flight before resolving", async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const guide = fakePracticeGuide(async (question) => {
      await gate;
      return answeredAnswer(question);
    });
    harness = await startSlackHarness({ guide });
    await harness.sendEvent({
      type: "app_mention",
      user: "U1",
      text: `<@${BOT_USER_ID}> How do we build trust?`,
      ts: "1700005000.000100",
      channel: "C1",
    });
    await harness.waitFor(() => guide.calls.length === 1, "the answer to start");

    let stopped = false;
    const stopping = harness.running.stop().then(() => (stopped = true));
    await new Promise((r) => setTimeout(r, 100));
    expect(stopped).toBe(false);
    const late = await fetch(`${harness.running.url}/healthz`).then(
      (r) => r.status,
      () => "refused",
    );
    expect([503, "refused"]).toContain(late);

    release();
    await stopping;
    expect(harness.posts()).toHaveLength(1);
    expect(harness.posts()[0]?.body.thread_ts).toBe("1700005000.000100");
  });
});

describe("slackModeFor", () => {
  const slack = (env: Record<string, string>) => loadConfig(env).slack;

  it("follows bolt's variables: app token → Socket Mode, signing secret → HTTP, else off", () => {
    expect(slackModeFor(slack({ SLACK_BOT_TOKEN: "xoxb-1", SLACK_APP_TOKEN: "xapp-1" })).kind).toBe("socket");
    expect(slackModeFor(slack({ SLACK_BOT_TOKEN: "xoxb-1", SLACK_SIGNING_SECRET: "s" })).kind).toBe("http");
    expect(slackModeFor(slack({ SLACK_SIGNING_SECRET: "s" }))).toMatchObject({ kind: "off" });
    expect(slackModeFor(slack({ SLACK_BOT_TOKEN: "xoxb-1" }))).toMatchObject({ kind: "off" });
  });

  it("builds a Socket Mode adapter (no HTTP endpoint) when an app token is set", () => {
    const adapter = createSlackAdapter({
      slack: slack({ SLACK_BOT_TOKEN: "xoxb-1", SLACK_APP_TOKEN: "xapp-1", SLACK_API_URL: "https://slack-gov.com/api/" }),
      guide: fakePracticeGuide(),
      logger: createLogger("silent"),
    });
    expect(adapter?.mode).toBe("socket");
    expect(adapter?.requestListener).toBeUndefined();
    expect(adapter?.app.client.slackApiUrl).toBe("https://slack-gov.com/api/");
  });
});
