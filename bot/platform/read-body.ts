// Reads a request body with a size bound, for routes that must see the whole body (to check
// a signature or parse JSON). A declared Content-Length over the bound is refused before
// reading; otherwise reading stops at the bound. The stream is paused, not destroyed, so the
// route can still answer 413, and it must answer with `Connection: close` (sendTooLarge):
// the unread rest of the body would otherwise be taken for the next request on the socket.
import type { IncomingMessage, ServerResponse } from "node:http";

export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`Request body is over the ${limit}-byte limit.`);
  }
}

/** The body, or BodyTooLargeError once it is (or declares itself) longer than `maxBytes`. */
export function readBoundedBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const declared = Number(req.headers["content-length"]);
  if (Number.isFinite(declared) && declared > maxBytes) return Promise.reject(new BodyTooLargeError(maxBytes));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const cleanup = () => {
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("error", onError);
      req.off("close", onClose);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        cleanup();
        req.pause();
        reject(new BodyTooLargeError(maxBytes));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(Buffer.concat(chunks));
    };
    const onError = (err: Error) => {
      cleanup();
      reject(err);
    };
    const onClose = () => {
      if (req.complete) return;
      cleanup();
      reject(new Error("the client closed the connection before sending the whole body"));
    };
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("error", onError);
    req.on("close", onClose);
  });
}

/** 413 that closes the connection (the rest of the body is never read). */
export function sendTooLarge(res: ServerResponse, message: string, contentType = "text/plain; charset=utf-8"): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  res.writeHead(413, { "Content-Type": contentType, "Content-Length": Buffer.byteLength(message), Connection: "close" });
  res.end(message);
}
