import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { kindForId, parseDimensionId } from "./id-scheme.js";
import { CorpusError, loadCorpus, MAX_SECTION_CHARS } from "./load-corpus.js";

const SEEDS_DIR = path.resolve("../shared/seeds");
const PRACTICES_SEED = "004_0ef694d80c07b87f.txt";
const corpus = loadCorpus("corpus");

/**
 * Counts each practice's leadership and management dimensions straight from the seed:
 * a practice starts at "N. NAME IN CAPITALS"; a dimension is a line that is a list item
 * ("- ...") or starts with a letter and a dot; a list restarting at "A." is the management side.
 */
function countDimensionsInSeed(): Map<number, { leadership: number; management: number }> {
  const lines = readFileSync(path.join(SEEDS_DIR, PRACTICES_SEED), "utf8").split("\n");
  const counts = new Map<number, { leadership: number; management: number }>();
  let practice = 0;
  let side: "leadership" | "management" = "leadership";
  let sawDefinition = false;
  for (const [i, line] of lines.entries()) {
    const heading = /^(\d+)\. [A-Z][A-Z ,]+$/.exec(line);
    if (heading && i > 40) {
      practice = Number(heading[1]);
      counts.set(practice, { leadership: 0, management: 0 });
      side = "leadership";
      sawDefinition = false;
      continue;
    }
    if (!practice || !line.trim() || /dimensions that contribute/.test(line)) {
      if (/^Management dimensions/.test(line)) side = "management";
      continue;
    }
    const isItem = /^- /.test(line) || /^(?:\*\*)?[A-Za-z]\.(?:\*\*)? /.test(line);
    if (!isItem) {
      sawDefinition = true;
      continue;
    }
    if (sawDefinition && /^(?:- )?A\. /.test(line) && counts.get(practice)!.leadership > 0) side = "management";
    counts.get(practice)![side] += 1;
  }
  return counts;
}

function normalise(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

describe("the real corpus", () => {
  it("has the 14 practices, each with every dimension the source lists", () => {
    const fromSeed = countDimensionsInSeed();
    expect(fromSeed.size).toBe(14);
    for (let n = 1; n <= 14; n++) {
      expect(corpus.byId.get(`practices.${n}`)?.kind).toBe("practice");
      const dims = corpus.sections.filter((s) => s.parent === `practices.${n}` && s.kind === "dimension");
      const leadership = dims.filter((s) => s.id.includes(".leadership.")).length;
      const management = dims.filter((s) => s.id.includes(".management.")).length;
      expect({ n, leadership, management }).toEqual({ n, ...fromSeed.get(n)! });
    }
    // The totals read off the source by hand, so a miscounting counter cannot agree with a miscounted corpus.
    expect(corpus.sections.filter((s) => s.kind === "dimension")).toHaveLength(166);
    expect(corpus.sections.filter((s) => /^practices\.\d+\.leadership\./.test(s.id))).toHaveLength(76);
  });

  it("letters every side's dimensions a, b, c... without gaps", () => {
    for (let n = 1; n <= 14; n++) {
      for (const side of ["leadership", "management"]) {
        const letters = corpus.sections
          .filter((s) => s.id.startsWith(`practices.${n}.${side}.`))
          .map((s) => s.id.slice(-1))
          .sort();
        expect(letters.join("")).toBe("abcdefghijklmnopqrstuvwxyz".slice(0, letters.length));
      }
    }
  });

  it("has the toolkit's 11 recommendations in the source's order", () => {
    const names = Array.from({ length: 11 }, (_, i) => corpus.byId.get(`toolkit.recommendations.${i + 1}`)?.text);
    const listed = corpus.byId.get("toolkit.recommendations")!.text;
    const inSource = [...listed.matchAll(/\((\d+)\) ([^;.]+?)(?:;|\.)/g)].map((m) => m[2]!.replace(/^and /, "").trim());
    expect(inSource).toHaveLength(11);
    expect(names).toEqual(inSource);
    expect(corpus.byId.get("toolkit")?.kind).toBe("toolkit");
    expect(corpus.byId.get("ideals")?.kind).toBe("ideals");
  });

  it("has at least 40 project-written glossary terms, including the required ones, with aliases and source uses", () => {
    const glossary = corpus.sections.filter((s) => s.kind === "glossary");
    expect(glossary.length).toBeGreaterThanOrEqual(40);
    for (const slug of [
      "equity", "equality", "inclusion", "diversity", "belonging", "implicit-bias", "explicit-bias",
      "institutional-racism", "structural-racism", "systemic-racism", "individual-racism", "white-privilege",
      "racial-equity", "social-justice", "equity-lens", "disparity", "disparate-impact", "cultural-competence",
      "affinity-group", "mentoring-program", "microaggression", "intersectionality", "marginalized-communities",
      "underrepresented-groups", "allyship", "anti-racism", "lgbtqia", "accessibility", "truth-and-reconciliation",
    ]) {
      expect(corpus.byId.get(`glossary.${slug}`), slug).toBeDefined();
    }
    for (const entry of glossary) {
      expect(entry.writtenBy).toBe("project");
      expect(entry.source).toBeNull();
    }
    expect(corpus.byId.get("glossary.implicit-bias")?.aliases).toContain("unconscious bias");
    expect(corpus.byId.get("glossary.implicit-bias")?.seeAlso).toContain("practices.3.management.c");
  });

  it("gives every section an id in the scheme and a kind that matches it", () => {
    for (const s of corpus.sections) {
      expect(s.id).toMatch(/^[a-z0-9.-]+$/);
      expect(kindForId(s.id), s.id).toBe(s.kind);
      const dimension = parseDimensionId(s.id);
      expect(Boolean(dimension), s.id).toBe(s.kind === "dimension");
      if (dimension) expect(`${dimension.practiceId}.${dimension.side}.${dimension.letter}`).toBe(s.id);
      if (s.parent) expect(corpus.byId.has(s.parent), `${s.id} parent`).toBe(true);
    }
  });

  it("keeps every sourced section's text verbatim: each line is in the seed, within the section's line range", () => {
    const seeds = new Map<string, string[]>();
    const sourced = corpus.sections.filter((s) => s.source);
    expect(sourced.length).toBeGreaterThan(200);
    for (const section of sourced) {
      const { file, lines } = section.source!;
      if (!seeds.has(file)) seeds.set(file, readFileSync(path.join(SEEDS_DIR, file), "utf8").split("\n"));
      // Only whitespace, list bullets, list letters and bold markup may be cleaned from the source.
      const range = normalise(
        seeds
          .get(file)!
          .slice(lines[0] - 1, lines[1])
          .map((l) => l.replace(/^- /, "").replace(/^(?:\*\*)?[A-Za-z]\.(?:\*\*)? /, ""))
          .join(" "),
      );
      for (const line of section.text.split("\n").filter((l) => l.trim())) {
        expect(range, `${section.id}: "${line.slice(0, 60)}"`).toContain(normalise(line.replace(/^- /, "")));
      }
    }
  });
});

describe("malformed corpus files", () => {
  const valid = (id: string, extra = "") => `  - id: ${id}\n    kind: workshop\n    title: A workshop\n    lines: 1\n    text: Some text.\n${extra}`;

  const cases: Array<{ name: string; yaml: string; line: number; message: RegExp }> = [
    { name: "bad YAML", yaml: `document: X\nseed: s.txt\nsections:\n  - id: workshops.a\n    title: [unclosed\n`, line: 6, message: /malformed YAML/ },
    { name: "missing document", yaml: `seed: s.txt\nsections:\n${valid("workshops.a")}`, line: 1, message: /document/ },
    { name: "duplicate id", yaml: `document: X\nseed: s.txt\nsections:\n${valid("workshops.a")}${valid("workshops.a")}`, line: 9, message: /duplicate id "workshops.a"/ },
    { name: "id not in the scheme", yaml: `document: X\nseed: s.txt\nsections:\n${valid("workshop.a")}`, line: 4, message: /not in the section id scheme/ },
    { name: "kind that does not fit the id", yaml: `document: X\nseed: s.txt\nsections:\n${valid("programs.a")}`, line: 4, message: /must have kind "program"/ },
    { name: "unknown kind", yaml: `document: X\nseed: s.txt\nsections:\n  - id: workshops.a\n    kind: seminar\n    title: T\n    lines: 1\n    text: x\n`, line: 5, message: /kind/ },
    { name: "empty text", yaml: `document: X\nseed: s.txt\nsections:\n  - id: workshops.a\n    kind: workshop\n    title: T\n    lines: 1\n    text: "  "\n`, line: 8, message: /empty `text`/ },
    { name: "unknown parent", yaml: `document: X\nseed: s.txt\nsections:\n${valid("workshops.a", "    parent: workshops.zzz\n")}`, line: 4, message: /parent "workshops.zzz"/ },
    { name: "missing line range", yaml: `document: X\nseed: s.txt\nsections:\n  - id: workshops.a\n    kind: workshop\n    title: T\n    text: x\n`, line: 4, message: /missing `lines`/ },
  ];

  for (const c of cases) {
    it(`stops on ${c.name} with the file and line`, () => {
      const dir = mkdtempSync(path.join(tmpdir(), "corpus-"));
      const file = path.join(dir, "broken.yaml");
      writeFileSync(file, c.yaml);
      let error: unknown;
      try {
        loadCorpus(dir);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(CorpusError);
      const corpusError = error as CorpusError;
      expect(corpusError.file).toBe(file);
      expect(corpusError.message).toMatch(c.message);
      expect(corpusError.line).toBe(c.line);
      expect(corpusError.message.startsWith(`${file}:${c.line}: `)).toBe(true);
    });
  }

  it("names the file and line of keywords for an unknown section", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "corpus-"));
    writeFileSync(path.join(dir, "ok.yaml"), `document: X\nseed: s.txt\nsections:\n${valid("workshops.a")}`);
    mkdirSync(path.join(dir, "search-keywords"));
    const file = path.join(dir, "search-keywords", "k.yaml");
    writeFileSync(file, "keywords:\n  workshops.a: [one, two]\n  workshops.b: [three]\n");
    expect(() => loadCorpus(dir)).toThrowError(`${file}:3: keywords for "workshops.b", which is not a section id`);
  });
});

describe("hostile corpus files", () => {
  const header = "document: X\nseed: s.txt\nsections:\n";
  const section = (text: string) => `  - id: workshops.a\n    kind: workshop\n    title: A workshop\n    lines: 1\n    text: ${text}\n`;
  const load = (content: string | Buffer) => {
    const dir = mkdtempSync(path.join(tmpdir(), "corpus-"));
    const file = path.join(dir, "hostile.yaml");
    writeFileSync(file, content);
    try {
      loadCorpus(dir);
    } catch (error) {
      expect(error).toBeInstanceOf(CorpusError);
      return { file, error: error as CorpusError };
    }
    throw new Error("expected a CorpusError");
  };

  it("rejects a section longer than the limit at its text line", () => {
    const { file, error } = load(header + section("x".repeat(MAX_SECTION_CHARS + 1)));
    expect(error.message).toBe(`${file}:8: \`text\` is longer than 20,000 characters: split the section into several`);
  });

  it("rejects bytes that are not UTF-8 at their line, instead of storing U+FFFD", () => {
    const bytes = Buffer.concat([Buffer.from(header + section("Caf").slice(0, -1)), Buffer.from([0xe9]), Buffer.from(" text\n")]);
    // The 0xE9 byte (Latin-1 "é") lands on line 8, the text line.
    expect(load(bytes).error.line).toBe(8);
    expect(load(bytes).error.problem).toMatch(/not valid UTF-8/);
  });

  it("rejects a NUL byte at its line", () => {
    const { error } = load(header + section("Some\u0000text"));
    expect(error.line).toBe(8);
    expect(error.problem).toMatch(/NUL byte/);
  });

  it("rejects a YAML alias bomb with a sentence, not a stack", () => {
    const bomb = ["a: &a [x, x, x, x, x, x, x, x, x, x]", "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]", "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]", "d: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]"].join("\n");
    const { error } = load(`${header}${section("ok")}${bomb}\n`);
    expect(error.problem).toMatch(/YAML aliases expand too far/);
    expect(error.line).toBeGreaterThanOrEqual(9);
  });

  it("reports an unknown field at the field's own line", () => {
    const { error } = load(`${header}${section("ok")}    colour: blue\n`);
    expect(error.line).toBe(9);
    expect(error.problem).toBe("unknown field(s): colour");
  });

  it("says a number is not text, rather than that the text is missing", () => {
    const { error } = load(header + section("12345"));
    expect(error.line).toBe(8);
    expect(error.problem).toBe("`text` must be text (put quotes around it)");
    expect(load(header + "  - id: workshops.a\n    kind: workshop\n    title: T\n    lines: 1\n").error.problem).toBe("missing `text`");
  });
});

describe("search questions", () => {
  it("attaches the derived training questions to their sections, for search only", () => {
    const withQuestions = corpus.sections.filter((s) => s.searchQuestions?.length);
    expect(withQuestions.length).toBeGreaterThan(200);
    expect(corpus.byId.get("practices.13.management.b")!.searchQuestions!.length).toBeGreaterThan(5);
  });

  it("names the file and line of questions for an unknown section", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "corpus-"));
    writeFileSync(path.join(dir, "ok.yaml"), `document: X\nseed: s.txt\nsections:\n  - id: workshops.a\n    kind: workshop\n    title: A workshop\n    lines: 1\n    text: Some text.\n`);
    mkdirSync(path.join(dir, "search-questions"));
    const file = path.join(dir, "search-questions", "q.yaml");
    writeFileSync(file, "questions:\n  workshops.a: [how do I book it?]\n  workshops.b: [what is it?]\n");
    expect(() => loadCorpus(dir)).toThrowError(`${file}:3: questions for "workshops.b", which is not a section id`);
  });
});
