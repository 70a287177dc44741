// Slack redelivers an event (same event_id) when it thinks the ack was late or lost, Teams
// can redeliver an activity, and a Share button can be clicked twice: each must still act
// once. One interface serves all three; a single process uses the in-memory store, several
// replicas behind a load balancer need a shared one (Redis `SET key 1 NX EX ttl`).
import { LRUCache } from "lru-cache";

export interface ClaimOnceStore {
  /**
   * Claims `key`. Resolves true exactly once per key (within the store's memory window);
   * every later claim of the same key resolves false.
   */
  claim(key: string): Promise<boolean>;
}

export interface MemoryClaimOnceOptions {
  /** Upper bound on remembered keys; the least recently claimed are forgotten first. */
  maxEntries?: number;
  /** How long a key is remembered. Slack retries within about five minutes. */
  ttlMs?: number;
  /** Clock for tests. */
  now?: () => number;
}

/** Bounded, expiring in-memory store. */
export class MemoryClaimOnceStore implements ClaimOnceStore {
  private readonly claimed: LRUCache<string, true>;

  constructor(options: MemoryClaimOnceOptions = {}) {
    this.claimed = new LRUCache<string, true>({
      max: options.maxEntries ?? 10_000,
      ttl: options.ttlMs ?? 60 * 60 * 1000,
      ...(options.now ? { perf: { now: options.now }, ttlResolution: 0 } : {}),
    });
  }

  async claim(key: string): Promise<boolean> {
    if (this.claimed.has(key)) return false;
    this.claimed.set(key, true);
    return true;
  }

  get size(): number {
    return this.claimed.size;
  }
}
