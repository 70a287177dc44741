// The Share button under a /practice answer, end to end: its value stays inside Slack's
// 2,000-character limit whatever the question holds, and a share that failed can be tried
// again (a fresh button), while a spent button says so instead of doing nothing.
import { afterEach, describe, expect, it } from "vitest";
import { SHARE_ALREADY_PRESSED_TEXT, SHARE_FAILED_TEXT } from "../../core/wording.js";
import { answeredAnswer, fakePracticeGuide } from "../../testing/fake-practice-guide.js";
import { blockActionsPayload, slashCommandPayload, startSlackHarness, type SlackHarness } from "../../testing/slack-harness.js";
import { BUTTON_VALUE_MAX } from "./button-value.js";
import { renderPlainText, renderSlackAnswer, SHARE_ACTION_ID } from "./render-slack-answer.js";
import { decodeShareValue } from "./shared-answers.js";
import { escapeSlackText } from "./slack-text.js";

let harness: SlackHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const QUESTION = "How do we build trust with residents?";

const command = (text: string) => slashCommandPayload(text);

let clicks = 0;
const shareClick = (value: string) => {
  clicks += 1;
  return blockActionsPayload({
    messageTs: "1700003000.000100",
    ephemeral: true,
    triggerId: "4.5.6",
    responsePath: `2/click${clicks}`,
    action: { type: "button", action_id: SHARE_ACTION_ID, block_id: "share", value, action_ts: `1700003001.00010${clicks}`, text: { type: "plain_text", text: "Share to channel" } },
  });
};

type Block = { type: string; text?: { text: string }; elements?: Array<{ action_id?: string; value?: string; positive_button?: { value: string }; negative_button?: { value: string } }> };

function shareValueIn(blocks: unknown): string | undefined {
  return (blocks as Block[]).find((b) => b.type === "actions")?.elements?.find((e) => e.action_id === SHARE_ACTION_ID)?.value;
}

/** Every interactive value in a message: the share button and both feedback buttons. */
function buttonValues(blocks: unknown): string[] {
  return (blocks as Block[]).flatMap((b) =>
    (b.elements ?? []).flatMap((e) => [e.value, e.positive_button?.value, e.negative_button?.value].filter((v): v is string => v !== undefined)),
  );
}

describe("the share button's value", () => {
  const hostile: Array<[string, string]> = [
    ["quotes", '"'.repeat(4000)],
    ["backslashes", "\\".repeat(4000)],
    ["quotes and backslashes around emoji", `${'\\"😀'.repeat(1000)}`],
    ["control characters", "\u0001\u0002\u001f".repeat(1300)],
    ["a normal question padded with quotes", `What does "trust" mean? ${'"\\'.repeat(1500)}`],
  ];

  for (const [what, question] of hostile) {
    it(`stays within ${BUTTON_VALUE_MAX} characters for a question full of ${what}, and carries a prefix of it`, async () => {
      harness = await startSlackHarness({ guide: fakePracticeGuide(async (q) => answeredAnswer(q)) });
      await harness.sendForm(command(question));
      await harness.waitFor(() => harness!.responses.length === 1, "the ephemeral reply");
      const blocks = harness.responses[0]!.body.blocks;
      const values = buttonValues(blocks);
      expect(values.length).toBe(3);
      for (const value of values) expect(value.length).toBeLessThanOrEqual(BUTTON_VALUE_MAX);

      const share = decodeShareValue(shareValueIn(blocks));
      expect(share).toBeDefined();
      const asked = question.replace(/\s+/g, " ").trim();
      expect(asked.startsWith(share!.question)).toBe(true);
      expect(share!.question.length).toBeGreaterThan(0);
      // No emoji cut in half at the end of the kept question.
      expect(share!.question).not.toMatch(/[\uD800-\uDBFF]$/);
    });
  }
});

describe("a share that fails", () => {
  it("replaces the answer with a notice and a fresh button; the spent button says so; the fresh one shares once", async () => {
    const guide = fakePracticeGuide();
    let failPosts = true;
    harness = await startSlackHarness({
      guide,
      webApiReply: (method) => (method === "chat.postMessage" && failPosts ? [200, { ok: false, error: "not_in_channel" }] : undefined),
    });
    await harness.sendForm(command(QUESTION));
    await harness.waitFor(() => harness!.responses.length === 1, "the ephemeral reply");
    const first = shareValueIn(harness.responses[0]!.body.blocks)!;

    await harness.sendAction(shareClick(first));
    await harness.waitFor(() => harness!.responses.length === 2, "the failure notice");
    const failed = harness.responses[1]!;
    expect(failed.body).toMatchObject({ response_type: "ephemeral", replace_original: true });
    const failedBlocks = failed.body.blocks as Block[];
    expect(failedBlocks[0]?.text?.text).toBe(escapeSlackText(SHARE_FAILED_TEXT));
    const fresh = shareValueIn(failedBlocks)!;
    expect(fresh).toBeDefined();
    expect(decodeShareValue(fresh)?.key).not.toBe(decodeShareValue(first)?.key);
    // The same answer is still shown, under the notice.
    const rendered = renderSlackAnswer(answeredAnswer(QUESTION), { showQuestion: true });
    expect(failedBlocks.slice(1, 1 + rendered.blocks.length - 1)).toEqual(rendered.blocks.slice(0, -1));
    expect(harness.logs.filter((l) => l.event === "slack_share_failed")).toHaveLength(1);

    // The spent button (an old copy, or a double click) is answered, not ignored, and posts nothing.
    await harness.sendAction(shareClick(first));
    await harness.waitFor(() => harness!.responses.length === 3, "the spent-button reply");
    expect(harness.responses[2]?.body).toMatchObject({ response_type: "ephemeral", replace_original: false, ...renderPlainText(SHARE_ALREADY_PRESSED_TEXT) });
    expect(harness.posts()).toHaveLength(1);

    // Once the bot can post, the fresh button shares the same answer, once.
    failPosts = false;
    await harness.sendAction(shareClick(fresh));
    await harness.waitFor(() => harness!.posts().length === 2 && harness!.responses.length === 4, "the shared post");
    expect(harness.posts()[1]?.body.channel).toBe("C1");
    expect(harness.posts()[1]?.body.blocks).toEqual(
      renderSlackAnswer(answeredAnswer(QUESTION), { showQuestion: true, sharedByUserId: "U1" }).blocks,
    );
    expect(harness.responses[3]?.body).toMatchObject({ delete_original: true });
    await harness.sendAction(shareClick(fresh));
    await harness.waitFor(() => harness!.responses.length === 5, "the second click's reply");
    await harness.running.inFlight.drain(1_000);
    expect(harness.posts()).toHaveLength(2);
    // The stored answer was reused throughout; the core was asked once.
    expect(guide.calls).toHaveLength(1);
  });
});
