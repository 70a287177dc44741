// `/practice <question>` (and `/practice define <term>`, which the core understands): an
// ephemeral answer only the asker sees, with a button that shares it to the channel once.
import type { App } from "@slack/bolt";
import type { InFlightWork } from "../../platform/in-flight-work.js";
import type { ClaimOnceStore } from "../../platform/claim-once.js";
import { askGuide, type PostAnswerDeps } from "./post-answer.js";
import { renderSlackAnswer, SHARE_ACTION_ID } from "./render-slack-answer.js";
import { decodeShareValue, encodeShareValue, type SharedAnswerStore } from "./shared-answers.js";
import { questionFromSlackText } from "./slack-text.js";
import { APOLOGY_TEXT } from "../../core/wording.js";

export const SLASH_COMMAND = "/practice";

const SHARE_FAILED_TEXT =
  "I couldn't post in this channel. Invite me to it (`/invite @Practice Guide`) and ask again with `/practice`.";

export interface SlashCommandDeps extends PostAnswerDeps {
  inFlight: InFlightWork;
  dedupe: ClaimOnceStore;
  shared: SharedAnswerStore;
}

export function registerSlashCommand(app: App, deps: SlashCommandDeps): void {
  app.command(SLASH_COMMAND, async ({ command, ack, respond }) => {
    // Ack first and empty: Slack's 3-second clock is running, and the answer follows via respond().
    await ack();
    const question = questionFromSlackText(command.text);
    await deps.inFlight.track(async () => {
      try {
        const answer = await askGuide(deps, "slash_command", question);
        const shareButtonValue =
          answer.status === "answered" ? encodeShareValue({ key: deps.shared.put(answer), question }) : undefined;
        await respond({
          response_type: "ephemeral",
          ...renderSlackAnswer(answer, { showQuestion: true, shareButtonValue }),
        });
      } catch (err) {
        await respondSafely(deps, () => respond({ response_type: "ephemeral", text: APOLOGY_TEXT }), err);
      }
    });
  });

  app.action(SHARE_ACTION_ID, async ({ ack, action, body, client, respond }) => {
    await ack();
    const share = decodeShareValue("value" in action ? action.value : undefined);
    const channel = "channel" in body ? body.channel?.id : undefined;
    if (!share || !channel) {
      deps.logger.warn({ event: "slack_share_unreadable" }, "share button without a readable value or channel");
      return;
    }
    // A double click, or Slack redelivering the click, must not post twice.
    if (!(await deps.dedupe.claim(`share:${share.key}`))) return;
    await deps.inFlight.track(async () => {
      try {
        const answer = deps.shared.take(share.key) ?? (await askGuide(deps, "share", share.question));
        await client.chat.postMessage({
          channel,
          ...renderSlackAnswer(answer, { showQuestion: true, sharedByUserId: body.user.id }),
          unfurl_links: false,
          unfurl_media: false,
        });
        await respondSafely(deps, () => respond({ delete_original: true }));
      } catch (err) {
        deps.logger.error({ event: "slack_share_failed", err }, "could not share the answer");
        await respondSafely(deps, () =>
          respond({ response_type: "ephemeral", replace_original: false, text: SHARE_FAILED_TEXT }),
        );
      }
    });
  });
}

async function respondSafely(deps: PostAnswerDeps, send: () => Promise<unknown>, cause?: unknown): Promise<void> {
  try {
    await send();
  } catch (err) {
    deps.logger.warn({ event: "slack_respond_failed", err, cause: cause instanceof Error ? cause.message : undefined });
  }
}
