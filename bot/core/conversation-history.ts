// Earlier turns of each conversation (a Slack thread or DM, a Teams chat), so follow-up
// questions are answered in context. Kept in memory and bounded on both axes: the core only
// needs a few recent turns, and a restart merely makes the next question a fresh conversation.
import type { ConversationTurn } from "./answer-types.js";
import { BoundedLru } from "../platform/bounded-lru.js";

export interface ConversationHistoryOptions {
  /** Conversations remembered; the least recently active are forgotten first. */
  maxConversations?: number;
  /** Turns kept per conversation, newest last. */
  maxTurns?: number;
}

export class ConversationHistory {
  private readonly conversations: BoundedLru<string, ConversationTurn[]>;
  private readonly maxTurns: number;

  constructor(options: ConversationHistoryOptions = {}) {
    this.conversations = new BoundedLru(options.maxConversations ?? 2_000);
    this.maxTurns = options.maxTurns ?? 8;
  }

  /** Turns so far, oldest first (a copy: callers may not mutate the store). */
  get(key: string): ConversationTurn[] {
    return [...(this.conversations.get(key) ?? [])];
  }

  append(key: string, turn: ConversationTurn): void {
    this.conversations.set(key, [...this.get(key), turn].slice(-this.maxTurns));
  }
}
