// An ephemeral slash-command answer can be shared to its channel. Ephemeral messages are
// not sent back with the button click, so the answer waits here (bounded, expiring) under
// a random key; the button value also carries the question (cut to fit Slack's limit on a
// button value) so an expired or restarted store can still answer it afresh.
import { randomUUID } from "node:crypto";
import { LRUCache } from "lru-cache";
import type { Answer } from "../../core/answer-types.js";
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
}

export class SharedAnswerStore {
  private readonly entries: LRUCache<string, Answer>;

  constructor(options: SharedAnswerStoreOptions = {}) {
    this.entries = new LRUCache({
      max: options.maxEntries ?? 1_000,
      ttl: options.ttlMs ?? 60 * 60 * 1000,
      ...(options.now ? { perf: { now: options.now }, ttlResolution: 0 } : {}),
    });
  }

  /** Stores the answer and returns the key for its share button. */
  put(answer: Answer): string {
    const key = randomUUID();
    this.entries.set(key, answer);
    return key;
  }

  /** Removes and returns the answer, if it is still remembered. */
  take(key: string): Answer | undefined {
    const answer = this.entries.get(key);
    this.entries.delete(key);
    return answer;
  }
}
