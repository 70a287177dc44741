// Two Slack replicas in one test process, sharing one real Redis (redis-server on a loopback
// port): a signed event to A and Slack's retry of it to B get one answer; a thread follow-up
// answered by B carries the turn A answered; a Share click that reaches B posts the answer A
// stored, without asking the guide again.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { answeredAnswer, fakePracticeGuide, type FakePracticeGuide } from "../testing/fake-practice-guide.js";
import { REDIS_MISSING, REDIS_SERVER, TestRedisServer } from "../testing/redis-server.js";
import { blockActionsPayload, BOT_USER_ID, slashCommandPayload, startSlackHarness, type SlackHarness } from "../testing/slack-harness.js";
import { createLogger } from "../platform/logger.js";
import { SHARE_ACTION_ID } from "../surfaces/slack/render-slack-answer.js";
import { openSharedState, type SharedState } from "./shared-state.js";

if (!REDIS_SERVER) console.warn(REDIS_MISSING);

const mention = (ts: string, text = `<@${BOT_USER_ID}> how do we build trust?`, extra: Record<string, unknown> = {}) => ({
  type: "app_mention",
  user: "U1",
  text,
  ts,
  channel: "C1",
  ...extra,
});

describe.skipIf(!REDIS_SERVER)("two Slack replicas sharing Redis", () => {
  let redis: TestRedisServer;
  const states: SharedState[] = [];
  let guide: FakePracticeGuide;
  let a: SlackHarness;
  let b: SlackHarness;
  const posts = () => [...a.posts(), ...b.posts()];

  beforeAll(async () => {
    redis = await TestRedisServer.start();
    guide = fakePracticeGuide(async (q) => answeredAnswer(q));
    const replica = async () => {
      const state = openSharedState({ url: redis.url, commandTimeoutMs: 500 }, createLogger("silent"));
      state.start();
      states.push(state);
      const deadline = Date.now() + 5_000;
      while (state.health().state !== "ok") {
        if (Date.now() > deadline) throw new Error("Redis not reachable");
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return startSlackHarness({ guide, stores: { dedupe: state.claims, history: state.conversations("slack"), shared: state.shares } });
    };
    a = await replica();
    b = await replica();
  });

  afterAll(async () => {
    // Both harnesses share nock's interceptors; close them together.
    await Promise.all([a?.running.stop(), b?.running.stop()]);
    await a?.close();
    for (const state of states) await state.close();
    await redis?.stop();
  });

  it("answers an event once when Slack's retry reaches the other replica", async () => {
    const event = mention("1700000300.000100");
    expect((await a.sendEvent(event, { eventId: "EvShared1" })).status).toBe(200);
    await a.waitFor(() => posts().length === 1, "the answer");
    expect((await b.sendEvent(event, { eventId: "EvShared1", retryNum: 1 })).status).toBe(200);
    // Give B the time it would take to answer.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(posts()).toHaveLength(1);
    expect(guide.calls).toHaveLength(1);
  });

  it("a follow-up in the thread answered by the other replica keeps the history", async () => {
    const before = posts().length;
    await a.sendEvent(mention("1700000400.000100"));
    await a.waitFor(() => posts().length === before + 1, "first turn");
    await b.sendEvent(mention("1700000401.000100", `<@${BOT_USER_ID}> and for hiring?`, { thread_ts: "1700000400.000100" }));
    await b.waitFor(() => posts().length === before + 2, "follow-up");
    const history = guide.calls.at(-1)?.options?.history ?? [];
    expect(history.map((t) => t.question)).toEqual(["how do we build trust?"]);
  });

  it("a Share click on the other replica posts the answer the first one stored", async () => {
    const asked = guide.calls.length;
    await a.sendForm(slashCommandPayload("What is implicit bias?", "1/shared"));
    const responses = () => [...a.responses, ...b.responses];
    await a.waitFor(() => responses().length === 1, "the ephemeral answer");
    const blocks = responses()[0]!.body.blocks as Array<{ type: string; elements?: Array<{ action_id?: string; value?: string }> }>;
    const value = blocks.find((x) => x.type === "actions")?.elements?.find((e) => e.action_id === SHARE_ACTION_ID)?.value;
    expect(value).toBeDefined();
    expect(guide.calls).toHaveLength(asked + 1);
    const before = posts().length;
    await b.sendAction(
      blockActionsPayload({
        messageTs: "1700003000.000100",
        ephemeral: true,
        triggerId: "4.5.6",
        responsePath: "2/shared",
        action: { type: "button", action_id: SHARE_ACTION_ID, block_id: "share", value, action_ts: "1700003001.000101", text: { type: "plain_text", text: "Share to channel" } },
      }),
    );
    await b.waitFor(() => posts().length === before + 1, "the shared answer");
    expect(JSON.stringify(posts().at(-1)?.body)).toContain("What is implicit bias?");
    // The stored answer was posted: the guide was not asked again.
    expect(guide.calls).toHaveLength(asked + 1);
  });
});
