// The Share button under an ephemeral /practice answer: posts the stored answer (or, when the
// store has forgotten it, a fresh answer to the question the button carries) to the channel
// once, then removes the ephemeral copy.
import type { App } from "@slack/bolt";
import { askGuide } from "../../post-answer.js";
import { renderSlackAnswer, SHARE_ACTION_ID } from "../../render-slack-answer.js";
import { decodeShareValue } from "../../shared-answers.js";
import type { ListenerDeps } from "../deps.js";
import { respondSafely } from "../respond-safely.js";

const SHARE_FAILED_TEXT =
  "I couldn't post in this channel. Invite me to it (`/invite @Practice Guide`) and ask again with `/practice`.";

export function registerShareAnswer(app: App, deps: ListenerDeps): void {
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
