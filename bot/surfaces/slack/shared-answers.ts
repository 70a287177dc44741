// An ephemeral slash-command answer can be shared to its channel. Ephemeral messages are
// not sent back with the button click, so the answer waits here (bounded, expiring) under
// a random key; the button value also carries the question (cut to fit Slack's limit on a
// button value) so an expired or restarted store can still answer it afresh. With a Redis
// connection the answers are shared by replicas (bot/platform/shared-values.ts), so a click
// that reaches another replica still posts the stored answer.
import { randomUUID } from "node:crypto";
import type { Answer } from "../../core/answer-types.js";
import type { RedisConnection } from "../../platform/redis-connection.js";
import { TakeOnceValues } from "../../platform/shared-values.js";
import { encodeWithQuestion } from "./button-value.js";

export interface ShareButtonValue {
  key: string;
  question: string;
}

/** The button value: the key and as much of the question as fits in Slack's 2,000 characters once JSON-encoded. */
export function encodeShareValue(value: ShareButtonValue): string {
  return encodeWithQuestion((q) => ({ k: value.key, q }), value.question);
}

export function decodeShareValue(value: string | undefined): ShareButtonValue | undefined {
  if (!value) return undefined;
  try {
    const raw = JSON.parse(value) as { k?: unknown; q?: unknown };
    if (typeof raw.k !== "string" || typeof raw.q !== "string") return undefined;
    return { key: raw.k, question: raw.q };
  } catch {
    return undefined;
  }
}

export interface SharedAnswerStoreOptions {
  maxEntries?: number;
  ttlMs?: number;
  now?: () => number;
  /** Shared with other replicas through Redis; this process's memory when absent. */
  connection?: RedisConnection;
}

export class SharedAnswerStore {
  private readonly entries: TakeOnceValues<Answer>;

  constructor(options: SharedAnswerStoreOptions = {}) {
    this.entries = new TakeOnceValues(
      { prefix: "pg:share:", maxLocalKeys: options.maxEntries ?? 1_000, ttlMs: options.ttlMs ?? 60 * 60 * 1000, now: options.now },
      options.connection,
    );
  }

  /** Stores the answer and returns the key for its share button. */
  async put(answer: Answer): Promise<string> {
    const key = randomUUID();
    await this.entries.put(key, answer);
    return key;
  }

  /** Removes and returns the answer, if it is still remembered. */
  async take(key: string): Promise<Answer | undefined> {
    return this.entries.take(key);
  }
}
