// Test double for the Bot Framework's token issuer: an OpenID metadata document and key set
// on 127.0.0.1, published for a freshly generated RSA key, and Bot Framework-shaped tokens
// signed with it (or, for forgeries, with any other key). Lets tests send genuinely signed,
// expired and forged tokens to /api/messages with no network.
import { createSign, generateKeyPairSync, type KeyObject } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export const CHANNEL_ISSUER = "https://api.botframework.com";

export interface FakeOpenIdServer {
  metadataUrl: string;
  keyId: string;
  /** Requests seen, by path. */
  requests: string[];
  /** Status for the metadata document; 200 serves it. */
  status: number;
  close(): Promise<void>;
}

export interface TokenOptions {
  /** Signs with this key instead of the published one (a forgery). */
  key?: KeyObject;
  keyId?: string;
  algorithm?: string;
}

const published = generateKeyPairSync("rsa", { modulusLength: 2048 });

export async function startFakeOpenIdServer(endorsements: string[] = ["msteams"]): Promise<FakeOpenIdServer> {
  const handle: FakeOpenIdServer = { metadataUrl: "", keyId: "fake-key-1", requests: [], status: 200, close: async () => {} };
  const jwk = published.publicKey.export({ format: "jwk" });
  const server: Server = createServer((req, res) => {
    handle.requests.push(req.url ?? "");
    req.resume();
    if (handle.status !== 200) {
      res.writeHead(handle.status).end("unavailable");
      return;
    }
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const body =
      req.url === "/keys"
        ? { keys: [{ kty: "RSA", use: "sig", kid: handle.keyId, n: jwk.n, e: jwk.e, endorsements }] }
        : { issuer: CHANNEL_ISSUER, jwks_uri: `${base}/keys`, id_token_signing_alg_values_supported: ["RS256"] };
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  handle.metadataUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/metadata`;
  handle.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return handle;
}

/** A JWT with these claims, signed RS256 with the published key unless `options.key` is given. */
export function signToken(claims: Record<string, unknown>, options: TokenOptions = {}): string {
  const header = { alg: options.algorithm ?? "RS256", typ: "JWT", kid: options.keyId ?? "fake-key-1" };
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const unsigned = `${encode(header)}.${encode(claims)}`;
  const signature = createSign("RSA-SHA256").update(unsigned).sign(options.key ?? published.privateKey).toString("base64url");
  return `${unsigned}.${signature}`;
}

/** The claims Bot Framework puts in a token for a message to `appId` from `serviceUrl`. */
export function channelClaims(appId: string, serviceUrl: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const now = Math.floor(Date.now() / 1000);
  return { iss: CHANNEL_ISSUER, aud: appId, serviceurl: serviceUrl, nbf: now - 60, exp: now + 3600, ...overrides };
}

/** Another key, for forgeries: right claims, wrong signer. */
export function otherKey(): KeyObject {
  return generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey;
}
