// `/practice <question>` (and `/practice define <term>`, which the core understands): an
// ephemeral answer only the asker sees, with a button that shares it to the channel once.
import type { App } from "@slack/bolt";
import { APOLOGY_TEXT } from "../../../../core/wording.js";
import { askGuide } from "../../post-answer.js";
import { renderPlainText, renderSlackAnswer } from "../../render-slack-answer.js";
import { encodeShareValue } from "../../shared-answers.js";
import { questionFromSlackText } from "../../slack-text.js";
import type { ListenerDeps } from "../deps.js";
import { respondSafely } from "../respond-safely.js";

export const SLASH_COMMAND = "/practice";

export function registerPracticeCommand(app: App, deps: ListenerDeps): void {
  app.command(SLASH_COMMAND, async ({ command, ack, respond }) => {
    // Ack first and empty: Slack's 3-second clock is running, and the answer follows via respond().
    await ack();
    const question = questionFromSlackText(command.text);
    await deps.inFlight.track(async () => {
      try {
        const answer = await askGuide(deps, "slash_command", question);
        const shareButtonValue =
          answer.status === "answered" ? encodeShareValue({ key: await deps.shared.put(answer), question }) : undefined;
        await respond({
          response_type: "ephemeral",
          ...renderSlackAnswer(answer, { showQuestion: true, shareButtonValue }),
        });
      } catch (err) {
        await respondSafely(deps, () => respond({ response_type: "ephemeral", ...renderPlainText(APOLOGY_TEXT) }), err);
      }
    });
  });
}
