// A message in an assistant-panel thread (plain, or with a file: bolt's Assistant takes
// both): show a status, title the thread on its first question, then answer with the thread
// as history.
import type { AssistantUserMessageMiddleware } from "@slack/bolt";
import { postAnswer, type PostAnswerDeps } from "../../post-answer.js";
import { questionFromSlackText, threadKey, truncate } from "../../slack-text.js";
import type { ListenerDeps } from "../deps.js";
import { hasAttachedFiles, isHumanMessage } from "../message-kinds.js";

export const ASSISTANT_STATUS = "is thinking…";
const THREAD_TITLE_MAX = 80;

export function assistantUserMessage(deps: ListenerDeps): AssistantUserMessageMiddleware {
  return async ({ message, context, client, setStatus, setTitle }) => {
    if (!isHumanMessage(message) || !("thread_ts" in message) || !message.thread_ts) return;
    const channel = message.channel;
    const threadTs = message.thread_ts;
    const historyKey = threadKey(channel, threadTs);
    const question = questionFromSlackText("text" in message ? message.text : undefined, context.botUserId);
    const isFirstTurn = (await deps.history.get(historyKey)).length === 0;
    await deps.inFlight.track(async () => {
      // Status and title are cosmetic: a failure there must not cost the user the answer.
      await bestEffort(deps, "setStatus", () => setStatus(ASSISTANT_STATUS));
      if (isFirstTurn && question !== "") {
        await bestEffort(deps, "setTitle", () => setTitle(truncate(question, THREAD_TITLE_MAX)));
      }
      await postAnswer(deps, { client, surface: "assistant", question, channel, threadTs, historyKey, attachedFiles: hasAttachedFiles(message) });
    });
  };
}

async function bestEffort(deps: PostAnswerDeps, what: string, call: () => Promise<unknown>): Promise<void> {
  try {
    await call();
  } catch (err) {
    deps.logger.warn({ event: "slack_assistant_call_failed", call: what, err });
  }
}
