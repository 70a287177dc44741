// The signing keys behind one OpenID metadata URL (login.botframework.com for Teams, the
// Entra "common" endpoint for emulator and skill tokens), fetched by us instead of by
// botbuilder. botbuilder's own fetch has no timeout and caches no failure: offline, every
// forged request started a new fetch, and with DNS that never answers each one hung. Here:
//   - each fetch (the metadata document, then its jwks_uri) has a deadline;
//   - keys are kept for a day and refreshed in the background when stale; a failed refresh
//     keeps serving the keys already held;
//   - a failure is remembered for `failureTtlMs` (default 30 s), during which no request
//     fetches again and every lookup answers at once;
//   - an unknown key id triggers at most one refresh per `unknownKeyRefreshMs` (rotation);
//   - a lookup waits for a fetch under way only until `waitMs` after it started, so a token
//     check never takes longer than that whatever the network does, and once the endpoint
//     has been silent that long the next lookups answer at once.
import { createPublicKey, type KeyObject } from "node:crypto";
import type { Logger } from "../../platform/logger.js";
import { networkReason, timedFetch, type FetchFn } from "../../platform/timed-fetch.js";
import type { OpenIdKeySource } from "./botbuilder-internals.js";

export interface SigningKey {
  keyId: string;
  key: KeyObject;
  /** PEM (SPKI), the form botbuilder's verifier takes. */
  pem: string;
  /** Channels the key may sign for (Bot Framework keys carry these). */
  endorsements?: string[];
}

export type KeyLookup = { found: SigningKey } | { missing: string };

export interface OpenIdKeysOptions {
  metadataUrl: string;
  logger: Logger;
  timeoutMs: number;
  /** Longest a lookup waits on a fetch under way; default 500 ms. */
  waitMs?: number;
  refreshMs?: number;
  failureTtlMs?: number;
  unknownKeyRefreshMs?: number;
  fetch?: FetchFn;
}

export class OpenIdKeys implements OpenIdKeySource {
  readonly metadataUrl: string;
  private readonly logger: Logger;
  private readonly fetch: FetchFn;
  private readonly waitMs: number;
  private readonly refreshMs: number;
  private readonly failureTtlMs: number;
  private readonly unknownKeyRefreshMs: number;
  private keys = new Map<string, SigningKey>();
  private loadedAt = 0;
  private failure: { reason: string; at: number } | undefined;
  private loading: Promise<void> | undefined;
  private loadingSince = 0;

  constructor(options: OpenIdKeysOptions) {
    this.metadataUrl = options.metadataUrl;
    this.logger = options.logger;
    this.fetch = options.fetch ?? timedFetch(options.timeoutMs);
    this.waitMs = options.waitMs ?? 500;
    this.refreshMs = options.refreshMs ?? 24 * 60 * 60 * 1000;
    this.failureTtlMs = options.failureTtlMs ?? 30_000;
    this.unknownKeyRefreshMs = options.unknownKeyRefreshMs ?? 5 * 60 * 1000;
  }

  /** Starts a fetch in the background (at start-up, so the first genuine request finds keys). */
  warm(): void {
    void this.refresh();
  }

  /** The key for `keyId`, or why there is none; never waits longer than `waitMs`. */
  async find(keyId: string | undefined, now = Date.now()): Promise<KeyLookup> {
    const held = keyId ? this.keys.get(keyId) : undefined;
    const stale = now - this.loadedAt > this.refreshMs;
    const recentlyFailed = this.failure !== undefined && now - this.failure.at < this.failureTtlMs;
    if (held) {
      if (stale && !recentlyFailed) void this.refresh();
      return { found: held };
    }
    const mayRefresh = !recentlyFailed && (this.loadedAt === 0 || stale || now - this.loadedAt > this.unknownKeyRefreshMs);
    // Wait for a fetch only until `waitMs` after it started: once the endpoint has been silent
    // that long, later lookups answer at once instead of each waiting again.
    if (mayRefresh) {
      const loading = this.refresh();
      const left = this.waitMs - (now - this.loadingSince);
      if (left > 0) await this.waitAtMost(loading, left);
    }
    const fresh = keyId ? this.keys.get(keyId) : undefined;
    if (fresh) return { found: fresh };
    if (this.keys.size === 0) {
      if (this.failure) return { missing: `signing keys unavailable (${this.failure.reason})` };
      return { missing: `signing keys not loaded within ${this.waitMs} ms` };
    }
    return { missing: keyId ? `unknown signing key ${JSON.stringify(keyId.slice(0, 64))}` : "token names no signing key" };
  }

  /** For /healthz: keys held (ok), none yet (starting), or none and the last fetch failed (degraded). */
  health(): { state: "ok" | "starting" | "degraded"; detail?: string } {
    if (this.keys.size > 0) return this.failure ? { state: "ok", detail: `last refresh failed: ${this.failure.reason}` } : { state: "ok" };
    if (this.failure) return { state: "degraded", detail: `signing keys unavailable from ${this.metadataUrl}: ${this.failure.reason}` };
    return { state: "starting" };
  }

  /** botbuilder's interface (see botbuilder-internals.ts useKeySourceFor). */
  async getKey(keyId: string): Promise<{ key: string; endorsements?: string[] } | null> {
    const lookup = await this.find(keyId);
    return "found" in lookup ? { key: lookup.found.pem, endorsements: lookup.found.endorsements } : null;
  }

  private refresh(): Promise<void> {
    if (!this.loading) this.loadingSince = Date.now();
    this.loading ??= this.load().finally(() => {
      this.loading = undefined;
    });
    return this.loading;
  }

  private async load(): Promise<void> {
    try {
      const metadata = (await this.getJson(this.metadataUrl)) as { jwks_uri?: unknown };
      if (typeof metadata.jwks_uri !== "string" || !/^https?:\/\//.test(metadata.jwks_uri)) throw new Error("the metadata document has no jwks_uri");
      const jwks = (await this.getJson(metadata.jwks_uri)) as { keys?: unknown };
      if (!Array.isArray(jwks.keys)) throw new Error("the key set has no keys");
      const keys = new Map<string, SigningKey>();
      for (const jwk of jwks.keys as Array<Record<string, unknown>>) {
        if (typeof jwk.kid !== "string" || jwk.kty !== "RSA" || typeof jwk.n !== "string" || typeof jwk.e !== "string") continue;
        try {
          const key = createPublicKey({ key: { kty: "RSA", n: jwk.n, e: jwk.e }, format: "jwk" });
          const endorsements = Array.isArray(jwk.endorsements) ? jwk.endorsements.filter((x): x is string => typeof x === "string") : undefined;
          keys.set(jwk.kid, { keyId: jwk.kid, key, pem: key.export({ type: "spki", format: "pem" }).toString(), endorsements });
        } catch {
          // A malformed key is skipped; the others still verify.
        }
      }
      if (keys.size === 0) throw new Error("the key set has no usable RSA keys");
      this.keys = keys;
      this.loadedAt = Date.now();
      if (this.failure) this.logger.info({ event: "teams_openid_recovered", url: this.metadataUrl, keys: keys.size }, `signing keys loaded from ${this.metadataUrl} again`);
      else this.logger.info({ event: "teams_openid_loaded", url: this.metadataUrl, keys: keys.size }, `signing keys loaded from ${this.metadataUrl}`);
      this.failure = undefined;
    } catch (err) {
      const reason = networkReason(err);
      this.failure = { reason, at: Date.now() };
      this.logger.warn(
        { event: "teams_openid_unavailable", url: this.metadataUrl, reason, retryAfterMs: this.failureTtlMs, keysHeld: this.keys.size },
        `could not load the signing keys for checking Teams tokens from ${this.metadataUrl}: ${reason} (tried again after ${Math.round(this.failureTtlMs / 1000)} s)`,
      );
    }
  }

  private async getJson(url: string): Promise<unknown> {
    const res = await this.fetch(url, { headers: { accept: "application/json" } });
    if (!res.ok) {
      await res.body?.cancel();
      throw new Error(`HTTP ${res.status} from ${url}`);
    }
    return res.json();
  }

  private async waitAtMost(work: Promise<void>, ms: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([work, new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
    clearTimeout(timer);
  }
}
