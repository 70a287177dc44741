// Cleans what a person typed before it reaches retrieval, and says politely when there is
// nothing to answer (empty) or too much (over the configured limit). Each surface removes its
// own markup (Slack's <@U1>, Teams' <at>…</at>) before calling the core.

import { EMPTY_QUESTION_REPLY, tooLongReply } from "./wording.js";

export type QuestionCheck = { ok: true; question: string } | { ok: false; reply: string };

export function checkQuestion(raw: string, maxChars: number): QuestionCheck {
  const question = (raw ?? "").replace(/\s+/g, " ").trim();
  if (question.length === 0) {
    return { ok: false, reply: EMPTY_QUESTION_REPLY };
  }
  if (question.length > maxChars) {
    return { ok: false, reply: tooLongReply(question.length, maxChars) };
  }
  return { ok: true, question };
}
