// A plain direct message (the app's Messages tab). Threaded DM messages belong to the
// assistant panel (listeners/assistant).
import type { App } from "@slack/bolt";
import { postAnswer } from "../../post-answer.js";
import { questionFromSlackText, threadKey } from "../../slack-text.js";
import { isHumanMessage, type ListenerDeps } from "../deps.js";

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
      }),
    );
  });
}
