import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { GoldenSetError, loadGoldenSet, noteSubject, parseGoldenSet, selectCases } from "./golden-set.js";

const line = (o: object) => JSON.stringify(o);
const answerCase = { id: "p3-voice", q: "How do I hear from people left out?", kind: "answer", expect: ["practices.3"], facts: ["left out"] };
const refusalCase = { id: "weather", q: "Weather in Denver?", kind: "refusal", expect: [], facts: [] };
const glossaryCase = { id: "def-bias", q: "define implicit bias", kind: "glossary", expect: ["glossary.implicit-bias"] };

function errorOf(text: string): string {
  try {
    parseGoldenSet(text, "golden.jsonl");
  } catch (err) {
    expect(err).toBeInstanceOf(GoldenSetError);
    return (err as Error).message;
  }
  throw new Error("expected a GoldenSetError");
}

describe("parseGoldenSet", () => {
  it("parses valid lines, skips blank ones and defaults missing arrays", () => {
    const cases = parseGoldenSet([line(answerCase), "", line(refusalCase), line(glossaryCase), ""].join("\n"), "g.jsonl");
    expect(cases.map((c) => c.id)).toEqual(["p3-voice", "weather", "def-bias"]);
    expect(cases[2]!.facts).toEqual([]);
  });

  it("names file:line for invalid JSON", () => {
    expect(errorOf([line(answerCase), "{not json"].join("\n"))).toMatch(/golden\.jsonl:2: invalid JSON/);
  });

  it("names file:line and the field for a schema problem", () => {
    const msg = errorOf(["", line(answerCase), line({ ...refusalCase, id: "x", kind: "opinion" })].join("\n"));
    expect(msg).toMatch(/golden\.jsonl:3: kind:/);
  });

  it("rejects unknown keys so a typo cannot silently drop expectations", () => {
    expect(errorOf(line({ ...glossaryCase, fact: ["bias"] }))).toMatch(/golden\.jsonl:1: .*fact/);
  });

  it("rejects a refusal with expectations and an in-scope case without", () => {
    expect(errorOf(line({ ...refusalCase, expect: ["practices.1"] }))).toMatch(/:1: expect: a refusal case expects no sections/);
    expect(errorOf(line({ ...answerCase, expect: [] }))).toMatch(/:1: expect: an answer case needs at least one expected id/);
  });

  it("rejects duplicate ids, naming both lines", () => {
    expect(errorOf([line(answerCase), line(refusalCase), line(answerCase)].join("\n"))).toMatch(
      /golden\.jsonl:3: duplicate id "p3-voice" \(first on line 1\)/,
    );
  });

  it("rejects an empty set", () => {
    expect(errorOf("\n\n")).toMatch(/no cases/);
  });

  it("loads from disk and names the file in errors", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "golden-"));
    const file = path.join(dir, "golden.jsonl");
    await writeFile(file, `${line(answerCase)}\n${line({ id: "y" })}\n`);
    await expect(loadGoldenSet(file)).rejects.toThrow(`${file}:2: `);
    await expect(loadGoldenSet(path.join(dir, "missing.jsonl"))).rejects.toThrow(/Cannot read golden set/);
  });
});

describe("selectCases", () => {
  const cases = parseGoldenSet([answerCase, refusalCase, glossaryCase].map(line).join("\n"), "g.jsonl");

  it("filters by kind, by regex over id and question, and limits", () => {
    expect(selectCases(cases, { kind: "refusal" }).map((c) => c.id)).toEqual(["weather"]);
    expect(selectCases(cases, { grep: /DEFINE/i }).map((c) => c.id)).toEqual(["def-bias"]);
    expect(selectCases(cases, { grep: /^p3-/i }).map((c) => c.id)).toEqual(["p3-voice"]);
    expect(selectCases(cases, { limit: 2 }).map((c) => c.id)).toEqual(["p3-voice", "weather"]);
    expect(selectCases(cases, {})).toHaveLength(3);
  });
});

describe("noteSubject", () => {
  it("is what a note names before any semicolon, and undefined without a note", () => {
    expect(noteSubject({ note: "programs.equity-summits; follow-up: detail" })).toBe("programs.equity-summits");
    expect(noteSubject({ note: "resources.icma-equity-commitment" })).toBe("resources.icma-equity-commitment");
    expect(noteSubject({ note: "  " })).toBeUndefined();
    expect(noteSubject({})).toBeUndefined();
  });
});
