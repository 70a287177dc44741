// REDIS_URL switches shared state to Redis; without it there is no Redis config at all.
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config.js";

describe("loadConfig: shared state", () => {
  it("has no Redis unless REDIS_URL is set (empty counts as unset)", () => {
    expect(loadConfig({}).redis).toBeUndefined();
    expect(loadConfig({ REDIS_URL: " " }).redis).toBeUndefined();
  });

  it("reads REDIS_URL and gives every command a deadline, 500 ms unless set", () => {
    expect(loadConfig({ REDIS_URL: "redis://:pw@cache:6379/0" }).redis).toEqual({ url: "redis://:pw@cache:6379/0", commandTimeoutMs: 500 });
    expect(loadConfig({ REDIS_URL: "rediss://cache:6380", REDIS_TIMEOUT_MS: "250" }).redis).toEqual({ url: "rediss://cache:6380", commandTimeoutMs: 250 });
  });

  it("rejects a REDIS_URL that is not a redis:// or rediss:// URL, naming the variable", () => {
    expect(() => loadConfig({ REDIS_URL: "http://cache:6379" })).toThrow(ConfigError);
    expect(() => loadConfig({ REDIS_URL: "cache:6379" })).toThrow(/REDIS_URL/);
  });
});
