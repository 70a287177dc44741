// How much of a conversation the guide remembers, decided once for every surface: the last
// few turns (follow-ups lean on the previous one or two), never a turn that was not a
// question (empty, mention-only or too long). ConversationHistory keeps those windows per
// conversation (a Slack thread or DM, a Teams chat) in memory, bounded and expiring; a
// restart merely makes the next question a fresh conversation.
import { LRUCache } from "lru-cache";
import type { Answer, ConversationTurn } from "./answer-types.js";

/** Turns kept per conversation, newest last. */
export const CONVERSATION_TURNS = 4;

/** The turn `answer` makes, or null when it is not remembered (it was not a question). */
export function turnOf(answer: Answer): ConversationTurn | null {
  return answer.status === "invalid" ? null : { question: answer.question, answer };
}

/** The window after `answer`: invalid turns are not remembered. */
export function rememberTurn(history: readonly ConversationTurn[], answer: Answer): ConversationTurn[] {
  const turn = turnOf(answer);
  return turn ? [...history, turn].slice(-CONVERSATION_TURNS) : [...history];
}

export interface ConversationHistoryOptions {
  /** Conversations remembered; the least recently active are forgotten first. */
  maxConversations?: number;
  /** A conversation idle this long starts afresh. */
  idleMs?: number;
}

export class ConversationHistory {
  private readonly conversations: LRUCache<string, ConversationTurn[]>;

  constructor(options: ConversationHistoryOptions = {}) {
    this.conversations = new LRUCache({ max: options.maxConversations ?? 2_000, ttl: options.idleMs ?? 24 * 60 * 60 * 1000 });
  }

  /** Turns so far, oldest first (a copy: callers may not mutate the store). */
  get(key: string): ConversationTurn[] {
    return [...(this.conversations.get(key) ?? [])];
  }

  /** Remembers `answer` as the conversation's latest turn (unless it was invalid). */
  remember(key: string, answer: Answer): void {
    if (turnOf(answer)) this.conversations.set(key, rememberTurn(this.get(key), answer));
  }
}
