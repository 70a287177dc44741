// A `define <term>` reply is the answer and the glossary card. Sent as one activity (text plus
// an attachment), Teams shows two messages and returns a message id for the text only, so
// feedback on the card could not be traced to its question or sections. So the reply is two
// activities, each a message with an id of its own: the answer (citations, AI label, feedback
// buttons) and then the card alone, with feedback buttons too. Pure: tested directly.
import type { Activity, Attachment } from "botbuilder";
import type { Answer } from "../../core/answer-types.js";
import { renderTeamsAnswer, type RenderTeamsAnswerOptions, type TeamsAnswerActivity } from "./render-teams-answer.js";

export interface TeamsCardActivity extends Partial<Activity> {
  type: "message";
  attachments: [Attachment];
  channelData: { feedbackLoopEnabled: true };
}

/** The answer's activity, then (when there is a card) the card as a message of its own. */
export function renderDefineReply(
  answer: Answer,
  card: Attachment | undefined,
  options: RenderTeamsAnswerOptions = {},
): [TeamsAnswerActivity] | [TeamsAnswerActivity, TeamsCardActivity] {
  const text = renderTeamsAnswer(answer, options);
  if (!card) return [text];
  return [text, { type: "message", attachments: [card], channelData: { feedbackLoopEnabled: true } }];
}
