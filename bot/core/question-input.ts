// Cleans what a person typed before it reaches retrieval, and says politely when there is
// nothing to answer (empty, only a mention) or too much (over the configured limit).

import { EMPTY_QUESTION_REPLY, tooLongReply } from "./wording.js";

// Slack (<@U123>, <!here>), Teams (<at>Name</at>) and plain leading @Name mentions.
const MENTION = /<@[A-Z0-9]+(?:\|[^>]*)?>|<!(?:here|channel|everyone)(?:\|[^>]*)?>|<at>[^<]*<\/at>/gi;

export type QuestionCheck = { ok: true; question: string } | { ok: false; reply: string };

export function checkQuestion(raw: string, maxChars: number): QuestionCheck {
  const question = (raw ?? "").replace(MENTION, " ").replace(/\s+/g, " ").trim();
  if (question.length === 0) {
    return { ok: false, reply: EMPTY_QUESTION_REPLY };
  }
  if (question.length > maxChars) {
    return { ok: false, reply: tooLongReply(question.length, maxChars) };
  }
  return { ok: true, question };
}
