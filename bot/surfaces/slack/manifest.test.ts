// The app manifest must ask for exactly what the adapter uses, or a fresh install breaks.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { webApi } from "@slack/bolt";
import { describe, expect, it } from "vitest";
import manifestJson from "./manifest.json" with { type: "json" };
import { SLACK_EVENTS_PATH } from "./slack-app.js";
import { SLASH_COMMAND } from "./listeners/commands/practice.js";

// JSON widens scope and event names to string, so the shape is asserted and the names are checked below.
const manifest = manifestJson as webApi.AppsManifestCreateArguments["manifest"];

/**
 * Each Web API method the bot calls with its bot token, and the bot scopes it needs (from
 * docs.slack.dev/reference/methods/…). auth.test needs none; apps.connections.open (Socket
 * Mode) uses the app-level token's connections:write, which is not a bot scope.
 */
const METHOD_SCOPES: Record<string, string[]> = {
  "auth.test": [],
  // chat:write; chat:write.public lets a shared /practice answer go to a public channel the bot has not joined.
  "chat.postMessage": ["chat:write", "chat:write.public"],
  // setStatus accepts chat:write or assistant:write; setTitle and setSuggestedPrompts need assistant:write.
  "assistant.threads.setStatus": ["chat:write"],
  "assistant.threads.setTitle": ["assistant:write"],
  "assistant.threads.setSuggestedPrompts": ["assistant:write"],
};
/** Each subscribed event and the scope it needs. */
const EVENT_SCOPES: Record<string, string[]> = {
  app_mention: ["app_mentions:read"],
  "message.im": ["im:history"],
  assistant_thread_started: ["assistant:write"],
  assistant_thread_context_changed: ["assistant:write"],
};
/** Features declared in the manifest. */
const FEATURE_SCOPES: Record<string, string[]> = { slash_command: ["commands"] };

const SLACK_DIR = fileURLToPath(new URL(".", import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts") ? [path] : [];
  });
}

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
    const needed = new Set([...Object.values(METHOD_SCOPES), ...Object.values(EVENT_SCOPES), ...Object.values(FEATURE_SCOPES)].flat());
    expect([...(manifest.oauth_config?.scopes?.bot ?? [])].sort()).toEqual([...needed].sort());
    // In particular not im:read (conversations.info/list on DMs) or im:write (conversations.open): nothing calls them.
    expect(manifest.oauth_config?.scopes?.bot).not.toContain("im:read");
    expect(manifest.oauth_config?.scopes?.bot).not.toContain("im:write");
    expect(manifest.features?.assistant_view?.assistant_description).toBeTruthy();
  });

  it("knows the scope of every Web API method the Slack surface calls (a new call must be added above)", () => {
    const called = new Set<string>();
    for (const file of sourceFiles(SLACK_DIR)) {
      const text = readFileSync(file, "utf8");
      for (const m of text.matchAll(/\bclient\.([a-z]+(?:\.[a-zA-Z]+)+)\(/g)) called.add(m[1]!);
      // bolt's assistant helpers call assistant.threads.* for us.
      for (const m of text.matchAll(/\b(setStatus|setTitle|setSuggestedPrompts)\(/g)) called.add(`assistant.threads.${m[1]}`);
    }
    expect(called.size).toBeGreaterThan(0);
    for (const method of called) expect(Object.keys(METHOD_SCOPES), method).toContain(method);
    for (const event of manifest.settings?.event_subscriptions?.bot_events ?? []) expect(Object.keys(EVENT_SCOPES), event).toContain(event);
  });

  it("keeps display texts within Slack's lengths", () => {
    expect(manifest.display_information.description?.length ?? 0).toBeLessThanOrEqual(140);
    const long = manifest.display_information.long_description?.length ?? 0;
    expect(long).toBeGreaterThanOrEqual(174);
    expect(long).toBeLessThanOrEqual(4000);
  });
});
