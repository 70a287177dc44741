// What a request to /slack/events must pass before bolt sees it. bolt's HTTPReceiver buffers
// up to 4 MB before checking the signature, accepts timestamps any distance in the future,
// and dereferences the parsed body without checking it is an object, so one signed `null`
// (or form `payload=null`) threw inside an un-awaited promise and, in a process where the
// embedding runtime made rejections fatal, killed the server. Here every request is:
//   1. bounded: a declared Content-Length over the limit is refused before reading, and
//      reading stops at the limit (413, connection closed);
//   2. verified: Slack's v0 signature over the exact bytes, with the timestamp within five
//      minutes either way (401);
//   3. shaped: a JSON body must be an object with a string `type` (an event callback's event
//      too, with its ids and text as strings); a form body must carry a slash command or a
//      `payload` that is such an object (400).
// Only then is the buffered body handed to bolt (which reuses it and checks it again).
import { createHmac, timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { parse as parseQueryString } from "node:querystring";
import { BodyTooLargeError, readBoundedBody } from "../../platform/read-body.js";

/** Slack's own payloads stay far below this (a button click on our longest answer is ~0.3 MB). */
export const SLACK_MAX_BODY_BYTES = 1024 * 1024;
/** Slack's replay window, applied in both directions. */
export const SLACK_TIMESTAMP_WINDOW_SECONDS = 5 * 60;

export type GateResult =
  | { ok: true; rawBody: Buffer; kind: "json" | "form"; body: Record<string, unknown> }
  | { ok: true; sslCheck: true }
  | { ok: false; status: 400 | 401 | 413 | 415; reason: string };

export interface GateOptions {
  signingSecret: string;
  maxBodyBytes?: number;
  nowMs?: number;
}

export async function admitSlackRequest(req: IncomingMessage, options: GateOptions): Promise<GateResult> {
  const maxBytes = options.maxBodyBytes ?? SLACK_MAX_BODY_BYTES;
  const kind = bodyKind(req.headers["content-type"]);
  if (!kind) return refuse(415, "content-type must be application/json or application/x-www-form-urlencoded");

  let rawBody: Buffer;
  try {
    rawBody = await readBoundedBody(req, maxBytes);
  } catch (err) {
    if (err instanceof BodyTooLargeError) return refuse(413, `body is over the ${maxBytes}-byte limit`);
    throw err;
  }
  const text = rawBody.toString("utf8");

  // Slack's SSL check is unsigned by design and carries nothing to act on.
  if (kind === "form" && parseQueryString(text).ssl_check === "1") return { ok: true, sslCheck: true };

  const signatureProblem = checkSignature(req, text, options.signingSecret, options.nowMs ?? Date.now());
  if (signatureProblem) return refuse(401, signatureProblem);

  const body = kind === "json" ? parseJsonBody(text) : parseFormBody(text);
  if (typeof body === "string") return refuse(400, body);
  return { ok: true, rawBody, kind, body };
}

function refuse(status: 400 | 401 | 413 | 415, reason: string): GateResult {
  return { ok: false, status, reason };
}

/** bolt treats exactly `application/x-www-form-urlencoded` as a form and parses anything else as JSON. */
function bodyKind(contentType: string | undefined): "json" | "form" | undefined {
  if (contentType === "application/x-www-form-urlencoded") return "form";
  if (contentType && /^application\/json\s*(;|$)/i.test(contentType)) return "json";
  return undefined;
}

function checkSignature(req: IncomingMessage, body: string, secret: string, nowMs: number): string | undefined {
  const timestampHeader = req.headers["x-slack-request-timestamp"];
  const signature = req.headers["x-slack-signature"];
  if (typeof timestampHeader !== "string" || !/^\d{1,12}$/.test(timestampHeader)) return "missing or malformed x-slack-request-timestamp";
  if (typeof signature !== "string" || !/^v0=[0-9a-f]{64}$/.test(signature)) return "missing or malformed x-slack-signature";
  const skew = Math.abs(Math.floor(nowMs / 1000) - Number(timestampHeader));
  if (skew > SLACK_TIMESTAMP_WINDOW_SECONDS) return `timestamp is ${skew} s away from now (more than ${SLACK_TIMESTAMP_WINDOW_SECONDS} s)`;
  const expected = createHmac("sha256", secret).update(`v0:${timestampHeader}:${body}`).digest();
  const given = Buffer.from(signature.slice(3), "hex");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return "signature mismatch";
  return undefined;
}

function parseJsonBody(text: string): Record<string, unknown> | string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return "body is not valid JSON";
  }
  return slackObject(parsed) ?? "body must be a JSON object with a string `type`";
}

function parseFormBody(text: string): Record<string, unknown> | string {
  const fields = parseQueryString(text);
  if ("payload" in fields) {
    if (typeof fields.payload !== "string") return "form field `payload` must appear once";
    let parsed: unknown;
    try {
      parsed = JSON.parse(fields.payload);
    } catch {
      return "form field `payload` is not valid JSON";
    }
    return slackObject(parsed) ?? "form field `payload` must be a JSON object with a string `type`";
  }
  if (typeof fields.command === "string" && fields.command.startsWith("/")) return fields as Record<string, unknown>;
  return "form body must carry a slash command or an interaction `payload`";
}

/** Parts of an interaction payload that Slack always sends as objects when it sends them at all. */
const PAYLOAD_OBJECT_FIELDS = ["user", "team", "channel", "container", "message", "view", "state", "enterprise"];

/** Fields of an event that Slack always sends as strings when it sends them at all. */
const EVENT_STRING_FIELDS = ["text", "user", "channel", "channel_type", "ts", "thread_ts", "event_ts", "subtype", "bot_id", "team"];

/**
 * An object with a string `type`. An event callback's `event` must be one too, with its
 * ids and text as strings; an interaction's actions, user, view... must be objects: bolt
 * and the listeners read them without checking.
 */
function slackObject(value: unknown): Record<string, unknown> | undefined {
  if (!isPlainObject(value) || typeof value.type !== "string") return undefined;
  if (value.type === "event_callback") {
    const event = value.event;
    if (!isPlainObject(event) || typeof event.type !== "string") return undefined;
    if (EVENT_STRING_FIELDS.some((field) => field in event && event[field] !== undefined && typeof event[field] !== "string")) return undefined;
    return value;
  }
  // Interaction payloads (block_actions, view_submission, shortcut, ...).
  if (PAYLOAD_OBJECT_FIELDS.some((field) => field in value && value[field] !== undefined && !isPlainObject(value[field]))) return undefined;
  if ("actions" in value && !(Array.isArray(value.actions) && value.actions.every(isPlainObject))) return undefined;
  if ((value.type === "view_submission" || value.type === "view_closed") && !isPlainObject(value.view)) return undefined;
  return value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
