// A new assistant-panel thread: greet, and offer the example questions as suggested prompts.
import type { AssistantThreadStartedMiddleware } from "@slack/bolt";
import { ASSISTANT_GREETING, EXAMPLE_QUESTIONS } from "../../../../core/wording.js";
import { renderPlainText } from "../../render-slack-answer.js";
import { truncate } from "../../slack-text.js";
import type { ListenerDeps } from "../deps.js";
const PROMPT_TITLE_MAX = 60;

export function assistantThreadStarted(deps: ListenerDeps): AssistantThreadStartedMiddleware {
  return async ({ event, client, setSuggestedPrompts }) => {
    const { channel_id: channel, thread_ts } = event.assistant_thread;
    try {
      await client.chat.postMessage({ channel, thread_ts, ...renderPlainText(ASSISTANT_GREETING) });
      await setSuggestedPrompts({
        title: "Try asking",
        prompts: EXAMPLE_QUESTIONS.map((q) => ({ title: truncate(q, PROMPT_TITLE_MAX), message: q })),
      });
    } catch (err) {
      deps.logger.warn({ event: "slack_assistant_start_failed", err }, "could not greet the assistant thread");
    }
  };
}
