// Cleans what a person typed before it reaches retrieval, and says politely when there is
// nothing to answer (empty, only a mention) or too much (over the configured limit).

// Slack (<@U123>, <!here>), Teams (<at>Name</at>) and plain leading @Name mentions.
const MENTION = /<@[A-Z0-9]+(?:\|[^>]*)?>|<!(?:here|channel|everyone)(?:\|[^>]*)?>|<at>[^<]*<\/at>/gi;

export type QuestionCheck = { ok: true; question: string } | { ok: false; reply: string };

export function checkQuestion(raw: string, maxChars: number): QuestionCheck {
  const question = (raw ?? "").replace(MENTION, " ").replace(/\s+/g, " ").trim();
  if (question.length === 0) {
    return {
      ok: false,
      reply:
        "I didn't catch a question there. Ask me about local-government leadership practice or equity work, for example: \"How do I make sure people who are usually left out get a voice?\"",
    };
  }
  if (question.length > maxChars) {
    return {
      ok: false,
      reply: `That question is ${question.length.toLocaleString("en-US")} characters long; I can take up to ${maxChars.toLocaleString("en-US")}. Could you ask it more briefly, or split it into separate questions?`,
    };
  }
  return { ok: true, question };
}
