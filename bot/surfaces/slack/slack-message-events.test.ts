// Message shapes beyond the plain one, end to end through the real receiver: edited mentions
// and message_changed (never a second answer), thread broadcasts (answered once), and DMs,
// assistant messages and mentions with files or sent with /me (answered from their text, or
// told that files aren't read).
import { afterEach, describe, expect, it } from "vitest";
import { FILES_NOT_READ_REPLY } from "../../core/wording.js";
import { answeredAnswer, fakePracticeGuide } from "../../testing/fake-practice-guide.js";
import { BOT_USER_ID, startSlackHarness, type SlackHarness } from "../../testing/slack-harness.js";
import { renderPlainText, renderSlackAnswer } from "./render-slack-answer.js";

let harness: SlackHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const QUESTION = "How do we build trust with residents?";
/** Message timestamps as Slack writes them, `seconds.micros`, so many seconds before now. */
const tsAgo = (seconds: number, micros = 100) => `${Math.floor(Date.now() / 1000) - seconds}.${String(micros).padStart(6, "0")}`;

const FILE = { id: "F1", name: "budget.pdf", title: "budget.pdf", mimetype: "application/pdf", filetype: "pdf", user: "U1", size: 1234 };

function mention(ts: string, extra: Record<string, unknown> = {}) {
  return { type: "app_mention", user: "U1", text: `<@${BOT_USER_ID}> ${QUESTION}`, ts, channel: "C1", ...extra };
}

async function settle(h: SlackHarness): Promise<void> {
  await new Promise((r) => setTimeout(r, 100));
  await h.running.inFlight.drain(2_000);
}

describe("edited mentions", () => {
  it("an edit of a mention already answered (new event_id, same ts, `edited`) gets no second answer", async () => {
    const guide = fakePracticeGuide();
    harness = await startSlackHarness({ guide });
    const ts = tsAgo(30);
    await harness.sendEvent(mention(ts), { eventId: "EvOriginal" });
    await harness.waitFor(() => harness!.posts().length === 1, "the first answer");

    const edit = mention(ts, { text: `<@${BOT_USER_ID}> ${QUESTION} (edited)`, edited: { user: "U1", ts: tsAgo(5) } });
    expect((await harness.sendEvent(edit, { eventId: "EvEdit1" })).status).toBe(200);
    expect((await harness.sendEvent(edit, { eventId: "EvEdit2" })).status).toBe(200);
    await settle(harness);

    expect(harness.posts()).toHaveLength(1);
    expect(guide.calls).toHaveLength(1);
    const seen = harness.logs.filter((l) => l.event === "slack_message_already_seen");
    expect(seen).toHaveLength(2);
    expect(seen[0]).toMatchObject({ edited: true, eventType: "app_mention" });
  });

  it("an edit that adds the mention to a recent message is answered once; further edits are not", async () => {
    const guide = fakePracticeGuide();
    harness = await startSlackHarness({ guide });
    const ts = tsAgo(60);
    await harness.sendEvent(mention(ts, { edited: { user: "U1", ts: tsAgo(2) } }));
    await harness.waitFor(() => harness!.posts().length === 1, "the answer to the edit");
    expect(harness.posts()[0]?.body.thread_ts).toBe(ts);

    await harness.sendEvent(mention(ts, { edited: { user: "U1", ts: tsAgo(1) } }));
    await settle(harness);
    expect(harness.posts()).toHaveLength(1);
    expect(guide.calls).toHaveLength(1);
  });

  it("an edit of a message older than the claim window is never answered (it may have been answered before the store forgot)", async () => {
    const guide = fakePracticeGuide();
    harness = await startSlackHarness({ guide });
    await harness.sendEvent(mention(tsAgo(2 * 60 * 60), { edited: { user: "U1", ts: tsAgo(1) } }));
    await harness.waitFor(() => harness!.logs.some((l) => l.event === "slack_edit_ignored"), "the edit to be ignored");
    await settle(harness);
    expect(harness.posts()).toHaveLength(0);
    expect(guide.calls).toHaveLength(0);
  });

  it("a message_changed in a DM or an assistant thread (how edits arrive there) gets no second answer", async () => {
    const guide = fakePracticeGuide();
    harness = await startSlackHarness({ guide });
    const dmTs = tsAgo(40);
    await harness.sendEvent({ type: "message", channel: "D1", channel_type: "im", user: "U1", text: QUESTION, ts: dmTs });
    await harness.waitFor(() => harness!.posts().length === 1, "the DM answer");

    const edited = { user: "U1", ts: tsAgo(3) };
    await harness.sendEvent({
      type: "message",
      subtype: "message_changed",
      hidden: true,
      channel: "D1",
      channel_type: "im",
      ts: tsAgo(3, 200),
      message: { type: "message", user: "U1", text: `${QUESTION}?`, ts: dmTs, edited },
      previous_message: { type: "message", user: "U1", text: QUESTION, ts: dmTs },
    });
    await harness.sendEvent({
      type: "message",
      subtype: "message_changed",
      hidden: true,
      channel: "D9",
      channel_type: "im",
      ts: tsAgo(3, 300),
      message: { type: "message", user: "U1", text: QUESTION, ts: tsAgo(20), thread_ts: tsAgo(60), edited },
      previous_message: { type: "message", user: "U1", text: "typo", ts: tsAgo(20), thread_ts: tsAgo(60) },
    });
    await settle(harness);
    expect(harness.posts()).toHaveLength(1);
    expect(guide.calls).toHaveLength(1);
  });
});

describe("thread broadcasts", () => {
  it("a mention in a thread reply sent with 'Also send to channel' is answered once, in the thread", async () => {
    const guide = fakePracticeGuide();
    harness = await startSlackHarness({ guide });
    const parent = "1700005000.000100";
    const broadcast = mention("1700005010.000100", {
      subtype: "thread_broadcast",
      thread_ts: parent,
      root: { type: "message", user: "U2", text: "Budget thread", ts: parent, thread_ts: parent, reply_count: 1 },
    });
    await harness.sendEvent(broadcast, { eventId: "EvBroadcast1" });
    await harness.waitFor(() => harness!.posts().length === 1, "the answer");
    // The same message delivered again under another event id (Slack's events for one message can overlap).
    await harness.sendEvent(broadcast, { eventId: "EvBroadcast2" });
    await settle(harness);

    expect(harness.posts()).toHaveLength(1);
    expect(harness.posts()[0]?.body).toMatchObject({ channel: "C1", thread_ts: parent });
    expect(harness.posts()[0]?.body.blocks).toEqual(renderSlackAnswer(answeredAnswer(QUESTION)).blocks);
    expect(guide.calls.map((c) => c.question)).toEqual([QUESTION]);
  });
});

describe("files and /me", () => {
  const dm = (ts: string, extra: Record<string, unknown>) => ({ type: "message", channel: "D1", channel_type: "im", user: "U1", text: QUESTION, ts, ...extra });

  it("a DM with a file and words is answered from the words", async () => {
    const guide = fakePracticeGuide();
    harness = await startSlackHarness({ guide });
    await harness.sendEvent(dm("1700006000.000100", { subtype: "file_share", files: [FILE], upload: true }));
    await harness.waitFor(() => harness!.posts().length === 1, "the answer");
    expect(guide.calls.map((c) => c.question)).toEqual([QUESTION]);
    expect(harness.posts()[0]?.body.blocks).toEqual(renderSlackAnswer(answeredAnswer(QUESTION)).blocks);
  });

  it("a DM of only a file gets one reply saying files aren't read, without asking the core", async () => {
    const guide = fakePracticeGuide();
    harness = await startSlackHarness({ guide });
    await harness.sendEvent(dm("1700006100.000100", { subtype: "file_share", text: "", files: [FILE], upload: true }));
    await harness.waitFor(() => harness!.posts().length === 1, "the reply");
    expect(harness.posts()[0]?.body).toMatchObject({ channel: "D1", ...renderPlainText(FILES_NOT_READ_REPLY) });
    expect(harness.posts()[0]?.body.thread_ts).toBeUndefined();
    expect(guide.calls).toHaveLength(0);
  });

  it("a DM sent with /me is answered from its text", async () => {
    const guide = fakePracticeGuide();
    harness = await startSlackHarness({ guide });
    await harness.sendEvent(dm("1700006200.000100", { subtype: "me_message", text: "wonders what the toolkit recommends for hiring" }));
    await harness.waitFor(() => harness!.posts().length === 1, "the answer");
    expect(guide.calls.map((c) => c.question)).toEqual(["wonders what the toolkit recommends for hiring"]);
  });

  it("assistant-panel messages: a file with words is answered, a file alone is told files aren't read, /me is answered in the thread", async () => {
    const guide = fakePracticeGuide();
    harness = await startSlackHarness({ guide });
    const thread = "1700007000.000100";
    const inThread = (ts: string, extra: Record<string, unknown>) => ({ type: "message", channel: "D9", channel_type: "im", user: "U1", text: QUESTION, ts, thread_ts: thread, ...extra });

    await harness.sendEvent(inThread("1700007001.000100", { subtype: "file_share", files: [FILE] }));
    await harness.waitFor(() => harness!.posts().length === 1, "the answer to the file with words");
    expect(harness.posts()[0]?.body).toMatchObject({ channel: "D9", thread_ts: thread });
    expect(harness.apiCalls.some((c) => c.method === "assistant.threads.setStatus")).toBe(true);

    await harness.sendEvent(inThread("1700007002.000100", { subtype: "file_share", text: "", files: [FILE] }));
    await harness.waitFor(() => harness!.posts().length === 2, "the reply to the file alone");
    expect(harness.posts()[1]?.body).toMatchObject({ channel: "D9", thread_ts: thread, ...renderPlainText(FILES_NOT_READ_REPLY) });

    await harness.sendEvent(inThread("1700007003.000100", { subtype: "me_message", text: "asks about hiring" }));
    await harness.waitFor(() => harness!.posts().length === 3, "the answer to /me");
    expect(harness.posts()[2]?.body).toMatchObject({ channel: "D9", thread_ts: thread });
    expect(guide.calls.map((c) => c.question)).toEqual([QUESTION, "asks about hiring"]);
  });

  it("a mention with only a file is told files aren't read", async () => {
    const guide = fakePracticeGuide();
    harness = await startSlackHarness({ guide });
    await harness.sendEvent(mention("1700008000.000100", { text: `<@${BOT_USER_ID}>`, files: [FILE] }));
    await harness.waitFor(() => harness!.posts().length === 1, "the reply");
    expect(harness.posts()[0]?.body).toMatchObject({ channel: "C1", thread_ts: "1700008000.000100", ...renderPlainText(FILES_NOT_READ_REPLY) });
    expect(guide.calls).toHaveLength(0);
  });

  it("still ignores bots, joins and deletions", async () => {
    const guide = fakePracticeGuide();
    harness = await startSlackHarness({ guide });
    await harness.sendEvent(dm("1700009000.000100", { subtype: "file_share", bot_id: "BOTHER", files: [FILE] }));
    await harness.sendEvent(dm("1700009001.000100", { subtype: "bot_message", bot_id: "BOTHER" }));
    await harness.sendEvent(dm("1700009002.000100", { subtype: "message_deleted", hidden: true, deleted_ts: "1700000000.000001" }));
    await harness.sendEvent(dm("1700009003.000100", { subtype: "channel_join" }));
    await settle(harness);
    expect(harness.posts()).toHaveLength(0);
    expect(guide.calls).toHaveLength(0);
  });
});
