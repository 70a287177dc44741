// Sections the corpus itself relates to another one, read from its own cross-references, so a
// follow-up asking for them ("is there a workshop tied to that practice?", "does the glossary
// have anything on that?") is answered from them rather than from whatever its words find:
//   - a workshop is tied to the practices its "(Practice Groups: 3, 8, 9, 14)" line names;
//   - a glossary entry is related to the sections its see-also lists, in the order its term
//     appears in that section's text ("the first of those" after a list of them).
import type { Section } from "../../corpus/section.js";

/** The practice numbers a workshop's "Practice Groups:" line names. */
export function practiceGroupsOf(workshop: Section): number[] {
  const line = /Practice Groups?:\s*([^)\n]*)/i.exec(workshop.text)?.[1] ?? "";
  // "3, 8, 9, 14" or "4-Staff Effectiveness; 9 - Community and Resident Service; and 14 - ..."
  return [...line.matchAll(/(?:^|[,;]\s*|\band\s+)(\d{1,2})\b/g)].map((m) => Number(m[1]));
}

/** The workshops tied to a practice ("practices.8"), in corpus order. */
export function workshopsTiedTo(practiceId: string, sections: Iterable<Section>): Section[] {
  const n = Number(/^practices\.(\d+)$/.exec(practiceId)?.[1]);
  if (!Number.isInteger(n)) return [];
  return [...sections].filter((s) => s.kind === "workshop" && practiceGroupsOf(s).includes(n));
}

/** The glossary entries whose see-also lists the section, in the order their terms appear in its text. */
export function glossaryEntriesFor(section: Section, sections: Iterable<Section>): Section[] {
  const text = section.text.toLowerCase();
  const at = (entry: Section) => {
    const places = [entry.title, ...(entry.aliases ?? [])].map((name) => text.indexOf(name.toLowerCase().replace(/s$/, ""))).filter((i) => i >= 0);
    return places.length ? Math.min(...places) : Infinity;
  };
  return [...sections]
    .filter((s) => s.kind === "glossary" && (s.seeAlso ?? []).includes(section.id))
    .map((entry, order) => ({ entry, place: at(entry), order }))
    .sort((a, b) => a.place - b.place || a.order - b.order)
    .map((e) => e.entry);
}

/**
 * The sections that are parts of the same thing as the given ones: each of them, its parts,
 * and, when it is a part of something (a program's price list, a practice's dimension), that
 * thing and its other parts. The roots of the practices and the toolkit, which hold whole
 * practices and documents, are not one thing. A follow-up's "what's it cost?" after the
 * cybersecurity program's schedule asks the program's price, which its price list states.
 */
export function partsOfTheSameThing(ids: Iterable<string>, sections: ReadonlyMap<string, Section>): Set<string> {
  const parents = new Set<string>();
  const same = new Set<string>();
  for (const id of ids) {
    const section = sections.get(id);
    if (!section) continue;
    same.add(id);
    parents.add(id);
    const parent = section.parent ? sections.get(section.parent) : undefined;
    if (parent && (parent.parent !== null || (parent.kind !== "practice" && parent.kind !== "toolkit"))) {
      same.add(parent.id);
      parents.add(parent.id);
    }
  }
  for (const section of sections.values()) if (section.parent && parents.has(section.parent)) same.add(section.id);
  return same;
}
