// Slack's request signature (v0=HMAC-SHA256 of "v0:timestamp:body"), computed the way
// Slack computes it. Used by tests and the benchmark to send genuine-looking requests to
// the real bolt receiver; production verification is bolt's own.
import { createHmac } from "node:crypto";

/** content-type, x-slack-request-timestamp and x-slack-signature. */
export type SignedHeaders = Record<string, string>;

export function slackSignature(signingSecret: string, timestampSeconds: number, body: string): string {
  const digest = createHmac("sha256", signingSecret).update(`v0:${timestampSeconds}:${body}`).digest("hex");
  return `v0=${digest}`;
}

export function signedSlackHeaders(
  signingSecret: string,
  body: string,
  contentType: "application/json" | "application/x-www-form-urlencoded" = "application/json",
  timestampSeconds: number = Math.floor(Date.now() / 1000),
): SignedHeaders {
  return {
    "content-type": contentType,
    "x-slack-request-timestamp": String(timestampSeconds),
    "x-slack-signature": slackSignature(signingSecret, timestampSeconds, body),
  };
}
