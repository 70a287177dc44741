// Without a language model, a follow-up ("and what about the management side?") is made
// standalone by a simple rule: when it is short or leans on the previous turn, it is
// searched together with the previous question.
import type { ConversationTurn } from "./answer-types.js";

const LEANS_ON_PREVIOUS = /^(?:and|also|but|what about|how about|more|same|then|ok|okay)\b|\b(?:it|that|this|those|these|they|them|the other|the same|side|one)\b/i;
const SHORT_QUESTION_WORDS = 6;

export function makeStandaloneByRule(question: string, history: readonly ConversationTurn[] = []): string {
  const previous = [...history].reverse().find((t) => t.question.trim().length > 0);
  if (!previous) return question;
  const words = question.trim().split(/\s+/).length;
  if (words > SHORT_QUESTION_WORDS && !/^(?:and|also|what about|how about)\b/i.test(question.trim())) return question;
  if (!LEANS_ON_PREVIOUS.test(question) && words > 3) return question;
  return `${previous.question.trim()} ${question.trim()}`;
}

export type PracticeSide = "leadership" | "management";

const ASKS_FOR_SIDE = /\b(leadership|management)\s+(?:side|dimensions?|part|view)\b/i;

/** The side of a practice a question asks for ("the management side", "leadership dimensions"). */
export function sideAskedFor(question: string): PracticeSide | undefined {
  return ASKS_FOR_SIDE.exec(question)?.[1]?.toLowerCase() as PracticeSide | undefined;
}

/**
 * "And what about the management side?" after an answer drawn from one practice asks for
 * that practice's other side: the practice id and the side asked for.
 */
export function followUpPracticeSide(
  question: string,
  history: readonly ConversationTurn[] = [],
): { practiceId: string; side: PracticeSide } | undefined {
  const side = sideAskedFor(question);
  const previous = [...history].reverse().find((t) => t.answer?.citations.length);
  const cited = previous?.answer?.citations[0]?.sectionId;
  const practice = cited ? /^practices\.\d+/.exec(cited)?.[0] : undefined;
  if (!side || !practice || question.trim().split(/\s+/).length > SHORT_QUESTION_WORDS + 2) return undefined;
  return { practiceId: practice, side };
}
