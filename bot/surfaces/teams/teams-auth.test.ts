// Teams tokens end to end through /api/messages, with the issuer's keys served by a local
// fake (or by a server that never answers, standing in for a blackholed network or DNS that
// never replies): genuine tokens are accepted; forged, expired and unverifiable ones get 401
// within a second, with one structured log line and nothing on the console.
import nock from "nock";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { channelClaims, otherKey, signToken, startFakeOpenIdServer, type FakeOpenIdServer } from "../../testing/fake-openid-server.js";
import { startHangingServer, type HangingServer } from "../../testing/hanging-server.js";
import { invoke, personalMessage, SERVICE_URL, startHarness, type Harness } from "../../testing/teams-harness.js";
import { createLogger } from "../../platform/logger.js";
import { fakePracticeGuide } from "../../testing/fake-practice-guide.js";
import { createTeamsMount } from "./teams-endpoint.js";
import { timedMsalNetwork } from "./timed-token-client.js";

const APP_ID = "5c7a1d0e-1111-4222-8333-444455556666";
const CONFIG = { appId: APP_ID, appPassword: "s3cret-app-password-value", appType: "MultiTenant" as const, localDevNoAuth: false, httpTimeoutMs: 3_000 };

let harness: Harness | undefined;
let issuer: FakeOpenIdServer | undefined;
let hanging: HangingServer | undefined;
let consoleErrors: ReturnType<typeof vi.spyOn>;
beforeEach(() => {
  consoleErrors = vi.spyOn(console, "error");
});
afterEach(async () => {
  await harness?.close();
  await issuer?.close();
  await hanging?.close();
  harness = issuer = hanging = undefined;
  consoleErrors.mockRestore();
});

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const glossaryQuery = () => invoke("composeExtension/query", { commandId: "searchGlossary", parameters: [{ name: "term", value: "impl" }] });

async function timed<T>(work: Promise<T>): Promise<{ value: T; ms: number }> {
  const began = performance.now();
  const value = await work;
  return { value, ms: performance.now() - began };
}

function rejections(h: Harness) {
  return h.logLines().filter((l) => l.event === "teams_auth_rejected");
}

describe("Teams inbound tokens", () => {
  it("accepts a token signed by the issuer's published key, for our app id and this serviceUrl", async () => {
    issuer = await startFakeOpenIdServer();
    harness = await startHarness({ config: CONFIG, metadataUrls: { channel: issuer.metadataUrl } });
    const res = await harness.post(glossaryQuery(), bearer(signToken(channelClaims(APP_ID, SERVICE_URL))));
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body).composeExtension.type).toBe("result");
    expect(rejections(harness)).toEqual([]);
    expect(harness.logLines().some((l) => l.event === "teams_openid_loaded")).toBe(true);
  });

  it.each([
    ["signed with another key", () => signToken(channelClaims(APP_ID, SERVICE_URL), { key: otherKey() }), /signature does not match/],
    ["expired an hour ago", () => signToken(channelClaims(APP_ID, SERVICE_URL, { exp: Math.floor(Date.now() / 1000) - 3600 })), /expired/],
    ["for another app id", () => signToken(channelClaims("00000000-0000-0000-0000-000000000000", SERVICE_URL)), /Invalid AppId/],
    ["for another serviceUrl", () => signToken(channelClaims(APP_ID, "https://evil.example/")), /ServiceUrl claim/],
    ["naming an unknown key", () => signToken(channelClaims(APP_ID, SERVICE_URL), { keyId: "nope" }), /unknown signing key/],
    ["with alg none", () => `${Buffer.from('{"alg":"none"}').toString("base64url")}.${Buffer.from(JSON.stringify(channelClaims(APP_ID, SERVICE_URL))).toString("base64url")}.x`, /algorithm/],
    ["that is not a JWT", () => "not-a-jwt", /not a Bearer JWT/],
  ])("a token %s gets 401, one log line, and nothing on the console", async (_name, token, reason) => {
    issuer = await startFakeOpenIdServer();
    harness = await startHarness({ config: CONFIG, metadataUrls: { channel: issuer.metadataUrl } });
    const { value: res, ms } = await timed(harness.post(personalMessage("hello"), bearer(token())));
    expect(res.status).toBe(401);
    expect(JSON.parse(res.body)).toEqual({ error: "Unauthorized" });
    expect(ms).toBeLessThan(1_000);
    const lines = rejections(harness);
    expect(lines).toHaveLength(1);
    expect(String(lines[0]!.reason)).toMatch(reason);
    expect(harness.guide.calls).toHaveLength(0);
    expect(consoleErrors).not.toHaveBeenCalled();
    expect(JSON.stringify(harness.logLines())).not.toContain(CONFIG.appPassword);
  });

  it("with the key endpoint never answering (blackholed network, DNS that never replies), forged tokens get 401 within 1 s, one fetch in flight", async () => {
    hanging = await startHangingServer();
    harness = await startHarness({ config: CONFIG, metadataUrls: { channel: `${hanging.baseURL}/metadata`, other: `${hanging.baseURL}/common` } });
    const forged = signToken(channelClaims(APP_ID, SERVICE_URL), { key: otherKey() });
    const results = await Promise.all(Array.from({ length: 8 }, () => timed(harness!.post(personalMessage("hello"), bearer(forged)))));
    for (const { value, ms } of results) {
      expect(value.status).toBe(401);
      expect(ms).toBeLessThan(1_000);
    }
    expect(hanging.requests).toBe(1);
    expect(rejections(harness)).toHaveLength(8);
    expect(String(rejections(harness)[0]!.reason)).toMatch(/signing keys not loaded within \d+ ms/);
    // The endpoint has now been silent past the wait: the next request does not wait again.
    const again = await timed(harness.post(personalMessage("hello"), bearer(forged)));
    expect(again.value.status).toBe(401);
    expect(again.ms).toBeLessThan(400);
    expect(hanging.requests).toBe(1);
    expect(consoleErrors).not.toHaveBeenCalled();
  });

  it("a failed key fetch (HTTP 500) is remembered: later forged requests are answered at once without fetching again", async () => {
    issuer = await startFakeOpenIdServer();
    issuer.status = 500;
    harness = await startHarness({ config: CONFIG, metadataUrls: { channel: issuer.metadataUrl } });
    const forged = signToken(channelClaims(APP_ID, SERVICE_URL));
    for (let i = 0; i < 5; i += 1) {
      const { value, ms } = await timed(harness.post(personalMessage("hello"), bearer(forged)));
      expect(value.status).toBe(401);
      expect(ms).toBeLessThan(1_000);
    }
    expect(issuer.requests).toEqual(["/metadata"]);
    expect(String(rejections(harness).at(-1)!.reason)).toBe(`signing keys unavailable (HTTP 500 from ${issuer.metadataUrl})`);
    expect(harness.logLines().filter((l) => l.event === "teams_openid_unavailable")).toHaveLength(1);
  });

  it("a missing Authorization header gets 401 without fetching keys", async () => {
    issuer = await startFakeOpenIdServer();
    harness = await startHarness({ config: CONFIG, metadataUrls: { channel: issuer.metadataUrl } });
    expect((await harness.post(personalMessage("hello"))).status).toBe(401);
    expect(issuer.requests).toEqual([]);
  });
});

describe("Teams health", () => {
  const until = async (predicate: () => boolean) => {
    const deadline = Date.now() + 5_000;
    while (!predicate() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  };

  it("is starting until the signing keys are held, then ok; start() fetches them in the background", async () => {
    issuer = await startFakeOpenIdServer();
    const mount = createTeamsMount({ config: CONFIG, guide: fakePracticeGuide(), logger: createLogger("silent"), metadataUrls: { channel: issuer.metadataUrl } });
    expect(mount.health()).toEqual({ state: "starting", mode: "authenticated" });
    await mount.start();
    await until(() => mount.health().state === "ok");
    expect(mount.health()).toEqual({ state: "ok", mode: "authenticated" });
  });

  it("is degraded, saying why, while the signing keys cannot be fetched", async () => {
    issuer = await startFakeOpenIdServer();
    issuer.status = 503;
    const mount = createTeamsMount({ config: CONFIG, guide: fakePracticeGuide(), logger: createLogger("silent"), metadataUrls: { channel: issuer.metadataUrl } });
    await mount.start();
    await until(() => mount.health().state === "degraded");
    expect(mount.health()).toEqual({ state: "degraded", mode: "authenticated", detail: `signing keys unavailable from ${issuer.metadataUrl}: HTTP 503 from ${issuer.metadataUrl}` });
  });
});

describe("Teams outbound token fetch", () => {
  it("answers a genuine message, fetching the reply token from Entra through the bounded client", async () => {
    issuer = await startFakeOpenIdServer();
    const tokenRequests: string[] = [];
    nock("https://login.microsoftonline.com")
      .post(/\/oauth2\/v2\.0\/token/)
      .reply(async (request: Request) => {
        tokenRequests.push(new URL(request.url).pathname);
        return [200, { token_type: "Bearer", expires_in: 3600, access_token: "reply-token" }];
      });
    harness = await startHarness({ config: CONFIG, metadataUrls: { channel: issuer.metadataUrl } });
    const res = await harness.post(personalMessage("What is implicit bias?"), bearer(signToken(channelClaims(APP_ID, SERVICE_URL))));
    expect(res.status).toBe(200);
    expect(harness.replies).toHaveLength(1);
    expect(tokenRequests).toEqual(["/botframework.com/oauth2/v2.0/token"]);
  });

  it("MSAL's network calls give up after the deadline instead of hanging", async () => {
    hanging = await startHangingServer();
    const network = timedMsalNetwork(300);
    const began = performance.now();
    await expect(network.sendPostRequestAsync(`${hanging.baseURL}/oauth2/v2.0/token`, { body: "grant_type=client_credentials", headers: {} })).rejects.toThrow(/no answer .* within 300 ms/);
    expect(performance.now() - began).toBeLessThan(1_000);
  });
});
