// Loads the recorded-style OpenAI-compatible responses and the corpus sections they cite.
import { readFileSync } from "node:fs";
import type { ReconcilableSection } from "../../core/generation/reconcile-generated.js";

const here = new URL("./", import.meta.url);

export function fixtureText(name: string): string {
  return readFileSync(new URL(name, here), "utf8");
}

export function fixtureJson<T = unknown>(name: string): T {
  return JSON.parse(fixtureText(name)) as T;
}

/** The `content` the model returned in a recorded chat.completion, parsed as JSON. */
export function fixtureReply<T = unknown>(name: string): T {
  const completion = fixtureJson<{ choices: Array<{ message: { content: string } }> }>(name);
  return JSON.parse(completion.choices[0]!.message.content) as T;
}

export function fixtureSections(): ReconcilableSection[] {
  return fixtureJson<ReconcilableSection[]>("sections.json");
}

export function fixtureSectionMap(ids?: readonly string[]): Map<string, ReconcilableSection> {
  const all = fixtureSections();
  return new Map(all.filter((s) => !ids || ids.includes(s.id)).map((s) => [s.id, s]));
}
