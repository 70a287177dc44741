// Section ids are a public contract: evals, citations and tools outside this repo depend
// on them. Each rule pairs an id pattern with the only kind a section with that id may have.
import type { SectionKind } from "./section.js";

const SLUG = "[a-z0-9]+(?:-[a-z0-9]+)*";

const ID_RULES: Array<{ pattern: RegExp; kind: SectionKind }> = [
  { pattern: /^practices(?:\.intro|\.groups)?$/, kind: "practice" },
  { pattern: /^practices\.(?:[1-9]|1[0-4])$/, kind: "practice" },
  { pattern: /^practices\.(?:[1-9]|1[0-4])\.(?:leadership|management)\.[a-z]$/, kind: "dimension" },
  { pattern: /^toolkit\.recommendations\.(?:[1-9]|1[01])$/, kind: "recommendation" },
  { pattern: new RegExp(`^toolkit(?:\\.${SLUG})?$`), kind: "toolkit" },
  { pattern: new RegExp(`^ideals(?:\\.${SLUG})?$`), kind: "ideals" },
  { pattern: new RegExp(`^glossary\\.${SLUG}$`), kind: "glossary" },
  { pattern: new RegExp(`^workshops(?:\\.${SLUG})+$`), kind: "workshop" },
  { pattern: new RegExp(`^programs(?:\\.${SLUG})+$`), kind: "program" },
  { pattern: new RegExp(`^research(?:\\.${SLUG})+$`), kind: "research" },
  { pattern: new RegExp(`^resources(?:\\.${SLUG})+$`), kind: "resource" },
];

/** The section that sorts the 14 practices into their four groups (in the id scheme above). */
export const PRACTICE_GROUPS_ID = "practices.groups";

/**
 * The family a section belongs to: one practice (practices.3.*), the toolkit, the ideals, the
 * workshops, the glossary, or one program, research piece or resource (programs.X.*).
 * Answers stay within the families a question is about; the eval measures the ones that don't.
 */
export function familyOf(id: string): string {
  const [root = "", second] = id.split(".");
  if (root === "practices") return second && /^\d+$/.test(second) ? `practices.${second}` : "practices";
  if (["toolkit", "ideals", "workshops", "glossary"].includes(root)) return root;
  return second ? `${root}.${second}` : root;
}

/** The kind an id's scheme requires, or undefined when the id is not in the scheme. */
export function kindForId(id: string): SectionKind | undefined {
  return ID_RULES.find((rule) => rule.pattern.test(id))?.kind;
}

/** A dimension's id read back: `practices.3.management.b` is practice `practices.3`, side management, letter b. */
export function parseDimensionId(id: string): { practiceId: string; side: "leadership" | "management"; letter: string } | undefined {
  const m = /^(practices\.\d+)\.(leadership|management)\.([a-z])$/.exec(id);
  return m ? { practiceId: m[1]!, side: m[2] as "leadership" | "management", letter: m[3]! } : undefined;
}

/** `glossary.<slug>` for a term: lowercase words joined by "-". */
export function glossarySlug(term: string): string {
  return term
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}
