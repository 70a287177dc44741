import { afterEach, describe, expect, it } from "vitest";
import { startHangingServer, type HangingServer } from "../testing/hanging-server.js";
import { FetchTimeoutError, networkReason, timedFetch } from "./timed-fetch.js";

let hanging: HangingServer | undefined;
afterEach(async () => {
  await hanging?.close();
  hanging = undefined;
});

describe("timedFetch", () => {
  it("gives up on a server that never answers after the deadline", async () => {
    hanging = await startHangingServer();
    const began = performance.now();
    const err = await timedFetch(200)(`${hanging.baseURL}/x`).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FetchTimeoutError);
    expect(performance.now() - began).toBeLessThan(1_000);
    expect(networkReason(err)).toBe("no answer within 200 ms");
  });

  it("keeps the caller's own abort as an abort, not a timeout", async () => {
    hanging = await startHangingServer();
    const controller = new AbortController();
    const pending = timedFetch(5_000)(`${hanging.baseURL}/x`, { signal: controller.signal });
    controller.abort();
    const err = await pending.catch((e: unknown) => e);
    expect(err).not.toBeInstanceOf(FetchTimeoutError);
    expect((err as Error).name).toBe("AbortError");
  });
});

describe("networkReason", () => {
  it("names the cause buried under fetch's 'fetch failed'", () => {
    const refused = new TypeError("fetch failed", { cause: Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "ECONNREFUSED" }) });
    expect(networkReason(refused)).toBe("connection refused (ECONNREFUSED)");
    const dns = new TypeError("fetch failed", { cause: Object.assign(new Error("getaddrinfo ENOTFOUND slack.test"), { code: "ENOTFOUND" }) });
    expect(networkReason(dns)).toBe("DNS lookup failed (ENOTFOUND)");
    expect(networkReason(new TypeError("fetch failed", { cause: new Error("bad port") }))).toBe("bad port");
    expect(networkReason("plain")).toBe("plain");
  });
});
