// Two Teams replicas (the /api/messages route twice, local-dev auth) sharing one real Redis:
// an activity redelivered to the other replica gets one reply, and a follow-up answered by
// the other replica carries the conversation's earlier turn.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import nock from "nock";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../platform/logger.js";
import { createTeamsRoute } from "../surfaces/teams/teams-endpoint.js";
import { answeredAnswer, fakePracticeGuide, type FakePracticeGuide } from "../testing/fake-practice-guide.js";
import { REDIS_MISSING, REDIS_SERVER, TestRedisServer } from "../testing/redis-server.js";
import { LOCAL_DEV_CONFIG, personalMessage, SERVICE_URL } from "../testing/teams-harness.js";
import { openSharedState, type SharedState } from "./shared-state.js";

if (!REDIS_SERVER) console.warn(REDIS_MISSING);

describe.skipIf(!REDIS_SERVER)("two Teams replicas sharing Redis", () => {
  let redis: TestRedisServer;
  const states: SharedState[] = [];
  const servers: Server[] = [];
  const urls: string[] = [];
  const replies: Array<Record<string, unknown>> = [];
  let guide: FakePracticeGuide;

  beforeAll(async () => {
    redis = await TestRedisServer.start();
    guide = fakePracticeGuide(async (q) => answeredAnswer(q));
    nock(SERVICE_URL.replace(/\/amer\/$/, ""))
      .persist()
      .post((uri) => uri.startsWith("/amer/v3/conversations/"))
      .reply(async (request: Request) => {
        replies.push((await request.json()) as Record<string, unknown>);
        return [200, { id: `reply-${replies.length}` }];
      });
    for (let i = 0; i < 2; i++) {
      const state = openSharedState({ url: redis.url, commandTimeoutMs: 500 }, createLogger("silent"));
      state.start();
      states.push(state);
      const route = createTeamsRoute({
        config: LOCAL_DEV_CONFIG,
        guide,
        logger: createLogger("silent"),
        bot: { redelivery: state.claims, history: state.conversations("teams") },
      })!;
      const server = createServer((req, res) => void route.handler(req, res));
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
      servers.push(server);
      urls.push(`http://127.0.0.1:${(server.address() as AddressInfo).port}${route.path}`);
    }
    const deadline = Date.now() + 5_000;
    while (!states.every((s) => s.health().state === "ok")) {
      if (Date.now() > deadline) throw new Error("Redis not reachable");
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  });

  afterAll(async () => {
    nock.cleanAll();
    for (const server of servers) await new Promise<void>((resolve) => server.close(() => resolve()));
    for (const state of states) await state.close();
    await redis?.stop();
  });

  const post = (replica: number, activity: unknown) =>
    fetch(urls[replica]!, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(activity) });

  it("replies once to an activity redelivered to the other replica", async () => {
    const activity = personalMessage("How do we build trust?", { conversation: { id: "a:redelivered", conversationType: "personal", tenantId: "tenant-1" } });
    expect((await post(0, activity)).status).toBe(200);
    expect((await post(1, activity)).status).toBe(200);
    expect(replies).toHaveLength(1);
    expect(guide.calls).toHaveLength(1);
  });

  it("keeps the conversation's history when the follow-up reaches the other replica", async () => {
    const conversation = { id: "a:follow-up", conversationType: "personal", tenantId: "tenant-1" };
    await post(0, personalMessage("How do we build trust?", { conversation }));
    await post(1, personalMessage("And for hiring?", { conversation }));
    const history = guide.calls.at(-1)?.options?.history ?? [];
    expect(guide.calls.at(-1)?.question).toBe("And for hiring?");
    expect(history.map((t) => t.question)).toEqual(["How do we build trust?"]);
  });
});
