// Hostile or malformed requests to /slack/events, correctly signed and sent through the real
// HTTP server: each gets a 4xx, nothing rejects unhandled (vitest fails the run if anything
// does), and the next genuine mention is still answered.
import type { IncomingMessage } from "node:http";
import { PassThrough } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { fakePracticeGuide } from "../../testing/fake-practice-guide.js";
import { BOT_USER_ID, startSlackHarness, TEST_SIGNING_SECRET, type SlackHarness } from "../../testing/slack-harness.js";
import { signedSlackHeaders } from "./sign-slack-request.js";
import { admitSlackRequest, SLACK_MAX_BODY_BYTES } from "./slack-request-gate.js";

let harness: SlackHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

async function stillAnswers(h: SlackHarness, ts: string): Promise<void> {
  const before = h.posts().length;
  const res = await h.sendEvent({ type: "app_mention", user: "U1", text: `<@${BOT_USER_ID}> How do we build trust?`, ts, channel: "C1" });
  expect(res.status).toBe(200);
  await h.waitFor(() => h.posts().length === before + 1, "the reply to a genuine mention");
}

const form = (fields: Array<[string, string]>) => fields.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join("&");

describe("malformed signed bodies", () => {
  it("a signed JSON `null` gets 400 and the server keeps answering", async () => {
    harness = await startSlackHarness({ guide: fakePracticeGuide() });
    const res = await harness.sendRaw("null");
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: "body must be a JSON object with a string `type`" });
    expect(harness.logs.find((l) => l.event === "slack_request_rejected")).toMatchObject({ status: 400, level: 40 });
    await stillAnswers(harness, "1700007000.000100");
  });

  it("a signed form `payload=null` gets 400 and the server keeps answering", async () => {
    harness = await startSlackHarness({ guide: fakePracticeGuide() });
    const res = await harness.sendRaw("payload=null", "application/x-www-form-urlencoded");
    expect(res.status).toBe(400);
    await stillAnswers(harness, "1700007001.000100");
  });

  it.each([
    ["JSON array", "[]", "application/json"],
    ["JSON string", '"hello"', "application/json"],
    ["JSON number", "7", "application/json"],
    ["truncated JSON", '{"type":"event_callback"', "application/json"],
    ["empty body", "", "application/json"],
    ["object without a type", "{}", "application/json"],
    ["numeric type", '{"type":7}', "application/json"],
    ["event callback without an event", '{"type":"event_callback"}', "application/json"],
    ["event callback with a null event", '{"type":"event_callback","event":null}', "application/json"],
    ["event callback with a string event", '{"type":"event_callback","event":"app_mention"}', "application/json"],
    ["event without a type", '{"type":"event_callback","event":{"text":"hi"}}', "application/json"],
    ["payload array", form([["payload", "[]"]]), "application/x-www-form-urlencoded"],
    ["payload string", form([["payload", '"x"']]), "application/x-www-form-urlencoded"],
    ["payload not JSON", form([["payload", "{not json"]]), "application/x-www-form-urlencoded"],
    ["payload twice", form([["payload", '{"type":"block_actions"}'], ["payload", '{"type":"block_actions"}']]), "application/x-www-form-urlencoded"],
    ["payload without a type", form([["payload", '{"actions":[]}']]), "application/x-www-form-urlencoded"],
    ["form with neither command nor payload", form([["text", "hello"]]), "application/x-www-form-urlencoded"],
  ] as const)("%s gets 400", async (_name, body, contentType) => {
    harness = await startSlackHarness({ guide: fakePracticeGuide() });
    const res = await harness.sendRaw(body, contentType);
    expect(res.status).toBe(400);
    await stillAnswers(harness, "1700007002.000100");
  });

  it("odd but well-formed payloads never get a 5xx or stop the server", async () => {
    harness = await startSlackHarness({ guide: fakePracticeGuide() });
    const odd: Array<[string, "application/json" | "application/x-www-form-urlencoded"]> = [
      ['{"type":"event_callback","event":{"type":"app_mention","text":{"nested":true},"channel":null,"user":7}}', "application/json"],
      ['{"type":"event_callback","event":{"type":"message","channel_type":"im","text":["a"],"channel":"D1","user":"U1","ts":"1.2"}}', "application/json"],
      ['{"type":"url_verification"}', "application/json"],
      [form([["payload", '{"type":"block_actions","actions":null}'], ["x", "1"]]), "application/x-www-form-urlencoded"],
      [form([["payload", '{"type":"block_actions","actions":[{"action_id":"answer_feedback","value":null}],"user":{"id":"U1"}}']]), "application/x-www-form-urlencoded"],
      [form([["payload", '{"type":"view_submission","view":null}']]), "application/x-www-form-urlencoded"],
      [form([["command", "/practice"], ["text", ""], ["user_id", "U1"], ["channel_id", "C1"]]), "application/x-www-form-urlencoded"],
    ];
    for (const [body, contentType] of odd) {
      const res = await harness.sendRaw(body, contentType);
      expect(res.status, body).toBeLessThan(500);
    }
    await stillAnswers(harness, "1700007003.000100");
  });
});

describe("timestamps and size", () => {
  it("rejects a correctly signed request stamped 10 minutes in the future, accepts one 4 minutes ahead", async () => {
    harness = await startSlackHarness({ guide: fakePracticeGuide() });
    const now = Math.floor(Date.now() / 1000);
    const body = JSON.stringify({ type: "url_verification", challenge: "c" });
    expect((await harness.sendRaw(body, "application/json", { timestampSeconds: now + 600 })).status).toBe(401);
    expect((await harness.sendRaw(body, "application/json", { timestampSeconds: now + 240 })).status).toBe(200);
    expect(harness.logs.find((l) => l.event === "slack_request_rejected")?.reason).toMatch(/timestamp is 60\d s away from now/);
  });

  it("refuses an oversized body with 413 from its Content-Length, before reading it", async () => {
    // A request that declares 5 MB, has sent one byte and never ends: the answer must not
    // wait for the rest. (A stream stands in for the socket: in this process the test
    // interceptors hold a client's bytes back until its body ends.)
    const req = Object.assign(new PassThrough(), {
      headers: { ...signedSlackHeaders(TEST_SIGNING_SECRET, "{}"), "content-length": String(5 * 1024 * 1024) },
    }) as unknown as IncomingMessage;
    (req as unknown as PassThrough).write("{");
    const began = Date.now();
    const result = await admitSlackRequest(req, { signingSecret: TEST_SIGNING_SECRET });
    expect(result).toEqual({ ok: false, status: 413, reason: `body is over the ${SLACK_MAX_BODY_BYTES}-byte limit` });
    expect(Date.now() - began).toBeLessThan(100);
  });

  it("stops reading a body that grows past the limit, and answers 413", async () => {
    harness = await startSlackHarness({ guide: fakePracticeGuide() });
    const big = JSON.stringify({ type: "event_callback", event: { type: "app_mention", text: "x".repeat(SLACK_MAX_BODY_BYTES) } });
    const res = await harness.sendRaw(big);
    expect(res.status).toBe(413);
    expect(res.headers.get("connection")).toBe("close");
    await stillAnswers(harness, "1700007004.000100");
  });

  it("answers 415 to a content type Slack never sends", async () => {
    harness = await startSlackHarness({ guide: fakePracticeGuide() });
    const res = await fetch(`${harness.running.url}/slack/events`, { method: "POST", headers: { "content-type": "text/plain" }, body: "hi" });
    expect(res.status).toBe(415);
  });
});
