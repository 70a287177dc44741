// An @mention in a channel: answered in the mention's thread, with the thread as history.
// A mention in a thread reply sent with "Also send to channel" is answered in that thread;
// an edited mention never reaches here twice (middleware/claim-message-once.ts).
import type { App } from "@slack/bolt";
import { postAnswer } from "../../post-answer.js";
import { questionFromSlackText, threadKey } from "../../slack-text.js";
import type { ListenerDeps } from "../deps.js";
import { hasAttachedFiles, isHumanMessage } from "../message-kinds.js";

export function registerAppMention(app: App, deps: ListenerDeps): void {
  app.event("app_mention", async ({ event, context, client }) => {
    if (!isHumanMessage(event)) return;
    const threadTs = event.thread_ts ?? event.ts;
    await deps.inFlight.track(() =>
      postAnswer(deps, {
        client,
        surface: "mention",
        question: questionFromSlackText(event.text, context.botUserId),
        channel: event.channel,
        threadTs,
        historyKey: threadKey(event.channel, threadTs),
        attachedFiles: hasAttachedFiles(event),
      }),
    );
  });
}
