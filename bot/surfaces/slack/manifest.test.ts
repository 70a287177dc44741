// The app manifest must ask for exactly what the adapter uses, or a fresh install breaks.
import type { webApi } from "@slack/bolt";
import { describe, expect, it } from "vitest";
import manifestJson from "./manifest.json" with { type: "json" };
import { SLACK_EVENTS_PATH } from "./slack-app.js";
import { SLASH_COMMAND } from "./listeners/commands/practice.js";

// JSON widens scope and event names to string, so the shape is asserted and the names are checked below.
const manifest = manifestJson as webApi.AppsManifestCreateArguments["manifest"];

describe("the Slack app manifest", () => {
  it("subscribes to the events the adapter handles", () => {
    expect(manifest.settings?.event_subscriptions?.bot_events).toEqual(
      expect.arrayContaining(["app_mention", "message.im", "assistant_thread_started", "assistant_thread_context_changed"]),
    );
  });

  it("declares the slash command and interactivity (share and feedback buttons) on the events path", () => {
    const command = manifest.features?.slash_commands?.[0];
    expect(command?.command).toBe(SLASH_COMMAND);
    expect(manifest.settings?.interactivity?.is_enabled).toBe(true);
    for (const url of [command?.url, manifest.settings?.interactivity?.request_url, manifest.settings?.event_subscriptions?.request_url]) {
      expect(new URL(url ?? "").pathname).toBe(SLACK_EVENTS_PATH);
    }
  });

  it("asks for the scopes behind every Web API call and event, and no more", () => {
    expect([...(manifest.oauth_config?.scopes?.bot ?? [])].sort()).toEqual(
      [
        "app_mentions:read", // app_mention
        "assistant:write", // assistant.threads.setStatus / setTitle / setSuggestedPrompts, assistant_thread_* events
        "chat:write", // chat.postMessage
        "chat:write.public", // sharing a /practice answer to a public channel the bot has not joined
        "commands", // /practice
        "im:history", // message.im
        "im:read",
        "im:write",
      ].sort(),
    );
    expect(manifest.features?.assistant_view?.assistant_description).toBeTruthy();
  });

  it("keeps display texts within Slack's lengths", () => {
    expect(manifest.display_information.description?.length ?? 0).toBeLessThanOrEqual(140);
    const long = manifest.display_information.long_description?.length ?? 0;
    expect(long).toBeGreaterThanOrEqual(174);
    expect(long).toBeLessThanOrEqual(4000);
  });
});
