// Two shapes of shared state, each in Redis when a connection is given and in this process's
// memory otherwise (or while Redis is unavailable: redis-connection.ts), with JSON values:
// - SharedLists: a bounded, expiring list per key (the last turns of a conversation). An
//   append is one MULTI (RPUSH, LTRIM, PEXPIRE), so two replicas appending to one
//   conversation never lose a turn to a read-modify-write race.
// - TakeOnceValues: a value stored under a key for a while and removed by the first take
//   (GETDEL), so a stored Share answer is posted by one replica, once.
// Writes go to memory as well as Redis: during an outage a replica still has what it wrote.
import { LRUCache } from "lru-cache";
import type { RedisConnection } from "./redis-connection.js";

export interface SharedListOptions {
  /** Items kept per key, newest last. */
  maxItems: number;
  /** A key idle this long is forgotten. */
  ttlMs: number;
  /** Keys remembered in memory. */
  maxLocalKeys?: number;
  prefix: string;
}

export class SharedLists<T> {
  private readonly local: LRUCache<string, T[]>;

  constructor(
    private readonly options: SharedListOptions,
    private readonly connection?: RedisConnection,
  ) {
    this.local = new LRUCache({ max: options.maxLocalKeys ?? 2_000, ttl: options.ttlMs });
  }

  /** Items so far, oldest first (a fresh copy). */
  async read(key: string): Promise<T[]> {
    if (this.connection) {
      const shared = await this.connection.run((c) => c.lRange(this.options.prefix + key, -this.options.maxItems, -1));
      // Empty in Redis but not here: written during an outage, or Redis restarted empty.
      if (shared.ok && shared.value.length > 0) return shared.value.flatMap((raw) => parseJson<T>(raw));
    }
    return [...(this.local.get(key) ?? [])];
  }

  async append(key: string, item: T): Promise<void> {
    this.local.set(key, [...(this.local.get(key) ?? []), item].slice(-this.options.maxItems));
    if (!this.connection) return;
    const redisKey = this.options.prefix + key;
    await this.connection.run((c) =>
      c.multi().rPush(redisKey, JSON.stringify(item)).lTrim(redisKey, -this.options.maxItems, -1).pExpire(redisKey, this.options.ttlMs).exec(),
    );
  }
}

export interface TakeOnceOptions {
  ttlMs: number;
  /** Clock for tests (memory only). */
  now?: () => number;
  maxLocalKeys?: number;
  prefix: string;
}

export class TakeOnceValues<T> {
  /** `shared`: Redis took the value too, so Redis's answer to a take is the one that counts. */
  private readonly local: LRUCache<string, { value: T; shared: boolean }>;

  constructor(
    private readonly options: TakeOnceOptions,
    private readonly connection?: RedisConnection,
  ) {
    this.local = new LRUCache({
      max: options.maxLocalKeys ?? 1_000,
      ttl: options.ttlMs,
      ...(options.now ? { perf: { now: options.now }, ttlResolution: 0 } : {}),
    });
  }

  async put(key: string, value: T): Promise<void> {
    this.local.set(key, { value, shared: false });
    if (!this.connection) return;
    const stored = await this.connection.run((c) => c.set(this.options.prefix + key, JSON.stringify(value), { expiration: { type: "PX", value: this.options.ttlMs } }));
    if (stored.ok) this.local.set(key, { value, shared: true });
  }

  /** Removes and returns the value, if some replica stored it and none has taken it yet. */
  async take(key: string): Promise<T | undefined> {
    const mine = this.local.get(key);
    this.local.delete(key);
    if (this.connection) {
      const shared = await this.connection.run((c) => c.getDel(this.options.prefix + key));
      // Null: taken by another replica, or stored here while Redis was away.
      if (shared.ok) return shared.value !== null ? parseJson<T>(shared.value)[0] : mine && !mine.shared ? mine.value : undefined;
    }
    return mine?.value;
  }
}

function parseJson<T>(raw: string): T[] {
  try {
    return [JSON.parse(raw) as T];
  } catch {
    return [];
  }
}
