// The token the bot needs to send replies (client credentials from Entra, via MSAL) with a
// deadline. botbuilder builds its own MSAL client, whose network module sends the token POST
// with no timeout: with the token endpoint unreachable a reply hung for as long as the
// socket did (still pending after 40 s; Teams itself gives up after 15 s). Here MSAL gets a
// network module on fetch with TEAMS_HTTP_TIMEOUT_MS, and botbuilder gets it through the
// connector's MsalServiceClientCredentialsFactory, which takes a ready MSAL client.
// Managed identity (UserAssignedMSI) keeps botbuilder's own token provider (@azure/identity's
// DefaultAzureCredential, which has no overall deadline either), wrapped so that each token
// request is aborted and rejected after TEAMS_HTTP_TIMEOUT_MS.
import type { Config } from "../../platform/config.js";
import { timedFetch } from "../../platform/timed-fetch.js";
import { connector, msal } from "./botbuilder-internals.js";

type NetworkModule = NonNullable<NonNullable<ConstructorParameters<typeof msal.ConfidentialClientApplication>[0]["system"]>["networkClient"]>;
type CredentialsFactory = InstanceType<typeof connector.MsalServiceClientCredentialsFactory>;

/** MSAL's network interface on fetch, every request bounded by `timeoutMs`. */
export function timedMsalNetwork(timeoutMs: number): NetworkModule {
  const fetch = timedFetch(timeoutMs);
  const send = async (url: string, method: "GET" | "POST", options?: { headers?: Record<string, string>; body?: string }) => {
    const res = await fetch(url, { method, headers: options?.headers, body: method === "POST" ? (options?.body ?? "") : undefined });
    const text = await res.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      // MSAL's own client answers a non-JSON body with an error object of this shape.
      const kind = res.status >= 500 ? "server_error" : res.status >= 400 ? "client_error" : "unknown_error";
      body = { error: kind, error_description: `HTTP ${res.status} from ${new URL(url).host}` };
    }
    return { headers: Object.fromEntries(res.headers), body, status: res.status };
  };
  return {
    sendGetRequestAsync: async <T>(url: string, options?: { headers?: Record<string, string> }) => (await send(url, "GET", options)) as { headers: Record<string, string>; body: T; status: number },
    sendPostRequestAsync: async <T>(url: string, options?: { headers?: Record<string, string>; body?: string }) =>
      (await send(url, "POST", options)) as { headers: Record<string, string>; body: T; status: number },
  };
}

/** What a managed-identity token provider is asked (a subset of @azure/identity's TokenCredential). */
export interface TokenProvider {
  getToken(scopes: string | string[], options?: { abortSignal?: AbortSignal }): Promise<{ token: string; expiresOnTimestamp: number } | null>;
}

/** A token provider whose every request is aborted and rejected after `timeoutMs`. */
export function boundedTokenProvider(inner: TokenProvider, timeoutMs: number): TokenProvider {
  return {
    getToken: (scopes, options) => {
      const signal = AbortSignal.timeout(timeoutMs);
      const abortSignal = options?.abortSignal ? AbortSignal.any([options.abortSignal, signal]) : signal;
      return new Promise((resolve, reject) => {
        const fail = () => reject(new Error(`no managed identity token within ${timeoutMs} ms`));
        abortSignal.addEventListener("abort", fail, { once: true });
        inner.getToken(scopes, { ...options, abortSignal }).then(resolve, reject).finally(() => abortSignal.removeEventListener("abort", fail));
      });
    },
  };
}

/** Credentials for replies with a bounded token fetch; undefined where botbuilder's own factory is kept. */
export function timedCredentialsFactory(teams: Config["teams"]): CredentialsFactory | InstanceType<typeof connector.ManagedIdentityServiceClientCredentialsFactory> | undefined {
  if (teams.appId && teams.appType === "UserAssignedMSI") {
    const providers = new connector.JwtTokenProviderFactory();
    return new connector.ManagedIdentityServiceClientCredentialsFactory(teams.appId, {
      createAzureServiceTokenProvider: (appId: string) => boundedTokenProvider(providers.createAzureServiceTokenProvider(appId) as unknown as TokenProvider, teams.httpTimeoutMs) as never,
    });
  }
  if (!teams.appId || !teams.appPassword) return undefined;
  const tenant = teams.appType === "SingleTenant" && teams.tenantId ? teams.tenantId : "botframework.com";
  const client = new msal.ConfidentialClientApplication({
    auth: { clientId: teams.appId, clientSecret: teams.appPassword, authority: `${connector.AuthenticationConstants.ToChannelFromBotLoginUrlPrefix}${tenant}` },
    system: { networkClient: timedMsalNetwork(teams.httpTimeoutMs) },
  });
  // The same runtime class; TypeScript sees msal-node's ESM and CJS typings as two.
  return new connector.MsalServiceClientCredentialsFactory(teams.appId, client as unknown as ConstructorParameters<typeof connector.MsalServiceClientCredentialsFactory>[1]);
}
