// Numbered and lettered items that do not exist ("Practice 15", "toolkit recommendation 12",
// "management dimension K of Practice 4") are answered with what does exist, not with quotes
// of a neighbouring item. What exists is read from the corpus's own section ids
// (practices.<n>, toolkit.recommendations.<n>, practices.<n>.<side>.<letter>), so the rule
// covers every such item and changes with the corpus.
import { distance } from "fastest-levenshtein";
import type { Section } from "../../corpus/section.js";
import { contentTerms } from "../../retrieval/text/text-terms.js";
import { dimensionsByPlace, endsTheAsk } from "../../retrieval/whole-practice.js";
import { itemNumbersNamed } from "../../retrieval/text/number-words.js";
import type { NonexistentItem } from "./wording.js";

/** "leadership dimension K", "management dimension k", "Practice 4 management K". */
function dimensionLetters(question: string): Array<{ side: "leadership" | "management"; letter: string }> {
  const found: Array<{ side: "leadership" | "management"; letter: string }> = [];
  for (const m of question.matchAll(/\b(leadership|management)\s+(?:(?:dimension|item|letter)\s+([a-z])\b|([A-Za-z])\b(?!['’]))/gi)) {
    const letter = (m[2] ?? m[3])!;
    // Without the word "dimension" a small letter counts only at the end of the ask
    // ("integrity practice leadrship e", "managment f whats it say"), never mid-sentence
    // ("management a lot").
    const atEnd = endsTheAsk(question.slice(m.index! + m[0].length));
    if (m[2] === undefined && letter !== letter.toUpperCase() && !atEnd) continue;
    found.push({ side: m[1]!.toLowerCase() as "leadership" | "management", letter: letter.toLowerCase() });
  }
  // "the fifth leadership dimension", "Practice 8's eleventh management item": the nth letter.
  for (const { side, place } of dimensionsByPlace(question)) if (place !== "last" && place <= 26) found.push({ side, letter: String.fromCharCode(96 + place) });
  return found;
}

/** "Practice 14.5", "recommendation 6.1", "management C(ii)": sub-numbers the corpus never uses. */
const SUB_NUMBERED = /\b(practice|recommendation)\s*(\d{1,2})\.(\d{1,2})\b|\b(?:leadership|management)\s+(?:dimension\s+)?([A-Za-z])\s*\((i{1,3}|iv|\d)\)/i;

/** Item numbers are one or two digits: practices run 1 to 14, recommendations 1 to 11. */
const MAX_ITEM_NUMBER = 99;

/**
 * The numbers the corpus gives the items under `prefix` ("practices." gives 1 to 14), in
 * order: the one home for what exists, for a question naming an item and a follow-up
 * stepping to the next one alike.
 */
export function existingNumbers(prefix: string, exists: (id: string) => boolean): number[] {
  const numbers: number[] = [];
  for (let n = 1; n <= MAX_ITEM_NUMBER; n++) if (exists(`${prefix}${n}`)) numbers.push(n);
  return numbers;
}

/** The nouns the rules below key on, and the shorthand staff write for them ("rec 13", "dim F"). */
const KEY_NOUNS = ["practice", "recommendation", "leadership", "management", "dimension"];
const SHORTHAND: Record<string, string> = { practise: "practice", rec: "recommendation", recs: "recommendations", dim: "dimension", dims: "dimensions", mgmt: "management" };

/**
 * The question with its key nouns spelled right ("managment dimenson F", "practise 18"), so a
 * typo does not hide the item asked for: a word within two edits of a key noun, or of its
 * plural, is that noun.
 */
export function withKeyNounsSpelled(question: string): string {
  return question.replace(/[A-Za-z]+/g, (word) => {
    const lower = word.toLowerCase();
    if (SHORTHAND[lower]) return SHORTHAND[lower]!;
    if (lower.length < 6 || KEY_NOUNS.includes(lower)) return word;
    for (const noun of KEY_NOUNS) {
      for (const form of [noun, `${noun}s`]) if (Math.abs(form.length - lower.length) <= 2 && distance(form, lower) <= 2) return form;
    }
    return word;
  });
}

/**
 * The toolkit recommendations a question names by number that the corpus has
 * ("recommendation 7", "the seventh recommendation", "rec 7"), in the order named: they
 * are answered from first, as a named dimension is, whatever else the question's words find.
 */
export function namedRecommendations(typed: string, sections: ReadonlyMap<string, Section>): Section[] {
  const ids = [...new Set(itemNumbersNamed("recommendation", withKeyNounsSpelled(typed)).map((m) => `toolkit.recommendations.${m.n}`))];
  return ids.flatMap((id) => (sections.has(id) ? [sections.get(id)!] : []));
}

/**
 * The item a question asks for that the corpus does not have, or null. `practiceInContext`:
 * the practice a follow-up's dimension letter is of when it names none ("and management
 * dimension J of that practice?").
 */
export function missingNumberedItem(typed: string, sections: ReadonlyMap<string, Section>, practiceInContext?: number): NonexistentItem | null {
  const question = withKeyNounsSpelled(typed);
  const practices = existingNumbers("practices.", (id) => sections.has(id));
  const practiceNumbers = itemNumbersNamed("practice", question).map((m) => m.n);
  for (const n of practiceNumbers)
    if (practices.length > 0 && !practices.includes(n)) return { kind: "practice", asked: String(n), first: String(Math.min(...practices)), last: String(Math.max(...practices)) };

  const sub = SUB_NUMBERED.exec(question);
  if (sub) return { kind: "unnumbered", noun: sub[1] ? `${sub[1].toLowerCase()} sub-item` : "dimension sub-item", plural: sub[1] ? `${sub[1].toLowerCase()} sub-items` : "dimension sub-items", asked: sub[1] ? `${sub[2]}.${sub[3]}` : `${sub[4]!.toUpperCase()}(${sub[5]})` };

  const recommendations = existingNumbers("toolkit.recommendations.", (id) => sections.has(id));
  // A lettered part of a recommendation ("recommendation 6(a)"): the recommendations have none.
  const part = /\brecommendation\s*(\d{1,2})\s*\(([a-z])\)/i.exec(question);
  if (part && recommendations.length > 0)
    return { kind: "recommendation-part", asked: `${part[1]}(${part[2]!.toLowerCase()})`, first: String(Math.min(...recommendations)), last: String(Math.max(...recommendations)) };
  for (const { n } of itemNumbersNamed("recommendation", question))
    if (recommendations.length > 0 && !recommendations.includes(n))
      return { kind: "recommendation", asked: String(n), first: String(Math.min(...recommendations)), last: String(Math.max(...recommendations)) };

  // A dimension letter is checked against the one practice the question names, by number or
  // by its name just before the side ("integrity management dimension F").
  const practice = practiceNumbers.length === 1 ? practiceNumbers[0]! : (practiceNamedBeforeSide(question, sections) ?? practiceNamedInFull(question, sections) ?? practiceInContext);
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

/** The one practice whose whole name the question holds anywhere ("...every dimension of the Equity and Inclusion practice, and ... dimension C"). */
function practiceNamedInFull(question: string, sections: ReadonlyMap<string, Section>): number | undefined {
  const asked = new Set(contentTerms(question));
  const named = [...sections.values()].filter((practice) => {
    if (!/^practices\.\d+$/.test(practice.id)) return false;
    const name = contentTerms(practice.title.replace(/^Practice \d+:\s*/, ""));
    return name.length >= 2 && name.every((w) => asked.has(w));
  });
  return named.length === 1 ? Number(named[0]!.id.split(".")[1]) : undefined;
}

/** Practice names as staff shorten them: "HR" is Human Resources. */
const NAME_SHORTHAND: Record<string, string[]> = { hr: ["human", "resourc"], it: ["technolog"], tech: ["technolog"] };

/**
 * The practice whose name stands just before "leadership" or "management" in the question
 * ("integrity management dimension F", "the HR practice management dimension H"): the one
 * whose name shares most words with the five before it, a word matching by its stem, its
 * start ("tech") or within one edit per six letters ("efectiveness"); none on a tie.
 */
function practiceNamedBeforeSide(question: string, sections: ReadonlyMap<string, Section>): number | undefined {
  const before = /((?:[\w'’-]+\s+){1,5})(?:leadership|management)\s+(?:dimension|[A-Z]\b)/i.exec(question)?.[1];
  if (!before) return undefined;
  const words = before
    .split(/\s+/)
    .flatMap((w) => NAME_SHORTHAND[w.toLowerCase()] ?? contentTerms(w))
    .filter((w) => w !== "practic");
  const matches = (nameWord: string) =>
    words.some((w) => w === nameWord || (w.length >= 4 && nameWord.startsWith(w)) || (w.length >= 5 && distance(w, nameWord) <= Math.max(1, Math.floor(nameWord.length / 6))));
  let best: { practice: number; shared: number; tied: boolean } | undefined;
  for (const practice of sections.values()) {
    if (!/^practices\.\d+$/.test(practice.id)) continue;
    const shared = new Set(contentTerms(practice.title.replace(/^Practice \d+:\s*/, ""))).size === 0 ? 0 : [...new Set(contentTerms(practice.title.replace(/^Practice \d+:\s*/, "")))].filter(matches).length;
    if (shared === 0) continue;
    const number = Number(practice.id.split(".")[1]);
    if (!best || shared > best.shared) best = { practice: number, shared, tied: false };
    else if (shared === best.shared) best.tied = true;
  }
  return best && !best.tied ? best.practice : undefined;
}
