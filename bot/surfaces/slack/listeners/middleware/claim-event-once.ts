// First in the chain, so a retried event never reaches a listener (events are acked before
// middleware runs): Slack redelivers an event with the same event_id when it thinks the ack
// was late or lost, and each event must still produce at most one answer.
import type { App } from "@slack/bolt";
import type { ListenerDeps } from "../deps.js";

export function registerClaimEventOnce(app: App, deps: Pick<ListenerDeps, "dedupe" | "logger">): void {
  app.use(async ({ body, context, next }) => {
    const eventId = (body as { event_id?: unknown }).event_id;
    if (typeof eventId === "string") {
      let first = true;
      try {
        first = await deps.dedupe.claim(eventId);
      } catch (err) {
        // A store outage should not silence the bot; a rare duplicate is the lesser harm.
        deps.logger.warn({ event: "slack_dedupe_failed", err }, "event de-duplication store failed");
      }
      if (!first) {
        deps.logger.info({ event: "slack_event_duplicate", eventId, retryNum: context.retryNum }, "ignored a redelivery");
        return;
      }
    }
    await next();
  });
}
