// Numbered and lettered items that do not exist ("Practice 15", "toolkit recommendation 12",
// "management dimension K of Practice 4") are answered with what does exist, not with quotes
// of a neighbouring item. What exists is read from the corpus's own section ids
// (practices.<n>, toolkit.recommendations.<n>, practices.<n>.<side>.<letter>), so the rule
// covers every such item and changes with the corpus.
import type { Section } from "../../corpus/section.js";
import { contentTerms } from "../../retrieval/text/text-terms.js";
import { cardinalPattern, ordinalPattern, toNumber } from "./number-words.js";
import type { NonexistentItem } from "./wording.js";

const NUMBER = cardinalPattern(3);
const ORDINAL = ordinalPattern(3);

/** "practice 15", "practice #15", "practice number fifteen", "the 15th practice", "the twelfth key recommendation". */
function numberedAfter(noun: string, question: string): number[] {
  const after = new RegExp(`\\b${noun}s?\\s*(?:#|no\\.?\\s*|number\\s+)?${NUMBER}\\b`, "gi");
  const before = new RegExp(`\\b${ORDINAL}\\s+(?:[a-z'’]+\\s+){0,2}?${noun}\\b`, "gi");
  return [...question.matchAll(after), ...question.matchAll(before)].map((m) => toNumber(m[1]!)).filter((n) => n >= 0);
}

/** "leadership dimension K", "management dimension k", "Practice 4 management K". */
function dimensionLetters(question: string): Array<{ side: "leadership" | "management"; letter: string }> {
  const found: Array<{ side: "leadership" | "management"; letter: string }> = [];
  for (const m of question.matchAll(/\b(leadership|management)\s+(?:dimension\s+([a-z])\b|([A-Z])\b(?!['’]))/gi)) {
    const letter = (m[2] ?? m[3])!;
    // Without the word "dimension" only a capital letter counts ("management A", not "management a lot").
    if (m[2] === undefined && letter !== letter.toUpperCase()) continue;
    found.push({ side: m[1]!.toLowerCase() as "leadership" | "management", letter: letter.toLowerCase() });
  }
  return found;
}

function numbersOf(sections: ReadonlyMap<string, Section>, pattern: RegExp): number[] {
  return [...sections.keys()].flatMap((id) => {
    const m = pattern.exec(id);
    return m ? [Number(m[1])] : [];
  });
}

/** The item a question asks for that the corpus does not have, or null. */
export function missingNumberedItem(question: string, sections: ReadonlyMap<string, Section>): NonexistentItem | null {
  const practices = numbersOf(sections, /^practices\.(\d+)$/);
  const practiceNumbers = numberedAfter("practice", question);
  for (const n of practiceNumbers)
    if (practices.length > 0 && !practices.includes(n)) return { kind: "practice", asked: String(n), first: String(Math.min(...practices)), last: String(Math.max(...practices)) };

  const recommendations = numbersOf(sections, /^toolkit\.recommendations\.(\d+)$/);
  // A lettered part of a recommendation ("recommendation 6(a)"): the recommendations have none.
  const part = /\brecommendation\s*(\d{1,2})\s*\(([a-z])\)/i.exec(question);
  if (part && recommendations.length > 0)
    return { kind: "recommendation-part", asked: `${part[1]}(${part[2]!.toLowerCase()})`, first: String(Math.min(...recommendations)), last: String(Math.max(...recommendations)) };
  for (const n of numberedAfter("recommendation", question))
    if (recommendations.length > 0 && !recommendations.includes(n))
      return { kind: "recommendation", asked: String(n), first: String(Math.min(...recommendations)), last: String(Math.max(...recommendations)) };

  // A dimension letter is checked against the one practice the question names, by number or
  // by its name just before the side ("integrity management dimension F").
  const practice = practiceNumbers.length === 1 ? practiceNumbers[0]! : practiceNamedBeforeSide(question, sections);
  if (practice !== undefined) {
    for (const { side, letter } of dimensionLetters(question)) {
      const letters = [...sections.keys()]
        .map((id) => new RegExp(`^practices\\.${practice}\\.${side}\\.([a-z])$`).exec(id)?.[1])
        .filter((l): l is string => l !== undefined)
        .sort();
      if (letters.length > 0 && !letters.includes(letter))
        return { kind: "dimension", practice: String(practice), side, asked: letter.toUpperCase(), first: letters[0]!.toUpperCase(), last: letters.at(-1)!.toUpperCase() };
    }
  }
  return null;
}

/** The practice whose name stands just before "leadership" or "management" in the question. */
function practiceNamedBeforeSide(question: string, sections: ReadonlyMap<string, Section>): number | undefined {
  const before = /((?:[\w'’-]+\s+){1,4})(?:leadership|management)\s+(?:dimension|[A-Z]\b)/i.exec(question)?.[1];
  if (!before) return undefined;
  const words = new Set(contentTerms(before));
  const named = [...sections.values()].filter((s) => /^practices\.\d+$/.test(s.id)).filter((practice) => {
    const name = contentTerms(practice.title.replace(/^Practice \d+:\s*/, ""));
    const shared = name.filter((w) => words.has(w)).length;
    return shared > 0;
  });
  return named.length === 1 ? Number(named[0]!.id.split(".")[1]) : undefined;
}
