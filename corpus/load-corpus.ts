// Reads and validates the corpus: one YAML file per source document. Any problem stops
// with a CorpusError naming the file, the line and what is wrong, before anything is written.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { isMap, isSeq, LineCounter, parseDocument, visit, type Document, type Node as YamlNode, type Pair } from "yaml";
import { z } from "zod";
import { kindForId } from "./id-scheme.js";
import { SECTION_KINDS, type Section } from "./section.js";

export class CorpusError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly problem: string,
  ) {
    super(line > 0 ? `${file}:${line}: ${problem}` : `${file}: ${problem}`);
  }
}

/**
 * Longest section text accepted. The longest real section is under 2,000 characters; a
 * section of a megabyte would be some 20,000 sentence units and minutes of embedding.
 */
export const MAX_SECTION_CHARS = 20_000;

/** "missing `x`" when absent, "`x` must be text" when present but not a string (e.g. `text: 12345`). */
const requiredText = (field: string) =>
  z.string({ error: (issue) => (issue.input === undefined ? `missing \`${field}\`` : `\`${field}\` must be text (put quotes around it)`) });

const SectionEntry = z
  .object({
    id: requiredText("id"),
    kind: z.enum(SECTION_KINDS, { error: `\`kind\` must be one of: ${SECTION_KINDS.join(", ")}` }),
    title: requiredText("title").trim().min(1, "empty `title`"),
    text: requiredText("text")
      .trim()
      .min(1, "empty `text`")
      .max(MAX_SECTION_CHARS, `\`text\` is longer than ${MAX_SECTION_CHARS.toLocaleString("en-US")} characters: split the section into several`),
    parent: z.string().optional(),
    lines: z
      .union([z.number().int().positive(), z.string().regex(/^\d+-\d+$/, "`lines` must look like 12 or 12-20")])
      .optional(),
    written_by: z.literal("project").optional(),
    aliases: z.array(z.string().min(1)).optional(),
    see_also: z.array(z.string()).optional(),
    about_every: z.enum(SECTION_KINDS, { error: `\`about_every\` must be one of: ${SECTION_KINDS.join(", ")}` }).optional(),
  })
  .strict();

const CorpusFile = z.object({
  document: z.string({ error: "missing `document` (the document's name)" }),
  seed: z.string().optional(),
  sections: z.array(z.unknown(), { error: "missing `sections` list" }).min(1, "`sections` is empty"),
});

const KEYWORDS_DIR = "search-keywords";
const QUESTIONS_DIR = "search-questions";
const UNANSWERED_DIR = "unanswered-questions";

/** YAML anchors expanded more often than this are an error (a "billion laughs" file), not a stack. */
const MAX_ALIAS_COUNT = 100;

/**
 * Reads and parses one YAML file, or throws a CorpusError at the offending line: bytes that
 * are not UTF-8 and NUL bytes (the text is quoted verbatim, so neither may slip in as
 * U+FFFD or an invisible character), malformed YAML, and alias bombs.
 */
function readYaml(filePath: string): { doc: Document.Parsed; data: unknown; lineOf: (node: YamlNode | null | undefined) => number } {
  const bytes = readFileSync(filePath);
  const lineAtByte = (offset: number) => bytes.subarray(0, offset).filter((b) => b === 0x0a).length + 1;
  const nul = bytes.indexOf(0);
  if (nul >= 0) throw new CorpusError(filePath, lineAtByte(nul), "contains a NUL byte (save the file as plain UTF-8 text)");
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    // The lossy decoding marks the first bad byte with U+FFFD; its line is the one to fix.
    const lossy = new TextDecoder("utf-8").decode(bytes);
    const line = lossy.slice(0, lossy.indexOf("\uFFFD")).split("\n").length;
    throw new CorpusError(filePath, line, "is not valid UTF-8 text (save the file as UTF-8)");
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true });
  const lineOf = (node: YamlNode | null | undefined) => (node?.range ? lineCounter.linePos(node.range[0]).line : 1);
  if (doc.errors.length > 0) {
    const err = doc.errors[0]!;
    throw new CorpusError(filePath, err.linePos?.[0]?.line ?? 1, `malformed YAML: ${err.message.split("\n")[0]}`);
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    let line = 1;
    visit(doc, { Alias: (_key, node) => ((line = lineOf(node)), visit.BREAK) });
    throw new CorpusError(filePath, line, `YAML aliases expand too far (${(error as Error).message.split("\n")[0]}); write the text out instead of using anchors`);
  }
  return { doc, data, lineOf };
}


type TermsKey = "keywords" | "questions" | "unanswered";
const FIELD_OF: Record<TermsKey, "keywords" | "searchQuestions" | "unansweredQuestions"> = { keywords: "keywords", questions: "searchQuestions", unanswered: "unansweredQuestions" };
const searchTermsFile = (key: TermsKey) =>
  z.strictObject({
    [key]: z.record(z.string(), z.array(z.string().trim().min(1, `empty ${key.slice(0, -1)}`)).min(1, `empty ${key.slice(0, -1)} list`)),
  }) as unknown as z.ZodType<Record<typeof key, Record<string, string[]>>>;

/**
 * Reads corpus/search-keywords/*.yaml (section id → keywords), corpus/search-questions/*.yaml
 * (section id → questions) or corpus/unanswered-questions/*.yaml (section id → questions it
 * does not answer) onto the sections.
 */
function attachSearchTerms(dir: string, sections: Section[], key: TermsKey): void {
  if (!existsSync(dir)) return;
  const byId = new Map(sections.map((s) => [s.id, s]));
  const field = FIELD_OF[key];
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".yaml")).sort()) {
    const filePath = path.join(dir, file);
    const { doc, data, lineOf } = readYaml(filePath);
    const parsed = searchTermsFile(key).safeParse(data);
    const map = doc.get(key, true);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const key = issue.path[1];
      const node = typeof key === "string" && isMap(map) ? (map.get(key, true) as YamlNode | undefined) : undefined;
      throw new CorpusError(filePath, lineOf(node), `${typeof key === "string" ? `${key}: ` : ""}${issue.message}`);
    }
    for (const [id, terms] of Object.entries(parsed.data[key])) {
      const section = byId.get(id);
      const keyLine = isMap(map) ? lineOf(map.items.find((pair) => String((pair.key as { value?: unknown })?.value) === id)?.key as YamlNode) : 1;
      if (!section) throw new CorpusError(filePath, keyLine, `${key} for "${id}", which is not a section id`);
      if (section[field]) throw new CorpusError(filePath, keyLine, `${key} for "${id}" are given twice`);
      section[field] = terms;
    }
  }
}

export interface LoadedCorpus {
  sections: Section[];
  byId: Map<string, Section>;
}

/** Loads every `*.yaml` file in `corpusDir`, in name order. */
export function loadCorpus(corpusDir: string): LoadedCorpus {
  if (!existsSync(corpusDir) || !statSync(corpusDir).isDirectory())
    throw new CorpusError(corpusDir, 0, "no such folder: set CORPUS_DIR to the folder that holds the corpus YAML files");
  const files = readdirSync(corpusDir)
    .filter((f) => f.endsWith(".yaml") || f.endsWith(".yml"))
    .sort();
  if (files.length === 0) throw new CorpusError(corpusDir, 0, "no .yaml corpus files found");
  const sections: Section[] = [];
  const firstSeen = new Map<string, string>();
  const pendingRefs: Array<{ file: string; line: number; from: string; to: string; field: string }> = [];

  for (const file of files) {
    const filePath = path.join(corpusDir, file);
    const { doc, data, lineOf } = readYaml(filePath);
    const top = CorpusFile.safeParse(data);
    if (!top.success) throw new CorpusError(filePath, 1, top.error.issues[0]!.message);
    const seed = top.data.seed;
    const seqNode = doc.get("sections", true);
    const items = isSeq(seqNode) ? seqNode.items : [];

    items.forEach((item, index) => {
      const node = item as YamlNode;
      const line = lineOf(node);
      const fail = (problem: string, at: YamlNode | null | undefined = node): never => {
        throw new CorpusError(filePath, lineOf(at), problem);
      };
      if (!isMap(node)) fail("each section must be a mapping with id, kind, title and text");
      const parsed = SectionEntry.safeParse(top.data.sections[index]);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        const unknown = issue.code === "unrecognized_keys";
        // An unknown field is reported at its own line; any other problem at its value's line.
        const key = unknown ? issue.keys[0] : issue.path[0];
        const pair = typeof key === "string" && isMap(node) ? (node.items as Pair[]).find((p) => (p.key as { value?: unknown })?.value === key) : undefined;
        const at = (unknown ? pair?.key : pair?.value) as YamlNode | undefined;
        const message = unknown ? `unknown field(s): ${issue.keys.join(", ")}` : issue.message;
        fail(typeof key === "string" && !unknown && !message.includes(`\`${key}\``) ? `\`${key}\`: ${message}` : message, at ?? node);
      }
      const entry = parsed.data!;
      const schemeKind = kindForId(entry.id);
      if (!schemeKind) fail(`id "${entry.id}" is not in the section id scheme (see corpus/README.md)`);
      if (schemeKind !== entry.kind) fail(`id "${entry.id}" must have kind "${schemeKind}", not "${entry.kind}"`);
      const earlier = firstSeen.get(entry.id);
      if (earlier) fail(`duplicate id "${entry.id}" (first defined at ${earlier})`);
      firstSeen.set(entry.id, `${filePath}:${line}`);

      let source: Section["source"] = null;
      if (entry.written_by === "project") {
        if (entry.lines !== undefined) fail("a project-written section has no source `lines`");
      } else {
        if (!seed) fail("section has no `written_by: project`, so its file needs a `seed`");
        if (entry.lines === undefined) fail("missing `lines` (the section's line range in the seed file)");
        const [from, to] = String(entry.lines).split("-").map(Number);
        source = { file: seed!, lines: [from!, to ?? from!] };
        if (source.lines[1] < source.lines[0]) fail(`\`lines\` ${entry.lines} ends before it starts`);
      }
      if (entry.kind === "glossary" && entry.written_by !== "project")
        fail("glossary definitions are project-written: add `written_by: project`");

      if (entry.parent) pendingRefs.push({ file: filePath, line, from: entry.id, to: entry.parent, field: "parent" });
      for (const ref of entry.see_also ?? []) pendingRefs.push({ file: filePath, line, from: entry.id, to: ref, field: "see_also" });

      sections.push({
        id: entry.id,
        kind: entry.kind,
        title: entry.title,
        text: entry.text,
        parent: entry.parent ?? null,
        source,
        ...(entry.written_by ? { writtenBy: entry.written_by } : {}),
        ...(entry.aliases ? { aliases: entry.aliases } : {}),
        ...(entry.see_also ? { seeAlso: entry.see_also } : {}),
        ...(entry.about_every ? { aboutEvery: entry.about_every } : {}),
      });
    });
  }

  attachSearchTerms(path.join(corpusDir, KEYWORDS_DIR), sections, "keywords");
  attachSearchTerms(path.join(corpusDir, QUESTIONS_DIR), sections, "questions");
  attachSearchTerms(path.join(corpusDir, UNANSWERED_DIR), sections, "unanswered");

  for (const ref of pendingRefs) {
    if (!firstSeen.has(ref.to))
      throw new CorpusError(ref.file, ref.line, `${ref.field} "${ref.to}" of "${ref.from}" is not a section id`);
  }
  return { sections, byId: new Map(sections.map((s) => [s.id, s])) };
}
