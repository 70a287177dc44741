// The layers point one way: corpus ← retrieval ← bot/core ← surfaces, with bot/platform
// (config, logger, clients) beside the core and bot/app the one place that wires them all.
// scripts/, evals/ and bench/ are leaves: nothing imports them. This test reads every
// TypeScript file's relative imports and fails on any that points the wrong way.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOTS = ["corpus", "retrieval", "bot", "scripts", "evals", "bench"];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "node_modules" ? [] : sourceFiles(full);
    return /\.(ts|mjs)$/.test(entry.name) ? [full] : [];
  });
}

/** The layer a file belongs to: "bot/core", "bot/surfaces/slack", "retrieval", ... */
function layerOf(file: string): string {
  const parts = file.split(path.sep);
  if (parts[0] !== "bot") return parts[0]!;
  if (parts[1] === "surfaces") return `bot/surfaces/${parts[2]}`;
  return parts.length > 2 ? `bot/${parts[1]}` : "bot";
}

const IMPORT = /(?:from|import)\s*\(?\s*["'](\.{1,2}\/[^"']+)["']/g;

function importsOf(file: string): Array<{ target: string; layer: string }> {
  const text = readFileSync(file, "utf8");
  return [...text.matchAll(IMPORT)].map((m) => {
    const target = path.normalize(path.join(path.dirname(file), m[1]!));
    return { target, layer: layerOf(target) };
  });
}

/** What each layer may import besides itself and libraries. Tests may also use bot/testing. */
const ALLOWED: Record<string, (layer: string) => boolean> = {
  corpus: () => false,
  retrieval: (l) => l === "corpus",
  "bot/core": (l) => l === "corpus" || l === "retrieval",
  "bot/platform": (l) => l === "corpus",
  "bot/app": (l) => ["corpus", "retrieval", "bot/core", "bot/platform"].includes(l) || l.startsWith("bot/surfaces/"),
  "bot/testing": (l) => !["scripts", "evals", "bench"].includes(l),
  scripts: (l) => l !== "evals" && l !== "bench",
  evals: (l) => l !== "scripts" && l !== "bench",
  bench: (l) => l !== "scripts",
  bot: (l) => l !== "scripts" && l !== "evals" && l !== "bench",
};
const SURFACE_ALLOWED = (l: string) => ["corpus", "bot/core", "bot/platform"].includes(l);

function allowed(from: string, to: string, isTest: boolean): boolean {
  if (from === to) return true;
  if (isTest && to === "bot/testing") return true;
  if (from.startsWith("bot/surfaces/")) return SURFACE_ALLOWED(to);
  const rule = ALLOWED[from];
  return rule ? rule(to) : false;
}

describe("architecture", () => {
  const files = ROOTS.flatMap((root) => sourceFiles(root));

  it("finds the project's source files", () => {
    expect(files.length).toBeGreaterThan(100);
    expect(files.some((f) => layerOf(f) === "bot/core")).toBe(true);
  });

  it("has no import that points back up the layers, and nothing imports scripts/", () => {
    const backward: string[] = [];
    for (const file of files) {
      const from = layerOf(file);
      const isTest = file.endsWith(".test.ts");
      for (const { target, layer } of importsOf(file)) {
        // A script's own test may import it; nothing else may.
        if (layer === "scripts" && from === "scripts") continue;
        if (!allowed(from, layer, isTest)) backward.push(`${file} (${from}) imports ${target} (${layer})`);
      }
    }
    expect(backward).toEqual([]);
  });
});
