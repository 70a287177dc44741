// One answer per message, whatever events bring it. Editing a message that mentions the bot
// makes Slack send a new app_mention, with a new event_id but the original message's `ts` and
// an `edited` stamp, so claiming event ids (claim-event-once.ts) lets it through and it was
// answered twice. Here every message event is claimed by its channel and original `ts`: the
// edit of a message already answered finds the claim taken and is dropped.
//
// An edit that adds the mention to a message we never answered is answered, if it comes
// within EDIT_ANSWER_WINDOW_MS of the original message; a later edit is dropped unanswered,
// because past the claim store's memory we could no longer tell whether the message was
// answered, and a second answer is worse than none. A `message_changed` (how an edit arrives
// in a DM or the assistant panel) is never answered: a DM is answered when it first arrives.
import type { App } from "@slack/bolt";
import type { ListenerDeps } from "../deps.js";

/** Well inside the default claim store's one-hour memory (a shared store must remember at least this long). */
export const EDIT_ANSWER_WINDOW_MS = 10 * 60 * 1000;

interface MessageEventLike {
  type?: unknown;
  subtype?: unknown;
  channel?: unknown;
  ts?: unknown;
  edited?: unknown;
}

export function registerClaimMessageOnce(app: App, deps: Pick<ListenerDeps, "dedupe" | "logger">, now: () => number = Date.now): void {
  app.use(async ({ body, next }) => {
    const event = (body as { event?: MessageEventLike }).event;
    if (!event || (event.type !== "app_mention" && event.type !== "message") || event.subtype === "message_changed") return next();
    if (typeof event.channel !== "string" || typeof event.ts !== "string") return next();

    const edited = event.edited !== undefined;
    if (edited && !(now() - Number(event.ts) * 1000 <= EDIT_ANSWER_WINDOW_MS)) {
      deps.logger.info({ event: "slack_edit_ignored", eventType: event.type, reason: "older than the edit window" }, "ignored an edit of an old message");
      return;
    }
    let first = true;
    try {
      first = await deps.dedupe.claim(`message:${event.channel}:${event.ts}`);
    } catch (err) {
      // As for event ids: a store outage should not silence the bot.
      deps.logger.warn({ event: "slack_dedupe_failed", err }, "message de-duplication store failed");
    }
    if (!first) {
      deps.logger.info({ event: "slack_message_already_seen", eventType: event.type, edited }, edited ? "ignored an edit of a message already answered" : "ignored a message already seen");
      return;
    }
    await next();
  });
}
