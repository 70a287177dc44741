// Earlier turns of a Slack conversation (a thread, or a DM), so follow-up questions are
// answered in context. Kept in memory and bounded: the core only needs a few recent turns,
// and a restart merely makes the next question a fresh conversation.
import type { ConversationTurn } from "../answer-types.js";

export interface ThreadHistoryOptions {
  maxThreads?: number;
  maxTurnsPerThread?: number;
}

export class ThreadHistory {
  private readonly threads = new Map<string, ConversationTurn[]>();
  private readonly maxThreads: number;
  private readonly maxTurns: number;

  constructor(options: ThreadHistoryOptions = {}) {
    this.maxThreads = options.maxThreads ?? 2_000;
    this.maxTurns = options.maxTurnsPerThread ?? 8;
  }

  static key(channel: string, threadTs: string | undefined): string {
    return threadTs ? `${channel}:${threadTs}` : channel;
  }

  /** Turns so far, oldest first (a copy: callers may not mutate the store). */
  get(key: string): ConversationTurn[] {
    return [...(this.threads.get(key) ?? [])];
  }

  append(key: string, turn: ConversationTurn): void {
    const turns = this.threads.get(key) ?? [];
    turns.push(turn);
    while (turns.length > this.maxTurns) turns.shift();
    // Re-insert so the Map's order is least-recently-used first.
    this.threads.delete(key);
    this.threads.set(key, turns);
    while (this.threads.size > this.maxThreads) {
      const oldest = this.threads.keys().next().value;
      if (oldest === undefined) break;
      this.threads.delete(oldest);
    }
  }
}
