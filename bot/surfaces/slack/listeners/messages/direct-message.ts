// A direct message (the app's Messages tab): plain, with a file, or sent with /me. Threaded
// DM messages belong to the assistant panel (listeners/assistant), except those bolt's
// Assistant does not take (a /me message in an assistant thread), which are answered here in
// their thread.
import type { App } from "@slack/bolt";
import { postAnswer } from "../../post-answer.js";
import { questionFromSlackText, threadKey } from "../../slack-text.js";
import type { ListenerDeps } from "../deps.js";
import { hasAttachedFiles, isHumanMessage } from "../message-kinds.js";

export function registerDirectMessage(app: App, deps: ListenerDeps): void {
  app.message(async ({ message, context, client }) => {
    if (message.channel_type !== "im" || !isHumanMessage(message)) return;
    const threadTs = "thread_ts" in message ? message.thread_ts : undefined;
    await deps.inFlight.track(() =>
      postAnswer(deps, {
        client,
        surface: "dm",
        question: questionFromSlackText("text" in message ? message.text : undefined, context.botUserId),
        channel: message.channel,
        threadTs,
        historyKey: threadKey(message.channel, threadTs),
        attachedFiles: hasAttachedFiles(message),
      }),
    );
  });
}
