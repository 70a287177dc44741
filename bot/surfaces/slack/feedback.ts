// Slack's native feedback buttons under every answered answer. The button value carries
// everything the log event needs, so feedback survives restarts and works across several
// server instances without a shared store.
import type { Logger } from "../../platform/logger.js";
import { BUTTON_VALUE_MAX, encodeWithQuestion } from "./button-value.js";
import { redactSecrets } from "../../platform/redact-secrets.js";

export const FEEDBACK_ACTION_ID = "answer_feedback";

export type FeedbackVerdict = "helpful" | "not_helpful";

export interface FeedbackPayload {
  verdict: FeedbackVerdict;
  answerId: string;
  question: string;
  sectionIds: string[];
}

/** Slack caps an interactive element's value at 2000 characters. */
export const FEEDBACK_VALUE_MAX = BUTTON_VALUE_MAX;
const MAX_SECTION_IDS = 12;

interface EncodedFeedback {
  v: FeedbackVerdict;
  id: string;
  s: string[];
  q: string;
}

/** Encodes a feedback button value, shortening the question until the encoded value fits Slack's limit. */
export function encodeFeedbackValue(payload: FeedbackPayload): string {
  const fixed = {
    v: payload.verdict,
    id: payload.answerId.slice(0, 64),
    s: payload.sectionIds.slice(0, MAX_SECTION_IDS).map((id) => id.slice(0, 80)),
  };
  return encodeWithQuestion((q): EncodedFeedback => ({ ...fixed, q }), payload.question, FEEDBACK_VALUE_MAX);
}

/** Decodes a feedback button value; undefined when it is not one of ours. */
export function decodeFeedbackValue(value: string | undefined): FeedbackPayload | undefined {
  if (!value) return undefined;
  try {
    const raw = JSON.parse(value) as Partial<EncodedFeedback>;
    if (raw.v !== "helpful" && raw.v !== "not_helpful") return undefined;
    if (typeof raw.id !== "string" || !Array.isArray(raw.s)) return undefined;
    return {
      verdict: raw.v,
      answerId: raw.id,
      question: typeof raw.q === "string" ? raw.q : "",
      sectionIds: raw.s.filter((s): s is string => typeof s === "string"),
    };
  } catch {
    return undefined;
  }
}

/**
 * Records one structured feedback event. Deliberately logs only what maintainers need
 * to find weak answers: never the payload's token or the user's identity, and the question
 * with anything token-shaped in it redacted (people paste tokens into questions).
 */
export function logFeedback(logger: Logger, value: string | undefined): FeedbackPayload | undefined {
  const feedback = decodeFeedbackValue(value);
  if (!feedback) {
    logger.warn({ event: "answer_feedback_unreadable" }, "feedback button value could not be decoded");
    return undefined;
  }
  logger.info(
    {
      event: "answer_feedback",
      verdict: feedback.verdict,
      question: redactSecrets(feedback.question),
      answerId: feedback.answerId,
      sectionIds: feedback.sectionIds,
    },
    "answer feedback",
  );
  return feedback;
}
