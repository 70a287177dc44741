// Teams' native thumbs up/down arrive as a `message/submitAction` invoke. This turns its value
// into the one structured log event the project records, keeping only what is useful.
import type { Activity } from "botbuilder";

export const FEEDBACK_COMMENT_MAX_CHARS = 500;

export interface AnswerFeedbackEvent {
  event: "answer_feedback";
  verdict: "like" | "dislike";
  /** The id of the bot message the feedback is about. */
  replyToId?: string;
  conversationId?: string;
  conversationType?: string;
  /** The user's optional free-text comment, shortened. */
  comment?: string;
}

/**
 * The feedback event for a `message/submitAction` activity, or undefined when it is not a
 * feedback action. Teams sends `value.actionValue`; a flat `value` is accepted as well.
 */
export function feedbackEventOf(activity: Partial<Activity>): AnswerFeedbackEvent | undefined {
  const value = (activity.value ?? {}) as Record<string, unknown>;
  if (value.actionName !== undefined && value.actionName !== "feedback") return undefined;
  const action = (typeof value.actionValue === "object" && value.actionValue !== null ? value.actionValue : value) as Record<
    string,
    unknown
  >;
  const verdict = action.reaction;
  if (verdict !== "like" && verdict !== "dislike") return undefined;
  const comment = commentOf(action.feedback);
  return {
    event: "answer_feedback",
    verdict,
    replyToId: activity.replyToId,
    conversationId: activity.conversation?.id,
    conversationType: activity.conversation?.conversationType,
    ...(comment ? { comment: Array.from(comment).slice(0, FEEDBACK_COMMENT_MAX_CHARS).join("") } : {}),
  };
}

// `feedback` is a JSON string such as {"feedbackText":"..."} (or already an object).
function commentOf(feedback: unknown): string | undefined {
  let parsed: unknown = feedback;
  if (typeof feedback === "string") {
    try {
      parsed = JSON.parse(feedback);
    } catch {
      return feedback.trim() || undefined;
    }
  }
  if (typeof parsed === "object" && parsed !== null) {
    const text = (parsed as Record<string, unknown>).feedbackText;
    return typeof text === "string" && text.trim() !== "" ? text.trim() : undefined;
  }
  return undefined;
}
