// Replies the Bot Connector refuses with 412 or 429 (with or without Retry-After) are retried
// with bounded back-off, against a local fake connector; a reply that still fails leaves one
// log line naming the status.
import { afterEach, describe, expect, it } from "vitest";
import { startFakeConnector, type FakeConnector } from "../../testing/teams-fake-connector.js";
import { personalMessage, startHarness, type Harness } from "../../testing/teams-harness.js";
import { DEFAULT_CONNECTOR_RETRY, retryAfterMs, retryDelayMs } from "./connector-retry.js";

let harness: Harness | undefined;
let connector: FakeConnector | undefined;
afterEach(async () => {
  await harness?.close();
  await connector?.close();
  harness = connector = undefined;
});

const headers = (h: Record<string, string>) => ({ get: (name: string) => h[name.toLowerCase()] });

describe("replies the Bot Connector refuses", () => {
  it("a 429 without Retry-After is retried and the answer is delivered once", async () => {
    connector = await startFakeConnector([{ status: 429 }]);
    harness = await startHarness();
    const res = await harness.post(personalMessage("What is implicit bias?", { serviceUrl: connector.serviceUrl }));

    expect(res.status).toBe(200);
    expect(connector.requests).toHaveLength(2);
    expect(connector.requests[1]!.path).toBe(connector.requests[0]!.path);
    expect(connector.delivered()).toHaveLength(1);
    expect(String(connector.delivered()[0]!.text)).toContain("Attitudes or stereotypes");
    const retries = harness.logLines().filter((l) => l.event === "teams_connector_retry");
    expect(retries).toHaveLength(1);
    expect(retries[0]).toMatchObject({ status: 429, attempt: 1, surface: "teams" });
    expect(harness.logLines().filter((l) => (l.level as number) >= 50)).toEqual([]);
  });

  it("a 412 is retried too", async () => {
    connector = await startFakeConnector([{ status: 412 }, { status: 412 }]);
    harness = await startHarness();
    await harness.post(personalMessage("What is implicit bias?", { serviceUrl: connector.serviceUrl }));
    expect(connector.requests).toHaveLength(3);
    expect(connector.delivered()).toHaveLength(1);
  });

  it("honours Retry-After, but never waits longer than the cap", async () => {
    connector = await startFakeConnector([{ status: 429, headers: { "retry-after": "1" } }, { status: 429, headers: { "retry-after": "3600" } }]);
    harness = await startHarness({ connectorRetry: { retryAfterCapMs: 1_500 } });
    const started = Date.now();
    await harness.post(personalMessage("What is implicit bias?", { serviceUrl: connector.serviceUrl }));
    const elapsed = Date.now() - started;

    expect(connector.delivered()).toHaveLength(1);
    const [first, second, third] = connector.requests;
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(950);
    expect(third!.at - second!.at).toBeGreaterThanOrEqual(1_450);
    expect(third!.at - second!.at).toBeLessThan(2_500);
    expect(elapsed).toBeLessThan(5_000);
    const retries = harness.logLines().filter((l) => l.event === "teams_connector_retry");
    expect(retries.map((r) => [r.retryAfterMs, r.delayMs])).toEqual([
      [1_000, 1_000],
      [3_600_000, 1_500],
    ]);
  });

  it("gives up after a few attempts with one error line naming the status, and keeps serving", async () => {
    connector = await startFakeConnector(Array.from({ length: 4 }, () => ({ status: 429 })));
    harness = await startHarness();
    const res = await harness.post(personalMessage("What is implicit bias?", { serviceUrl: connector.serviceUrl }));

    expect(res.status).toBe(200);
    expect(connector.requests).toHaveLength(DEFAULT_CONNECTOR_RETRY.maxAttempts);
    const errors = harness.logLines().filter((l) => (l.level as number) >= 50);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ event: "teams_reply_failed", status: 429, reply: "answer", surface: "teams" });
    expect(String(errors[0]!.msg)).toContain("429");

    await harness.post(personalMessage("What is implicit bias?", { serviceUrl: connector.serviceUrl }));
    expect(connector.delivered()).toHaveLength(1);
  });

  it("does not retry a status that may mean the reply was posted (500), and logs it", async () => {
    connector = await startFakeConnector([{ status: 500 }]);
    harness = await startHarness();
    await harness.post(personalMessage("What is implicit bias?", { serviceUrl: connector.serviceUrl }));
    expect(connector.requests).toHaveLength(1);
    expect(harness.logLines().find((l) => l.event === "teams_reply_failed")).toMatchObject({ status: 500 });
  });

  it("gives up on a connector that never answers after the per-attempt deadline, without retrying", async () => {
    const { createServer } = await import("node:http");
    const silent = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", () => resolve()));
    const port = (silent.address() as { port: number }).port;
    try {
      harness = await startHarness({ connectorRetry: { timeoutMs: 300 } });
      const started = Date.now();
      const res = await harness.post(personalMessage("What is implicit bias?", { serviceUrl: `http://127.0.0.1:${port}/` }));
      expect(res.status).toBe(200);
      expect(Date.now() - started).toBeLessThan(2_000);
      expect(harness.logLines().find((l) => l.event === "teams_reply_failed")).toMatchObject({ code: "CONNECTOR_TIMEOUT" });
    } finally {
      silent.closeAllConnections();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });
});

describe("retry timing", () => {
  it("reads Retry-After in seconds, as a date, and the millisecond headers", () => {
    const now = Date.parse("2026-12-01T12:00:00Z");
    expect(retryAfterMs(headers({ "retry-after": "2" }), now)).toBe(2_000);
    expect(retryAfterMs(headers({ "retry-after": "Tue, 01 Dec 2026 12:00:03 GMT" }), now)).toBe(3_000);
    expect(retryAfterMs(headers({ "retry-after-ms": "250" }), now)).toBe(250);
    expect(retryAfterMs(headers({ "retry-after": "soon" }), now)).toBeUndefined();
    expect(retryAfterMs(headers({}), now)).toBeUndefined();
  });

  it("backs off exponentially with jitter within the cap, and caps Retry-After", () => {
    const opts = { ...DEFAULT_CONNECTOR_RETRY, random: () => 0.999 };
    const low = { ...DEFAULT_CONNECTOR_RETRY, random: () => 0 };
    expect([1, 2, 3].map((n) => retryDelayMs(n, undefined, low))).toEqual([250, 500, 1_000]);
    expect([1, 2, 3, 4, 5].map((n) => retryDelayMs(n, undefined, opts))).toEqual([500, 1_000, 1_999, 3_998, 3_998]);
    expect(retryDelayMs(1, 60_000, opts)).toBe(DEFAULT_CONNECTOR_RETRY.retryAfterCapMs);
    expect(retryDelayMs(1, 0, opts)).toBe(0);
  });
});
