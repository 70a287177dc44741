// A first, cheap check of the bearer token on a Teams request, before botbuilder's full
// check: the token parses as a JWT, is signed with an allowed RSA algorithm by a key from
// the issuer's published key set (openid-keys.ts), and is within its validity window (five
// minutes' leeway, as botbuilder allows). Forged, expired and unverifiable tokens end here
// with a reason, quickly and without botbuilder's console.error stack traces (it prints
// one for every expired or badly signed token). A token that passes still goes through
// botbuilder's authenticateRequest, which checks issuer, audience (our app id), the
// serviceUrl claim and the key's channel endorsements: this narrows, never replaces, it.
import { verify as verifySignature } from "node:crypto";
import type { KeyLookup } from "./openid-keys.js";

export const CLOCK_LEEWAY_SECONDS = 5 * 60;
const ALGORITHMS: Record<string, string> = { RS256: "sha256", RS384: "sha384", RS512: "sha512" };

export interface KeySources {
  /** The issuer Bot Framework channels (Teams) use. */
  channelIssuer: string;
  /** Keys for tokens from that issuer. */
  channel: { find(keyId: string | undefined): Promise<KeyLookup> };
  /** Keys for every other issuer botbuilder accepts (Entra: emulator and skill tokens). */
  other: { find(keyId: string | undefined): Promise<KeyLookup> };
}

export type TokenCheck = { ok: true } | { ok: false; reason: string };

export async function checkBearerToken(authorization: string | undefined, sources: KeySources, nowMs = Date.now()): Promise<TokenCheck> {
  if (!authorization) return no("no Authorization header");
  const match = /^Bearer ([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/.exec(authorization.trim());
  if (!match) return no("the Authorization header is not a Bearer JWT");
  const [, headerPart, payloadPart, signaturePart] = match as unknown as [string, string, string, string];
  const header = decodeJson(headerPart);
  const payload = decodeJson(payloadPart);
  if (!header || !payload) return no("the token's header or claims are not JSON objects");

  const hash = typeof header.alg === "string" ? ALGORITHMS[header.alg] : undefined;
  if (!hash) return no(`signing algorithm ${JSON.stringify(String(header.alg).slice(0, 16))} is not allowed`);
  if (typeof payload.iss !== "string") return no("the token has no issuer");

  const now = Math.floor(nowMs / 1000);
  if (typeof payload.exp !== "number") return no("the token has no expiry");
  if (now > payload.exp + CLOCK_LEEWAY_SECONDS) return no(`the token expired ${now - payload.exp} s ago`);
  if (typeof payload.nbf === "number" && now + CLOCK_LEEWAY_SECONDS < payload.nbf) return no("the token is not valid yet");

  const source = payload.iss === sources.channelIssuer ? sources.channel : sources.other;
  const lookup = await source.find(typeof header.kid === "string" ? header.kid : undefined);
  if ("missing" in lookup) return no(lookup.missing);
  const signed = Buffer.from(`${headerPart}.${payloadPart}`);
  const signature = Buffer.from(signaturePart, "base64url");
  if (!verifySignature(hash, signed, lookup.found.key, signature)) return no("the signature does not match the issuer's key");
  return { ok: true };
}

function no(reason: string): TokenCheck {
  return { ok: false, reason };
}

function decodeJson(part: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, "base64url").toString("utf8"));
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
