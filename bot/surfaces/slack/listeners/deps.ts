// What every Slack listener is handed: the core, the logger, the conversation windows, the
// claim-once store, the share store, the in-flight tracker that shutdown drains, and who
// hears of feedback clicks (the server's /metrics).
import type { ConversationStore } from "../../../core/conversation-store.js";
import type { ClaimOnceStore } from "../../../platform/claim-once.js";
import type { InFlightWork } from "../../../platform/in-flight-work.js";
import type { PostAnswerDeps } from "../post-answer.js";
import type { FeedbackVerdict } from "../feedback.js";
import type { SharedAnswerStore } from "../shared-answers.js";

export interface ListenerDeps extends PostAnswerDeps {
  history: ConversationStore;
  inFlight: InFlightWork;
  dedupe: ClaimOnceStore;
  shared: SharedAnswerStore;
  /** Called once per feedback click that decodes, with its verdict. */
  onFeedback?: (verdict: FeedbackVerdict) => void;
}
