// Conversation history as every surface reads it when it may live outside this process: an
// async store with the same rule as ConversationHistory (conversation.ts): the last
// CONVERSATION_TURNS valid turns. In memory by default; over a shared turn log (Redis, wired
// in bot/app) when several replicas answer the same threads.
import type { Answer, ConversationTurn } from "./answer-types.js";
import { CONVERSATION_TURNS, ConversationHistory, turnOf, type ConversationHistoryOptions } from "./conversation.js";

export interface ConversationStore {
  /** Turns so far, oldest first (a copy). */
  get(key: string): Promise<ConversationTurn[]>;
  /** Remembers `answer` as the conversation's latest turn (unless it was invalid). */
  remember(key: string, answer: Answer): Promise<void>;
}

/** Where a shared store keeps turns: a bounded list per conversation (bot/platform/shared-values.ts). */
export interface TurnLog {
  read(key: string): Promise<ConversationTurn[]>;
  append(key: string, turn: ConversationTurn): Promise<void>;
}

/** This process's memory only. */
export function memoryConversations(options: ConversationHistoryOptions = {}): ConversationStore {
  const history = new ConversationHistory(options);
  return {
    get: async (key) => history.get(key),
    remember: async (key, answer) => history.remember(key, answer),
  };
}

/** Conversations kept in `log`, which should hold at least CONVERSATION_TURNS turns per key. */
export function loggedConversations(log: TurnLog): ConversationStore {
  return {
    get: async (key) => (await log.read(key)).slice(-CONVERSATION_TURNS),
    remember: async (key, answer) => {
      const turn = turnOf(answer);
      if (turn) await log.append(key, turn);
    },
  };
}
