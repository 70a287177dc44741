// One Redis connection for the state replicas share (redelivery claims, conversation history,
// shared answers), and the rule every store on it follows: Redis is an improvement, never a
// dependency. The client connects in the background (start-up never waits on it), reconnects
// by itself with a capped back-off, and queues nothing while disconnected; every command has a
// deadline (our own: node-redis's command timeout stops counting once a command is written, so
// a Redis that accepts connections but never answers would hang it). `run` hands a store
// either Redis's result or "unavailable", and the store then answers from its own process's
// memory. While an outage lasts, commands skip Redis except for one probe a second, so a hung
// Redis costs an answer at most one deadline. The connection logs one warning when an outage
// starts and one line when it ends, and reports its state for /healthz ("sharedState").
import { createClient } from "redis";
import type { SurfaceHealth } from "./http-mount.js";
import type { Logger } from "./logger.js";

export type RedisClient = ReturnType<typeof createClient>;

export interface RedisConnectionOptions {
  url: string;
  /** Deadline for each command, and for each connection attempt. */
  commandTimeoutMs: number;
  logger: Logger;
  /** How long the first connection may take before health says degraded (it keeps trying). */
  startupGraceMs?: number;
  /** Longest wait between reconnection attempts. */
  maxReconnectDelayMs?: number;
}

export type RedisResult<T> = { ok: true; value: T } | { ok: false };

/** The URL as it may be logged or shown: no password, no user name. */
export function redactRedisUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.username || parsed.password) {
      parsed.username = "";
      parsed.password = "";
    }
    return parsed.toString();
  } catch {
    return "(unparseable REDIS_URL)";
  }
}

export class RedisConnection {
  readonly client: RedisClient;
  private readonly timed: RedisClient;
  private readonly logger: Logger;
  private readonly where: string;
  private readonly startupGraceMs: number;
  private state: "idle" | "starting" | "ok" | "degraded" | "closed" = "idle";
  private problem?: string;
  private graceTimer?: NodeJS.Timeout;
  private readonly commandTimeoutMs: number;
  /** While degraded with the socket still open (a hung Redis): when the next probe may go. */
  private probeAfter = 0;
  private probeTimer?: NodeJS.Timeout;

  constructor(options: RedisConnectionOptions) {
    this.logger = options.logger.child({ component: "shared_state" });
    this.where = redactRedisUrl(options.url);
    this.startupGraceMs = options.startupGraceMs ?? 2_000;
    const maxDelay = options.maxReconnectDelayMs ?? 2_000;
    this.client = createClient({
      url: options.url,
      // Nothing waits for a reconnection: a command while disconnected fails at once.
      disableOfflineQueue: true,
      socket: {
        connectTimeout: options.commandTimeoutMs * 4,
        reconnectStrategy: (retries) => Math.min(50 * 2 ** Math.min(retries, 10), maxDelay) + Math.floor(Math.random() * 50),
      },
    });
    this.commandTimeoutMs = options.commandTimeoutMs;
    this.timed = this.client.withCommandOptions({ timeout: options.commandTimeoutMs }) as unknown as RedisClient;
    // node-redis emits "error" for every failed attempt; without a listener it would throw.
    this.client.on("error", (err: unknown) => this.markDown(reasonOf(err)));
    this.client.on("ready", () => this.markUp());
    this.client.on("end", () => {
      if (this.state !== "closed") this.markDown("connection closed");
    });
  }

  /** Starts connecting in the background; returns at once. */
  start(): void {
    if (this.state !== "idle") return;
    this.state = "starting";
    this.graceTimer = setTimeout(() => {
      if (this.state === "starting") this.reportOutage(this.problem ?? `no answer from Redis within ${this.startupGraceMs} ms`);
    }, this.startupGraceMs);
    this.graceTimer.unref();
    this.client.connect().catch((err: unknown) => this.markDown(reasonOf(err)));
  }

  /** Runs a command with its deadline; "unavailable" (ok: false) instead of throwing. */
  async run<T>(command: (client: RedisClient) => Promise<T>, probe = false): Promise<RedisResult<T>> {
    if (this.state === "closed" || !this.client.isReady) return { ok: false };
    if (this.state === "degraded" && !probe) {
      if (Date.now() < this.probeAfter) return { ok: false };
      this.probeAfter = Date.now() + PROBE_INTERVAL_MS;
    }
    let timer: NodeJS.Timeout | undefined;
    const pending = command(this.timed);
    // The deadline's timer runs before the event loop reads sockets, so when the loop was
    // blocked past the deadline (a busy replica), a reply that came in time is still unread
    // when the timer fires: rejecting then took a healthy Redis for down, and for the next
    // second each replica claimed alone (a Slack retry reaching the other one was answered
    // twice). setImmediate runs after the loop has read what arrived; only then is it late.
    const deadline = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => setImmediate(() => reject(new Error(`no reply within ${this.commandTimeoutMs} ms`))), this.commandTimeoutMs);
    });
    try {
      const value = await Promise.race([pending, deadline]);
      this.markUp();
      return { ok: true, value };
    } catch (err) {
      // A reply that comes after the deadline is dropped, and so is its error.
      pending.catch(() => {});
      this.markDown(reasonOf(err));
      return { ok: false };
    } finally {
      clearTimeout(timer);
    }
  }

  /** For /healthz: ok while Redis answers, degraded (with the reason) while stores run on memory. */
  health(): SurfaceHealth {
    const mode = "redis";
    if (this.state === "ok") return { state: "ok", mode };
    if (this.state === "degraded")
      return { state: "degraded", mode, detail: `Redis at ${this.where} unreachable (${this.problem ?? "unknown"}); each process answers from its own memory` };
    if (this.state === "closed") return { state: "off", mode, detail: "closed" };
    return { state: "starting", mode, detail: `connecting to Redis at ${this.where}` };
  }

  async close(): Promise<void> {
    if (this.graceTimer) clearTimeout(this.graceTimer);
    this.stopProbing();
    const wasOpen = this.client.isOpen;
    this.state = "closed";
    if (!wasOpen) return;
    try {
      await Promise.race([this.client.close(), new Promise((resolve) => setTimeout(resolve, 1_000).unref())]);
    } catch {
      // Closing a connection that is already gone.
    }
    if (this.client.isOpen) this.client.destroy();
  }

  private stopProbing(): void {
    if (this.probeTimer) clearInterval(this.probeTimer);
    this.probeTimer = undefined;
  }

  private markUp(): void {
    if (this.state === "ok" || this.state === "closed") return;
    const recovered = this.state === "degraded";
    this.state = "ok";
    this.stopProbing();
    this.problem = undefined;
    if (recovered) this.logger.info({ event: "shared_state_recovered", redis: this.where }, "Redis reachable again: shared state is shared again");
    else this.logger.info({ event: "shared_state_connected", redis: this.where }, "shared state in Redis");
  }

  private markDown(reason: string): void {
    if (this.state === "closed") return;
    this.problem = reason;
    this.probeAfter = Date.now() + PROBE_INTERVAL_MS;
    // While starting, the grace timer decides when the outage is reported.
    if (this.state === "ok") this.reportOutage(reason);
  }

  private reportOutage(reason: string): void {
    this.state = "degraded";
    // A dropped connection comes back with "ready"; a hung one only answers a probe. Either
    // way health recovers with no traffic.
    this.probeTimer ??= setInterval(() => {
      if (this.state === "degraded") void this.run((c) => c.ping(), true);
    }, PROBE_INTERVAL_MS);
    this.probeTimer.unref();
    this.logger.warn(
      { event: "shared_state_degraded", redis: this.where, reason },
      `Redis unreachable (${reason}): redelivery claims, history and shared answers are per process until it returns`,
    );
  }
}

/** While degraded with the connection open, how often one command may try Redis. */
const PROBE_INTERVAL_MS = 1_000;

function reasonOf(err: unknown): string {
  if (err && typeof err === "object") {
    const code = (err as { code?: unknown }).code;
    if (typeof code === "string") return code;
    const message = (err as { message?: unknown }).message;
    if (typeof message === "string" && message) return message.slice(0, 200);
  }
  return String(err).slice(0, 200);
}
