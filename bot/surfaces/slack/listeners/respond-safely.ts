// A response_url reply that fails (expired, or the channel is gone) is logged, never thrown:
// the listener has already acked and has no one else to tell.
import type { PostAnswerDeps } from "../post-answer.js";

export async function respondSafely(deps: PostAnswerDeps, send: () => Promise<unknown>, cause?: unknown): Promise<void> {
  try {
    await send();
  } catch (err) {
    deps.logger.warn({ event: "slack_respond_failed", err, cause: cause instanceof Error ? cause.message : undefined });
  }
}
