// What a POST to /api/messages must be before it is authenticated and handed to the bot: a
// JSON object of at most 1 MB that is an activity with a string `type` and a serviceUrl to
// reply to. botbuilder's CloudAdapter.process answered 500 to an activity with no or a
// numeric `type` (its validator threw outside its try), passed `text` through whatever its
// type (an object crashed the turn), and, with no serviceUrl, sent replies to
// api.botframework.com. Fields Teams always sends as strings, objects or arrays are dropped
// when they are anything else, so the bot's code can trust their types.
import type { IncomingMessage } from "node:http";
import type { Activity } from "botbuilder";
import { BodyTooLargeError, readBoundedBody } from "../../platform/read-body.js";

export const MAX_BODY_BYTES = 1_000_000;

export class BodyError extends Error {
  constructor(
    readonly status: 400 | 413 | 415,
    message: string,
  ) {
    super(message);
  }
}

/** Reads and parses the JSON body; rejects oversized, non-JSON and non-object bodies. */
export async function readJsonBody(req: IncomingMessage, maxBytes = MAX_BODY_BYTES): Promise<Record<string, unknown>> {
  const type = req.headers["content-type"] ?? "";
  if (!/^application\/json\b/i.test(type)) throw new BodyError(415, "Expected application/json.");
  let raw: Buffer;
  try {
    raw = await readBoundedBody(req, maxBytes);
  } catch (err) {
    if (err instanceof BodyTooLargeError) throw new BodyError(413, "Request body too large.");
    throw new BodyError(400, "Request body could not be read.");
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw.toString("utf8"));
  } catch {
    throw new BodyError(400, "Request body is not valid JSON.");
  }
  if (!isObject(parsed)) throw new BodyError(400, "Request body must be a JSON object.");
  return parsed;
}

export type ActivityCheck = { ok: true; activity: Activity } | { ok: false; reason: string };

const STRING_FIELDS = ["text", "id", "channelId", "locale", "textFormat", "replyToId", "name", "summary", "inputHint"];
const OBJECT_FIELDS = ["from", "recipient", "conversation", "channelData", "relatesTo", "suggestedActions"];
const ARRAY_FIELDS = ["entities", "attachments", "membersAdded", "membersRemoved"];

/** The body as an activity the adapter can run, or why it is not one (answered 400). */
export function inboundActivity(body: Record<string, unknown>): ActivityCheck {
  if (typeof body.type !== "string" || body.type.trim() === "") return { ok: false, reason: "the activity has no type (a string such as \"message\")" };
  if (typeof body.serviceUrl !== "string" || !isHttpUrl(body.serviceUrl)) return { ok: false, reason: "the activity has no serviceUrl to reply to" };
  const activity: Record<string, unknown> = { ...body };
  for (const field of STRING_FIELDS) if (field in activity && typeof activity[field] !== "string") delete activity[field];
  for (const field of OBJECT_FIELDS) if (field in activity && !isObject(activity[field])) delete activity[field];
  for (const field of ARRAY_FIELDS) if (field in activity && !Array.isArray(activity[field])) delete activity[field];
  // As botbuilder's validator does: dates as Date, the sent strings kept beside them.
  for (const [field, raw] of [["timestamp", "rawTimestamp"], ["expiration", "rawExpiration"], ["localTimestamp", "rawLocalTimestamp"]] as const) {
    if (typeof activity[field] === "string") {
      activity[raw] = activity[field];
      activity[field] = new Date(activity[field] as string);
    } else delete activity[field];
  }
  return { ok: true, activity: activity as unknown as Activity };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === "https:" || url.protocol === "http:";
  } catch {
    return false;
  }
}
