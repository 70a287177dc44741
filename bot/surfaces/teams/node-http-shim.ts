// CloudAdapter.process expects an Express/Restify-style request (parsed body) and response
// (status/header/send/end). The server uses plain node:http, so these adapt one to the other.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Request as BotRequest, Response as BotResponse } from "botbuilder";

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
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) throw new BodyError(413, "Request body too large.");
    chunks.push(chunk as Buffer);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    throw new BodyError(400, "Request body is not valid JSON.");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new BodyError(400, "Request body must be a JSON object.");
  }
  return parsed as Record<string, unknown>;
}

export function toBotRequest(req: IncomingMessage, body: Record<string, unknown>): BotRequest {
  return { method: req.method, headers: req.headers as Record<string, string | string[] | undefined>, body };
}

/** A response object with the Express-like methods CloudAdapter calls. */
export function toBotResponse(res: ServerResponse): BotResponse {
  return {
    socket: res.socket,
    status(code: number) {
      res.statusCode = code;
    },
    header(name: string, value: unknown) {
      res.setHeader(name, String(value));
    },
    send(body: unknown) {
      if (body === undefined || body === null || res.writableEnded) return;
      if (typeof body === "string" || Buffer.isBuffer(body)) {
        if (!res.hasHeader("content-type")) res.setHeader("content-type", "text/plain; charset=utf-8");
        res.write(body);
      } else {
        res.setHeader("content-type", "application/json; charset=utf-8");
        res.write(JSON.stringify(body));
      }
    },
    end() {
      if (!res.writableEnded) res.end();
    },
  };
}
