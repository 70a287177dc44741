// Slack redelivers an event (same event_id, x-slack-retry-num header) when it thinks the
// ack was late or lost; each event must still produce at most one answer. A single
// process uses the in-memory store; several instances behind a load balancer need a shared
// store (e.g. Redis `SET key 1 NX EX ttl`) implementing the same interface.

export interface EventDedupeStore {
  /**
   * Claims `eventId` for processing. Resolves true exactly once per id (within the
   * store's memory window); every later claim of the same id resolves false.
   */
  claim(eventId: string): Promise<boolean>;
}

export interface MemoryEventDedupeOptions {
  /** Upper bound on remembered ids; the oldest are forgotten first. */
  maxEntries?: number;
  /** How long an id is remembered. Slack retries within about five minutes. */
  ttlMs?: number;
  now?: () => number;
}

/** Bounded, TTL-expiring in-memory store: a Map kept in insertion (= claim-time) order. */
export class MemoryEventDedupeStore implements EventDedupeStore {
  private readonly claimedAt = new Map<string, number>();
  private readonly maxEntries: number;
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(options: MemoryEventDedupeOptions = {}) {
    this.maxEntries = options.maxEntries ?? 10_000;
    this.ttlMs = options.ttlMs ?? 60 * 60 * 1000;
    this.now = options.now ?? Date.now;
  }

  async claim(eventId: string): Promise<boolean> {
    const now = this.now();
    this.forgetExpired(now);
    if (this.claimedAt.has(eventId)) return false;
    this.claimedAt.set(eventId, now);
    while (this.claimedAt.size > this.maxEntries) {
      const oldest = this.claimedAt.keys().next().value;
      if (oldest === undefined) break;
      this.claimedAt.delete(oldest);
    }
    return true;
  }

  get size(): number {
    return this.claimedAt.size;
  }

  private forgetExpired(now: number): void {
    for (const [id, at] of this.claimedAt) {
      if (now - at < this.ttlMs) break; // insertion order = time order: the rest are newer
      this.claimedAt.delete(id);
    }
  }
}
