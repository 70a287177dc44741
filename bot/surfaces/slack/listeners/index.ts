// Every Slack listener, one per file and named after what it listens to (as in Slack's
// bolt-js assistant template): the claim-once middleware first, so a redelivered event never
// reaches a listener, then the message claim, so an edited message is never answered twice.
import type { App } from "@slack/bolt";
import { registerAnswerFeedback } from "./actions/answer-feedback.js";
import { registerShareAnswer } from "./actions/share-answer.js";
import { registerAssistant } from "./assistant/index.js";
import { registerPracticeCommand } from "./commands/practice.js";
import type { ListenerDeps } from "./deps.js";
import { registerAppMention } from "./events/app-mention.js";
import { registerDirectMessage } from "./messages/direct-message.js";
import { registerClaimEventOnce } from "./middleware/claim-event-once.js";
import { registerClaimMessageOnce } from "./middleware/claim-message-once.js";

export function registerListeners(app: App, deps: ListenerDeps): void {
  registerClaimEventOnce(app, deps);
  registerClaimMessageOnce(app, deps);
  registerAssistant(app, deps);
  registerAppMention(app, deps);
  registerDirectMessage(app, deps);
  registerPracticeCommand(app, deps);
  registerShareAnswer(app, deps);
  registerAnswerFeedback(app, deps);
}
