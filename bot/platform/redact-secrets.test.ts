import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { REDACTED, redactSecrets } from "./redact-secrets.js";

// Built at run time (deterministic bytes from a hash chain) so no secret-shaped literal sits
// in the repository for scanners to flag.
const random = (alphabet: string, length: number, seed = 7) => {
  let out = "";
  let block = createHash("sha256").update(String(seed)).digest();
  while (out.length < length) {
    for (const byte of block) if (out.length < length) out += alphabet[byte % alphabet.length];
    block = createHash("sha256").update(block).digest();
  }
  return out;
};
const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const HEX = "0123456789abcdef";

describe("redactSecrets", () => {
  const secrets: Array<[string, string]> = [
    ["a Slack bot token", `xoxb-${random("0123456789", 12)}-${random("0123456789", 13)}-${random(BASE64.slice(0, 62), 24)}`],
    ["a Slack user token", `xoxp-${random("0123456789", 12)}-${random("0123456789", 12)}-${random(HEX, 32)}`],
    ["an app-level token", `xapp-1-A${random("0123456789", 10)}-${random("0123456789", 13)}-${random(HEX, 64)}`],
    ["a refresh token", `xoxe-1-${random(BASE64.slice(0, 62), 40)}`],
    ["a rotated token", `xoxe.xoxp-1-${random(BASE64.slice(0, 62), 40)}`],
    ["an OpenAI key", `sk-proj-${random(BASE64.slice(0, 62), 48)}`],
    ["a short sk- key", `sk-${random(BASE64.slice(0, 62), 20)}`],
    ["a JWT", `eyJhbGciOiJIUzI1NiJ9.${random(BASE64.slice(0, 62), 30)}.${random(BASE64.slice(0, 62), 43)}`],
    ["a hex signing secret", random(HEX, 32)],
    ["a base64 secret", `${random(BASE64, 40)}==`],
    ["a GitHub token", `ghp_${random(BASE64.slice(0, 62), 36)}`],
  ];

  for (const [what, secret] of secrets) {
    it(`redacts ${what} inside a question`, () => {
      const out = redactSecrets(`why does ${secret} get invalid_auth?`);
      expect(out).not.toContain(secret);
      expect(out).toContain(REDACTED);
      expect(out.startsWith("why does ")).toBe(true);
      expect(out.endsWith(" get invalid_auth?")).toBe(true);
    });
  }

  it("redacts bearer credentials and Authorization headers, keeping the words around them", () => {
    const token = random(BASE64.slice(0, 62), 30);
    expect(redactSecrets(`curl -H "Authorization: Bearer ${token}" fails`)).toBe(`curl -H "Authorization: ${REDACTED}" fails`);
    expect(redactSecrets(`I sent Bearer ${token}.x and got 401`)).toBe(`I sent Bearer ${REDACTED} and got 401`);
    expect(redactSecrets("api_key=abc123def456 and password: hunter22!")).toBe(`api_key=${REDACTED} and password: ${REDACTED}`);
  });

  it("redacts a Slack webhook URL's secret path", () => {
    const url = `https://hooks.slack.com/services/T0${random("ABCDEFGH0123", 8)}/B0${random("ABCDEFGH0123", 8)}/${random(BASE64.slice(0, 62), 24)}`;
    expect(redactSecrets(`posting to ${url} fails`)).toBe(`posting to https://hooks.slack.com/services/${REDACTED} fails`);
  });

  it("leaves ordinary questions, ids, URLs and long words alone", () => {
    for (const question of [
      "How do we build trust with residents?",
      "What does toolkit.recommendations.2 say about hiring?",
      "Is https://icma.org/documents/equity-inclusion-toolkit-2021-recommendations current?",
      "Explain the EquityAndInclusionToolkitRecommendations2021 naming",
      "pneumonoultramicroscopicsilicovolcanoconiosis and bearer responsibility",
      "Our token budget is 1500 and the secret to success is listening",
      "Practice 3 management dimension C 😀 and emoji 👨‍👩‍👧",
    ]) {
      expect(redactSecrets(question)).toBe(question);
    }
  });

  it("redacts every secret when several share a line", () => {
    const a = `xoxb-1-2-${random(BASE64.slice(0, 62), 24, 3)}`;
    const b = random(HEX, 40, 5);
    const out = redactSecrets(`${a} ${b}`);
    expect(out).toBe(`${REDACTED} ${REDACTED}`);
  });
});
