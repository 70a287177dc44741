// The claim-once store replicas share: `SET key 1 NX PX ttl` in Redis, so a Slack retry or a
// Teams redelivery that reaches another replica (or this one after a restart) is still acted
// on once. Every claim is also recorded in this process's memory, and while Redis is
// unavailable (see redis-connection.ts) claims are decided there alone: a redelivery to the
// same replica is still caught, one to another replica may be answered twice.
import { MemoryClaimOnceStore, type ClaimOnceStore } from "./claim-once.js";
import type { RedisConnection } from "./redis-connection.js";

export interface RedisClaimOnceOptions {
  /** Key prefix, e.g. "pg:claim:". */
  prefix?: string;
  /** How long a claim is remembered; at least the 10 minutes Slack edits are answered within. */
  ttlMs?: number;
  /** Remembered locally too, for outages. */
  maxLocalEntries?: number;
}

export class RedisClaimOnceStore implements ClaimOnceStore {
  private readonly local: MemoryClaimOnceStore;
  private readonly prefix: string;
  private readonly ttlMs: number;

  constructor(
    private readonly connection: RedisConnection,
    options: RedisClaimOnceOptions = {},
  ) {
    this.prefix = options.prefix ?? "pg:claim:";
    this.ttlMs = options.ttlMs ?? 60 * 60 * 1000;
    this.local = new MemoryClaimOnceStore({ maxEntries: options.maxLocalEntries ?? 10_000, ttlMs: this.ttlMs });
  }

  async claim(key: string): Promise<boolean> {
    const shared = await this.connection.run((c) => c.set(this.prefix + key, "1", { condition: "NX", expiration: { type: "PX", value: this.ttlMs } }));
    const locallyFirst = await this.local.claim(key);
    return shared.ok ? shared.value === "OK" : locallyFirst;
  }
}
