// The golden set is the contract the eval holds the core to, so a malformed line must stop
// the run with its file:line rather than silently drop a question or an expectation.
import { readFile } from "node:fs/promises";
import { z } from "zod";

export const GOLDEN_KINDS = ["answer", "glossary", "refusal"] as const;
export type GoldenKind = (typeof GOLDEN_KINDS)[number];

/** Why a refusal case must be refused; the test set reports refusal recall for each. */
export const REFUSAL_SUBTYPES = ["out-of-scope", "near-miss", "adversarial", "nonexistent-item", "chit-chat", "non-english"] as const;
export type RefusalSubtype = (typeof REFUSAL_SUBTYPES)[number];

const nonEmpty = z.string().trim().min(1, "must be a non-empty string");

// Strict, so a typo such as "fact" for "facts" is an error instead of an empty expectation.
const GoldenLineSchema = z
  .strictObject({
    id: nonEmpty,
    q: nonEmpty,
    kind: z.enum(GOLDEN_KINDS),
    expect: z.array(nonEmpty).default([]),
    facts: z.array(nonEmpty).default([]),
    note: z.string().optional(),
    /** Refusal cases: which kind of refusal (out-of-scope, near-miss, ...). */
    subtype: z.enum(REFUSAL_SUBTYPES).optional(),
    /** How the question is written (short, long, typo, paraphrase...): informational. */
    style: z.string().optional(),
    /** Lines sharing this value are turns of one conversation, in file order. */
    conversation: nonEmpty.optional(),
  })
  .superRefine((line, ctx) => {
    if (line.subtype !== undefined && line.kind !== "refusal")
      ctx.addIssue({ code: "custom", path: ["subtype"], message: "only a refusal case has a subtype" });
    if (line.kind === "refusal") {
      if (line.expect.length > 0)
        ctx.addIssue({ code: "custom", path: ["expect"], message: "a refusal case expects no sections" });
      if (line.facts.length > 0)
        ctx.addIssue({ code: "custom", path: ["facts"], message: "a refusal case has no facts to find" });
    } else if (line.expect.length === 0) {
      ctx.addIssue({ code: "custom", path: ["expect"], message: `an ${line.kind} case needs at least one expected id` });
    }
  });

export type GoldenCase = z.infer<typeof GoldenLineSchema>;

/**
 * What a case's note names first: for a training refusal, the section it was made from
 * ("programs.equity-summits; follow-up: detail" names programs.equity-summits); undefined
 * without a note. Not checked against the corpus: a note may be free text.
 */
export function noteSubject(c: Pick<GoldenCase, "note">): string | undefined {
  return c.note?.split(";")[0]!.trim() || undefined;
}

export class GoldenSetError extends Error {}

/** Parses JSONL text; `file` only names the source in error messages. Blank lines are skipped. */
export function parseGoldenSet(text: string, file: string): GoldenCase[] {
  const cases: GoldenCase[] = [];
  const lineOfId = new Map<string, number>();
  const errors: string[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const lineNo = index + 1;
    if (raw.trim() === "") return;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch (err) {
      errors.push(`${file}:${lineNo}: invalid JSON (${(err as Error).message})`);
      return;
    }
    const parsed = GoldenLineSchema.safeParse(json);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => `${i.path.join(".") || "(line)"}: ${i.message}`);
      errors.push(`${file}:${lineNo}: ${problems.join("; ")}`);
      return;
    }
    const earlier = lineOfId.get(parsed.data.id);
    if (earlier !== undefined) {
      errors.push(`${file}:${lineNo}: duplicate id "${parsed.data.id}" (first on line ${earlier})`);
      return;
    }
    lineOfId.set(parsed.data.id, lineNo);
    cases.push(parsed.data);
  });
  if (errors.length > 0) throw new GoldenSetError(`Invalid golden set:\n${errors.join("\n")}`);
  if (cases.length === 0) throw new GoldenSetError(`${file}: the golden set has no cases`);
  return cases;
}

/** Loads several question files as one set (ids must be unique across them). */
export async function loadGoldenSets(files: readonly string[]): Promise<GoldenCase[]> {
  const cases = (await Promise.all(files.map(loadGoldenSet))).flat();
  const seen = new Set<string>();
  for (const c of cases) {
    if (seen.has(c.id)) throw new GoldenSetError(`duplicate id "${c.id}" across ${files.join(", ")}`);
    seen.add(c.id);
  }
  return cases;
}

export async function loadGoldenSet(file: string): Promise<GoldenCase[]> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (err) {
    throw new GoldenSetError(`Cannot read golden set ${file}: ${(err as Error).message}`);
  }
  return parseGoldenSet(text, file);
}

export interface CaseFilter {
  kind?: GoldenKind;
  /** Matched case-insensitively against the case id and its question. */
  grep?: RegExp;
  limit?: number;
}

export function selectCases(cases: readonly GoldenCase[], filter: CaseFilter): GoldenCase[] {
  const selected = cases.filter(
    (c) => (filter.kind === undefined || c.kind === filter.kind) && (!filter.grep || filter.grep.test(c.id) || filter.grep.test(c.q)),
  );
  return filter.limit === undefined ? selected : selected.slice(0, filter.limit);
}
