import { describe, expect, it } from "vitest";
import { boundedTokenProvider, timedCredentialsFactory } from "./timed-token-client.js";
import { connector } from "./botbuilder-internals.js";
import type { Config } from "../../platform/config.js";

const teams = (extra: Partial<Config["teams"]>) => ({ appId: "00000000-0000-0000-0000-000000000001", appPassword: "", appType: "MultiTenant", tenantId: undefined, httpTimeoutMs: 200, ...extra }) as Config["teams"];

describe("boundedTokenProvider", () => {
  it("rejects a managed-identity token request that never answers, within its deadline, and aborts it", async () => {
    let aborted = false;
    const hung = { getToken: (_s: string | string[], o?: { abortSignal?: AbortSignal }) => new Promise<never>(() => o?.abortSignal?.addEventListener("abort", () => (aborted = true))) };
    const started = Date.now();
    await expect(boundedTokenProvider(hung, 150).getToken("https://api.botframework.com/.default")).rejects.toThrow(/no managed identity token within 150 ms/);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(aborted).toBe(true);
  });

  it("passes a token through", async () => {
    const ok = { getToken: async () => ({ token: "t", expiresOnTimestamp: 1 }) };
    await expect(boundedTokenProvider(ok, 150).getToken("scope")).resolves.toEqual({ token: "t", expiresOnTimestamp: 1 });
  });
});

describe("timedCredentialsFactory", () => {
  it("bounds the token fetch for a client secret and for a managed identity", () => {
    expect(timedCredentialsFactory(teams({ appPassword: "secret" }))).toBeInstanceOf(connector.MsalServiceClientCredentialsFactory);
    expect(timedCredentialsFactory(teams({ appType: "UserAssignedMSI", tenantId: "t" }))).toBeInstanceOf(connector.ManagedIdentityServiceClientCredentialsFactory);
    expect(timedCredentialsFactory(teams({ appId: "" }))).toBeUndefined();
  });
});
