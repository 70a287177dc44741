// The state replicas share, chosen by config: with REDIS_URL, redelivery claims, conversation
// history and the Share button's answers live in Redis (each store falling back to this
// process's memory while Redis is unavailable, see bot/platform/redis-connection.ts);
// without it, today's in-memory stores. `health` is /healthz's "sharedState" entry.
import type { ConversationTurn } from "../core/answer-types.js";
import { CONVERSATION_TURNS } from "../core/conversation.js";
import { loggedConversations, memoryConversations, type ConversationStore } from "../core/conversation-store.js";
import { MemoryClaimOnceStore, type ClaimOnceStore } from "../platform/claim-once.js";
import type { Config } from "../platform/config.js";
import type { SurfaceHealth } from "../platform/http-mount.js";
import type { Logger } from "../platform/logger.js";
import { RedisClaimOnceStore } from "../platform/redis-claim-once.js";
import { RedisConnection } from "../platform/redis-connection.js";
import { SharedLists } from "../platform/shared-values.js";
import { SharedAnswerStore } from "../surfaces/slack/shared-answers.js";

/** A conversation idle this long starts afresh (as in memory). */
const HISTORY_IDLE_MS = 24 * 60 * 60 * 1000;
/** Claims outlive Slack's retries (minutes) and the 10-minute window for answering an edit. */
const CLAIM_TTL_MS = 60 * 60 * 1000;

export interface SharedState {
  claims: ClaimOnceStore;
  /** History per surface (keys of different surfaces never meet). */
  conversations(surface: "slack" | "teams"): ConversationStore;
  shares: SharedAnswerStore;
  health(): SurfaceHealth;
  /** Connects in the background; returns at once. */
  start(): void;
  close(): Promise<void>;
  /** Present when REDIS_URL is set. */
  connection?: RedisConnection;
}

export function openSharedState(redis: Config["redis"], logger: Logger, options: { startupGraceMs?: number } = {}): SharedState {
  if (!redis) {
    const conversations = { slack: memoryConversations(), teams: memoryConversations() };
    return {
      claims: new MemoryClaimOnceStore(),
      conversations: (surface) => conversations[surface],
      shares: new SharedAnswerStore(),
      health: () => ({ state: "ok", mode: "memory", detail: "REDIS_URL is not set: state is kept per process" }),
      start: () => {},
      close: async () => {},
    };
  }
  const connection = new RedisConnection({ url: redis.url, commandTimeoutMs: redis.commandTimeoutMs, logger, startupGraceMs: options.startupGraceMs });
  const conversationsOf = (surface: "slack" | "teams") =>
    loggedConversations(new SharedLists<ConversationTurn>({ prefix: `pg:history:${surface}:`, maxItems: CONVERSATION_TURNS, ttlMs: HISTORY_IDLE_MS }, connection));
  const conversations = { slack: conversationsOf("slack"), teams: conversationsOf("teams") };
  return {
    claims: new RedisClaimOnceStore(connection, { ttlMs: CLAIM_TTL_MS }),
    conversations: (surface) => conversations[surface],
    shares: new SharedAnswerStore({ connection }),
    health: () => connection.health(),
    start: () => connection.start(),
    close: () => connection.close(),
    connection,
  };
}
