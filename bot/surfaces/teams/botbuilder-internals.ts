// The pieces of the Bot Framework SDK that botbuilder uses but does not re-export: the
// connector's authentication constants and credential factories, its per-URL cache of
// OpenID signing keys, and MSAL's client. They are loaded through botbuilder's own
// resolution, so they are the exact copies botbuilder runs with (as keep-entity-properties.ts
// does), and their shapes are checked once here so an SDK upgrade that moves them fails
// loudly at start-up instead of silently skipping the timeouts and caches built on them.
import { createRequire } from "node:module";

type Connector = typeof import("botframework-connector");
type MsalNode = typeof import("@azure/msal-node");

const require = createRequire(import.meta.url);
const botbuilderRequire = createRequire(require.resolve("botbuilder"));
const connectorPath = botbuilderRequire.resolve("botframework-connector");
const connectorRequire = createRequire(connectorPath);

export const connector = connectorRequire("botframework-connector") as Connector;
export const msal = connectorRequire("@azure/msal-node") as MsalNode;

/** What JwtTokenExtractor asks of the signing keys it verifies a token with. */
export interface OpenIdKeySource {
  getKey(keyId: string): Promise<{ key: string; endorsements?: string[] } | null>;
}

/**
 * JwtTokenExtractor keeps one key source per metadata URL in a static map, and every token
 * check looks its URL up there. Putting a source in that map makes botbuilder verify tokens
 * with keys fetched (with a deadline, cached, failures cached briefly) by our own code.
 */
export function useKeySourceFor(metadataUrl: string, source: OpenIdKeySource): void {
  const extractor = connectorRequire("botframework-connector/lib/auth/jwtTokenExtractor.js") as {
    JwtTokenExtractor?: { openIdMetadataCache?: unknown };
  };
  const cache = extractor.JwtTokenExtractor?.openIdMetadataCache;
  if (!(cache instanceof Map)) throw new Error("botframework-connector's JwtTokenExtractor.openIdMetadataCache has an unexpected shape; check botbuilder-internals.ts");
  cache.set(metadataUrl, source);
}

for (const [name, value] of Object.entries({
  AuthenticationConstants: connector.AuthenticationConstants,
  AuthenticationError: connector.AuthenticationError,
  MsalServiceClientCredentialsFactory: connector.MsalServiceClientCredentialsFactory,
  ManagedIdentityServiceClientCredentialsFactory: connector.ManagedIdentityServiceClientCredentialsFactory,
  JwtTokenProviderFactory: connector.JwtTokenProviderFactory,
  ConfidentialClientApplication: msal.ConfidentialClientApplication,
}))
  if (value === undefined) throw new Error(`the Bot Framework SDK no longer provides ${name}; check botbuilder-internals.ts`);
