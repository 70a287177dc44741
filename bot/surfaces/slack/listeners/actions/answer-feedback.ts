// Slack's native feedback buttons under an answer: the button value carries what the log
// line needs (see feedback.ts), so this only acks, logs and tells onFeedback the verdict.
import type { App } from "@slack/bolt";
import { FEEDBACK_ACTION_ID, logFeedback } from "../../feedback.js";
import type { ListenerDeps } from "../deps.js";

export function registerAnswerFeedback(app: App, deps: Pick<ListenerDeps, "logger" | "onFeedback">): void {
  app.action(FEEDBACK_ACTION_ID, async ({ ack, action }) => {
    await ack();
    const feedback = logFeedback(deps.logger, "value" in action && typeof action.value === "string" ? action.value : undefined);
    if (feedback) deps.onFeedback?.(feedback.verdict);
  });
}
