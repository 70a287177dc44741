// The Share button under an ephemeral /practice answer: posts the stored answer (or, when the
// store has forgotten it, a fresh answer to the question the button carries) to the channel
// once, then removes the ephemeral copy.
//
// Each button's key is claimed once, so a double click never posts twice. The claim store can
// only claim, not release (one replica's release would race another's claim), so a failed
// share does not free the spent key: it replaces the ephemeral answer with the same answer, a
// line saying why it failed and a fresh button under a new key, which the next click claims.
// A click on a spent button (a double click, or an old copy) is told so, never ignored.
import type { App } from "@slack/bolt";
import type { Answer } from "../../../../core/answer-types.js";
import { APOLOGY_TEXT, SHARE_ALREADY_PRESSED_TEXT, SHARE_FAILED_TEXT } from "../../../../core/wording.js";
import { askGuide } from "../../post-answer.js";
import { renderPlainText, renderSlackAnswer, SHARE_ACTION_ID } from "../../render-slack-answer.js";
import { decodeShareValue, encodeShareValue } from "../../shared-answers.js";
import type { ListenerDeps } from "../deps.js";
import { respondSafely } from "../respond-safely.js";

export function registerShareAnswer(app: App, deps: ListenerDeps): void {
  app.action(SHARE_ACTION_ID, async ({ ack, action, body, client, respond }) => {
    await ack();
    const share = decodeShareValue("value" in action ? action.value : undefined);
    const channel = "channel" in body ? body.channel?.id : undefined;
    if (!share || !channel) {
      deps.logger.warn({ event: "slack_share_unreadable" }, "share button without a readable value or channel");
      return;
    }
    if (!(await claimShare(deps, share.key))) {
      deps.logger.info({ event: "slack_share_repeat" }, "a Share button pressed again");
      await respondSafely(deps, () => respond({ response_type: "ephemeral", replace_original: false, ...renderPlainText(SHARE_ALREADY_PRESSED_TEXT) }));
      return;
    }
    await deps.inFlight.track(async () => {
      let answer: Answer | undefined;
      try {
        answer = (await deps.shared.take(share.key)) ?? (await askGuide(deps, "share", share.question));
        await client.chat.postMessage({
          channel,
          ...renderSlackAnswer(answer, { showQuestion: true, sharedByUserId: body.user.id }),
          unfurl_links: false,
          unfurl_media: false,
        });
        await respondSafely(deps, () => respond({ delete_original: true }));
      } catch (err) {
        deps.logger.error({ event: "slack_share_failed", err, retryOffered: answer !== undefined }, "could not share the answer");
        const retry = answer;
        const retryKey = retry ? await deps.shared.put(retry) : undefined;
        await respondSafely(deps, () =>
          retry
            ? respond({
                response_type: "ephemeral",
                replace_original: true,
                ...renderSlackAnswer(retry, {
                  showQuestion: true,
                  notice: SHARE_FAILED_TEXT,
                  shareButtonValue: encodeShareValue({ key: retryKey!, question: share.question }),
                }),
              })
            : respond({ response_type: "ephemeral", replace_original: false, ...renderPlainText(APOLOGY_TEXT) }),
        );
      }
    });
  });
}

async function claimShare(deps: Pick<ListenerDeps, "dedupe" | "logger">, key: string): Promise<boolean> {
  try {
    return await deps.dedupe.claim(`share:${key}`);
  } catch (err) {
    // As for events: a store outage should not make the button dead; a rare double post is the lesser harm.
    deps.logger.warn({ event: "slack_dedupe_failed", err }, "share de-duplication store failed");
    return true;
  }
}
