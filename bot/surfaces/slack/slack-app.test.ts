// End to end through the real bolt HTTPReceiver on 127.0.0.1: signed requests in, the
// Slack Web API (and response_urls) replayed by nock.
import { afterEach, describe, expect, it } from "vitest";
import { FEEDBACK_ACTION_ID } from "./feedback.js";
import { renderSlackAnswer, SHARE_ACTION_ID } from "./render-slack-answer.js";
import { ASSISTANT_STATUS } from "./listeners/assistant/user-message.js";
import { answeredAnswer, defaultFakeAnswer, fakePracticeGuide, glossaryAnswer } from "../../testing/fake-practice-guide.js";
import {
  blockActionsPayload,
  BOT_USER_ID,
  slashCommandPayload,
  startSlackHarness,
  TEST_BOT_TOKEN,
  TEST_SIGNING_SECRET,
  type SlackHarness,
} from "../../testing/slack-harness.js";
import { APOLOGY_TEXT, ASSISTANT_GREETING, EXAMPLE_QUESTIONS } from "../../core/wording.js";

let harness: SlackHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const QUESTION = "How do we build trust with residents?";

function mention(ts: string, text = `<@${BOT_USER_ID}> ${QUESTION}`, extra: Record<string, unknown> = {}) {
  return { type: "app_mention", user: "U1", text, ts, channel: "C1", ...extra };
}

function logEvents(h: SlackHarness, event: string) {
  return h.logs.filter((l) => l.event === event);
}

describe("app_mention", () => {
  it("posts exactly one threaded reply with the rendered blocks", async () => {
    const guide = fakePracticeGuide();
    harness = await startSlackHarness({ guide });
    const res = await harness.sendEvent(mention("1700000100.000100"));
    expect(res.status).toBe(200);
    await harness.waitFor(() => harness!.posts().length === 1, "the reply");

    const [post] = harness.posts();
    expect(post?.body.channel).toBe("C1");
    expect(post?.body.thread_ts).toBe("1700000100.000100");
    const expected = renderSlackAnswer(answeredAnswer(QUESTION));
    expect(post?.body.blocks).toEqual(expected.blocks);
    expect(post?.body.text).toBe(expected.text);
    expect(guide.calls.map((c) => c.question)).toEqual([QUESTION]);
    // One auth.test at start-up; the Web API base URL is the configured one (nock only answers there).
    expect(harness.apiCalls.filter((c) => c.method === "auth.test")).toHaveLength(1);
  });

  it("replies in the existing thread and passes the thread's earlier turns as history", async () => {
    const guide = fakePracticeGuide();
    harness = await startSlackHarness({ guide });
    await harness.sendEvent(mention("1700000200.000100"));
    await harness.waitFor(() => harness!.posts().length === 1, "first reply");
    await harness.sendEvent(mention("1700000201.000100", `<@${BOT_USER_ID}> and for hiring?`, { thread_ts: "1700000200.000100" }));
    await harness.waitFor(() => harness!.posts().length === 2, "second reply");

    expect(harness.posts()[1]?.body.thread_ts).toBe("1700000200.000100");
    const history = guide.calls[1]?.options?.history ?? [];
    expect(history.map((t) => t.question)).toEqual([QUESTION]);
    expect(history[0]?.answer?.status).toBe("answered");
  });

  it("a retried delivery of the same event (x-slack-retry-num, same event_id) produces no second reply", async () => {
    const guide = fakePracticeGuide();
    harness = await startSlackHarness({ guide });
    const event = mention("1700000300.000100");
    expect((await harness.sendEvent(event, { eventId: "EvSAME1" })).status).toBe(200);
    await harness.waitFor(() => harness!.posts().length === 1, "the reply");

    const retry = await harness.sendEvent(event, { eventId: "EvSAME1", retryNum: 1 });
    expect(retry.status).toBe(200);
    await harness.waitFor(() => logEvents(harness!, "slack_event_duplicate").length === 1, "the duplicate to be seen");
    await harness.running.inFlight.drain(1_000);
    expect(harness.posts()).toHaveLength(1);
    expect(guide.calls).toHaveLength(1);
    expect(logEvents(harness, "slack_event_duplicate")[0]).toMatchObject({ eventId: "EvSAME1", retryNum: 1 });
  });

  it("passes a mention-only message to the core as an empty question and shows its polite reply", async () => {
    const guide = fakePracticeGuide();
    harness = await startSlackHarness({ guide });
    await harness.sendEvent(mention("1700000400.000100", `<@${BOT_USER_ID}>`));
    await harness.waitFor(() => harness!.posts().length === 1, "the reply");
    expect(guide.calls[0]?.question).toBe("");
    expect(harness.posts()[0]?.body.text).toBe(defaultFakeAnswer("").text);
  });

  it("ignores mentions from bots", async () => {
    const guide = fakePracticeGuide();
    harness = await startSlackHarness({ guide });
    await harness.sendEvent(mention("1700000500.000100", `<@${BOT_USER_ID}> loop?`, { bot_id: "BOTHER" }));
    await harness.sendEvent(mention("1700000501.000100"));
    await harness.waitFor(() => harness!.posts().length === 1, "the human's reply");
    await harness.running.inFlight.drain(1_000);
    expect(guide.calls.map((c) => c.question)).toEqual([QUESTION]);
    expect(harness.posts()[0]?.body.thread_ts).toBe("1700000501.000100");
  });

  it("answer() throwing: one apology in the thread, one error log line, and the next event is still answered", async () => {
    const guide = fakePracticeGuide(async (question) => {
      if (question.includes("explode")) throw new Error("index unavailable");
      return defaultFakeAnswer(question);
    });
    harness = await startSlackHarness({ guide });
    await harness.sendEvent(mention("1700000600.000100", `<@${BOT_USER_ID}> please explode`));
    await harness.waitFor(() => harness!.posts().length === 1, "the apology");
    expect(harness.posts()[0]?.body).toMatchObject({ channel: "C1", thread_ts: "1700000600.000100", text: APOLOGY_TEXT });
    expect(harness.posts()[0]?.body.blocks).toBeUndefined();
    const errors = harness.logs.filter((l) => l.level >= 50);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ event: "answer_failed", surface: "slack", entry: "mention" });

    await harness.sendEvent(mention("1700000601.000100"));
    await harness.waitFor(() => harness!.posts().length === 2, "the next reply");
    expect(harness.posts()[1]?.body.blocks).toEqual(renderSlackAnswer(answeredAnswer(QUESTION)).blocks);
  });
});

describe("request verification", () => {
  it("rejects a badly signed request with 401 and does not answer", async () => {
    const guide = fakePracticeGuide();
    harness = await startSlackHarness({ guide });
    const res = await harness.sendEvent(mention("1700000700.000100"), { badSignature: true });
    expect(res.status).toBe(401);
    await new Promise((r) => setTimeout(r, 50));
    expect(guide.calls).toHaveLength(0);
    expect(harness.posts()).toHaveLength(0);
  });

  it("rejects a correctly signed but stale request with 401", async () => {
    const guide = fakePracticeGuide();
    harness = await startSlackHarness({ guide });
    const tenMinutesAgo = Math.floor(Date.now() / 1000) - 600;
    const res = await harness.sendEvent(mention("1700000800.000100"), { timestampSeconds: tenMinutesAgo });
    expect(res.status).toBe(401);
    await new Promise((r) => setTimeout(r, 50));
    expect(guide.calls).toHaveLength(0);
    expect(harness.posts()).toHaveLength(0);
  });

  it("never writes the bot token or signing secret to the logs", async () => {
    harness = await startSlackHarness({ guide: fakePracticeGuide() });
    await harness.sendEvent(mention("1700000900.000100"), { badSignature: true });
    await harness.sendEvent(mention("1700000901.000100"));
    await harness.waitFor(() => harness!.posts().length === 1, "the reply");
    expect(harness.rawLogs()).not.toContain(TEST_BOT_TOKEN);
    expect(harness.rawLogs()).not.toContain(TEST_SIGNING_SECRET);
  });

  it("writes no log line with a key twice (strict log pipelines reject them)", async () => {
    harness = await startSlackHarness({ guide: fakePracticeGuide() });
    await harness.sendEvent(mention("1700000950.000100"));
    await harness.waitFor(() => harness!.posts().length === 1, "the reply");
    const lines = harness.rawLogs().split("\n").filter(Boolean);
    expect(lines.length).toBeGreaterThan(2);
    for (const line of lines) {
      const keys = [...line.matchAll(/"([^"\\]+)":/g)].map((m) => m[1]);
      // Top-level duplicates only show as the same key twice on one line; JSON.parse would hide them.
      expect(keys.filter((k) => k === "surface").length, line).toBeLessThanOrEqual(1);
    }
  });
});

describe("direct messages", () => {
  const dm = (ts: string, extra: Record<string, unknown> = {}) => ({
    type: "message",
    channel: "D1",
    channel_type: "im",
    user: "U1",
    text: QUESTION,
    ts,
    ...extra,
  });

  it("answers a DM once, at the top level, and ignores edits and bot messages", async () => {
    const guide = fakePracticeGuide();
    harness = await startSlackHarness({ guide });
    await harness.sendEvent(dm("1700001000.000100", { subtype: "message_changed" }));
    await harness.sendEvent(dm("1700001001.000100", { bot_id: "BOTHER" }));
    await harness.sendEvent(dm("1700001002.000100", { user: BOT_USER_ID, bot_id: "BBOT" }));
    await harness.sendEvent(dm("1700001003.000100"));
    await harness.waitFor(() => harness!.posts().length === 1, "the reply");
    await harness.running.inFlight.drain(1_000);
    expect(guide.calls).toHaveLength(1);
    expect(harness.posts()[0]?.body.channel).toBe("D1");
    expect(harness.posts()[0]?.body.thread_ts).toBeUndefined();
  });
});

describe("assistant panel", () => {
  const THREAD = "1700002000.000100";
  const userMessage = (ts: string, text: string) => ({
    type: "message",
    channel: "D9",
    channel_type: "im",
    user: "U1",
    text,
    ts,
    thread_ts: THREAD,
  });

  it("thread started: greets and sets the example questions as suggested prompts", async () => {
    harness = await startSlackHarness({ guide: fakePracticeGuide() });
    await harness.sendEvent({
      type: "assistant_thread_started",
      assistant_thread: { user_id: "U1", context: { channel_id: "C1" }, channel_id: "D9", thread_ts: THREAD },
    });
    await harness.waitFor(
      () => harness!.apiCalls.some((c) => c.method === "assistant.threads.setSuggestedPrompts"),
      "suggested prompts",
    );
    const prompts = harness.apiCalls.find((c) => c.method === "assistant.threads.setSuggestedPrompts");
    expect(prompts?.body).toMatchObject({ channel_id: "D9", thread_ts: THREAD });
    expect((prompts?.body.prompts as Array<{ message: string }>).map((p) => p.message)).toEqual([...EXAMPLE_QUESTIONS]);
    expect(harness.posts()[0]?.body).toMatchObject({ channel: "D9", thread_ts: THREAD });
  });

  it("thread started: the greeting's `&` goes as `&amp;` (a message's text is mrkdwn)", async () => {
    harness = await startSlackHarness({ guide: fakePracticeGuide() });
    await harness.sendEvent({
      type: "assistant_thread_started",
      assistant_thread: { user_id: "U1", context: { channel_id: "C1" }, channel_id: "D9", thread_ts: THREAD },
    });
    // Wait for the prompts too: a call still in flight at close would land in the next test's fake Web API.
    await harness.waitFor(
      () => harness!.posts().length === 1 && harness!.apiCalls.some((c) => c.method === "assistant.threads.setSuggestedPrompts"),
      "the greeting and the prompts",
    );
    const text = String(harness.posts()[0]?.body.text);
    expect(ASSISTANT_GREETING).toContain("&");
    expect(text).toBe(ASSISTANT_GREETING.replace(/&/g, "&amp;"));
    expect(text).not.toMatch(/&(?!amp;|lt;|gt;)/);
  });

  it("user message: status, title, then one reply; a follow-up carries the earlier turn", async () => {
    const guide = fakePracticeGuide();
    harness = await startSlackHarness({ guide });
    await harness.sendEvent(userMessage("1700002001.000100", QUESTION));
    await harness.waitFor(() => harness!.posts().length === 1, "the reply");
    const calls = harness.apiCalls.filter((c) => c.method !== "auth.test");
    expect(calls.map((c) => c.method)).toEqual([
      "assistant.threads.setStatus",
      "assistant.threads.setTitle",
      "chat.postMessage",
    ]);
    expect(calls[0]?.body).toMatchObject({ channel_id: "D9", thread_ts: THREAD, status: ASSISTANT_STATUS });
    expect(calls[1]?.body).toMatchObject({ title: QUESTION });
    expect(calls[2]?.body).toMatchObject({ channel: "D9", thread_ts: THREAD });
    expect(calls[2]?.body.blocks).toEqual(renderSlackAnswer(answeredAnswer(QUESTION)).blocks);

    await harness.sendEvent(userMessage("1700002002.000100", "define implicit bias"));
    await harness.waitFor(() => harness!.posts().length === 2, "the follow-up reply");
    expect(guide.calls[1]?.options?.history?.map((t) => t.question)).toEqual([QUESTION]);
    expect(harness.apiCalls.filter((c) => c.method === "assistant.threads.setTitle")).toHaveLength(1);
    expect(harness.posts()[1]?.body.blocks).toEqual(renderSlackAnswer(glossaryAnswer("define implicit bias")).blocks);
  });
});

describe("/practice slash command", () => {
  const command = (text: string) => slashCommandPayload(text);

  const shareClick = (value: string) =>
    blockActionsPayload({
      messageTs: "1700003000.000100",
      ephemeral: true,
      triggerId: "4.5.6",
      responsePath: "2/def",
      action: { type: "button", action_id: SHARE_ACTION_ID, block_id: "share", value, action_ts: "1700003001.000100", text: { type: "plain_text", text: "Share to channel" } },
    });

  it("acks, replies ephemerally with a share button, and the button posts to the channel exactly once", async () => {
    const guide = fakePracticeGuide();
    harness = await startSlackHarness({ guide });
    const ack = await harness.sendForm(command(QUESTION));
    expect(ack.status).toBe(200);
    await harness.waitFor(() => harness!.responses.length === 1, "the ephemeral reply");

    const ephemeral = harness.responses[0]!;
    expect(ephemeral.method).toBe("/commands/T1/1/abc");
    expect(ephemeral.body.response_type).toBe("ephemeral");
    expect(harness.posts()).toHaveLength(0);
    const blocks = ephemeral.body.blocks as Array<{ type: string; elements?: Array<{ action_id?: string; value?: string }> }>;
    const share = blocks.find((b) => b.type === "actions")?.elements?.[0];
    expect(share?.action_id).toBe(SHARE_ACTION_ID);

    await harness.sendAction(shareClick(share!.value!));
    await harness.waitFor(() => harness!.posts().length === 1 && harness!.responses.length === 2, "the shared post");
    const post = harness.posts()[0]!;
    expect(post.body.channel).toBe("C1");
    expect(post.body.thread_ts).toBeUndefined();
    expect(post.body.blocks).toEqual(
      renderSlackAnswer(answeredAnswer(QUESTION), { showQuestion: true, sharedByUserId: "U1" }).blocks,
    );
    expect(harness.responses[1]).toMatchObject({ method: "/actions/T1/2/def", body: { delete_original: true } });

    // A second click (or a redelivered click) must not post again.
    await harness.sendAction(shareClick(share!.value!));
    await new Promise((r) => setTimeout(r, 100));
    await harness.running.inFlight.drain(1_000);
    expect(harness.posts()).toHaveLength(1);
    // The stored answer was shared; the core was asked only once.
    expect(guide.calls).toHaveLength(1);
  });

  it("/practice define <term> asks the core for `define <term>`", async () => {
    const guide = fakePracticeGuide();
    harness = await startSlackHarness({ guide });
    await harness.sendForm(command("define implicit bias"));
    await harness.waitFor(() => harness!.responses.length === 1, "the ephemeral reply");
    expect(guide.calls[0]?.question).toBe("define implicit bias");
    expect(JSON.stringify(harness.responses[0]?.body.blocks)).toContain("Project-written definition");
  });
});

describe("feedback buttons", () => {
  it("logs one structured answer_feedback event with the verdict, question, answer id and section ids", async () => {
    harness = await startSlackHarness({ guide: fakePracticeGuide() });
    const rendered = renderSlackAnswer(answeredAnswer(QUESTION), { answerId: "ans-1" });
    const feedback = rendered.blocks.at(-1);
    if (feedback?.type !== "context_actions" || feedback.elements[0]?.type !== "feedback_buttons") {
      throw new Error("expected feedback buttons");
    }
    const value = feedback.elements[0].negative_button.value;
    const res = await harness.sendAction({
      ...blockActionsPayload({
        messageTs: "1700004000.000100",
        responsePath: "3/ghi",
        action: { type: "feedback_buttons", action_id: FEEDBACK_ACTION_ID, block_id: "fb", value, action_ts: "1700004001.000100", text: { type: "plain_text", text: "Not helpful" } },
      }),
      message: { type: "message", ts: "1700004000.000100", text: rendered.text },
    });
    expect(res.status).toBe(200);
    await harness.waitFor(() => logEvents(harness!, "answer_feedback").length === 1, "the feedback event");
    const [event] = logEvents(harness, "answer_feedback");
    expect(event).toMatchObject({
      verdict: "not_helpful",
      question: QUESTION,
      answerId: "ans-1",
      sectionIds: ["toolkit.recommendations.2", "toolkit.recommendations.3"],
    });
    expect(JSON.stringify(event)).not.toContain("legacy");
  });

  it("redacts a token typed into the question from the feedback line (and every other line)", async () => {
    // Assembled at run time so no token-shaped literal sits in the repository.
    const token = ["xoxb", "2048163840", "4096327680", "Zq8Rk2Lm9Xw4Tp7Vn3Bc6Hd1"].join("-");
    const question = `why does ${token} get invalid_auth?`;
    harness = await startSlackHarness({ guide: fakePracticeGuide() });
    await harness.sendEvent(mention("1700004100.000100", `<@${BOT_USER_ID}> ${question}`));
    await harness.waitFor(() => harness!.posts().length === 1, "the reply");
    const rendered = renderSlackAnswer(answeredAnswer(question), { answerId: "ans-2" });
    const feedback = rendered.blocks.at(-1);
    if (feedback?.type !== "context_actions" || feedback.elements[0]?.type !== "feedback_buttons") throw new Error("expected feedback buttons");
    await harness.sendAction(
      blockActionsPayload({
        messageTs: "1700004100.000200",
        responsePath: "3/jkl",
        action: { type: "feedback_buttons", action_id: FEEDBACK_ACTION_ID, block_id: "fb", value: feedback.elements[0].positive_button.value, action_ts: "1700004101.000100", text: { type: "plain_text", text: "Helpful" } },
      }),
    );
    await harness.waitFor(() => logEvents(harness!, "answer_feedback").length === 1, "the feedback event");
    expect(logEvents(harness, "answer_feedback")[0]?.question).toBe("why does [redacted] get invalid_auth?");
    expect(harness.rawLogs()).not.toContain(token);
    expect(harness.rawLogs()).not.toContain("Zq8Rk2Lm9Xw4Tp7Vn3Bc6Hd1");
  });
});
