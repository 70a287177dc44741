// Slack's AI assistant panel. We answer from the corpus, not from what the user is viewing,
// so the thread context is not stored.
import { Assistant, type App } from "@slack/bolt";
import type { ListenerDeps } from "../deps.js";
import { assistantThreadStarted } from "./thread-started.js";
import { assistantUserMessage } from "./user-message.js";

export function registerAssistant(app: App, deps: ListenerDeps): void {
  app.assistant(
    new Assistant({
      threadStarted: assistantThreadStarted(deps),
      threadContextChanged: async () => {},
      userMessage: assistantUserMessage(deps),
    }),
  );
}
