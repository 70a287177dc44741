// "The fifth workshop", "the seventh E", "the tenth activity on the program's list", "tenet 3
// of the Declaration of Ideals": a question that numbers an item of a list the corpus does not
// number by id (numbered-items.ts covers practices, recommendations and dimensions). Such a
// question used to be answered with quotes of the list's neighbours, so the item past the end
// read as if it existed.
//
// How many items a list has is read from the corpus, three ways, most specific first:
//   - sibling sections titled by the noun ("Workshop: Design Thinking", "Workshop: ..."): the
//     workshops are as many as those sections;
//   - a count the retrieved sections state ("the four narrative groups", "the Six E's");
//   - a bulleted list (or a run of short lines) in the best retrieved section whose lead-in
//     names the noun ("Here is a list of program activities:"), or its only list.
// A noun the corpus never uses, numbered as a part of a named document ("tenet 3 of the
// Declaration"), has no such items at all. Without any of these the question goes on to the
// coverage decision: not knowing a list's length is not a reason to refuse.
import type { Section } from "../../corpus/section.js";
import type { CorpusStats } from "../../retrieval/text/corpus-stats.js";
import { isStopWord, stem, tokenize } from "../../retrieval/text/text-terms.js";
import { cardinalPattern, ordinalName, ordinalPattern, toNumber } from "../../retrieval/text/number-words.js";
import { withKeyNounsSpelled } from "./numbered-items.js";
import type { NonexistentItem } from "./wording.js";

const ORDINAL = ordinalPattern(2);
const CARDINAL = cardinalPattern(2);

/** Nouns numbered elsewhere (numbered-items.ts) or too vague to name a list ("the second one"). */
const NOT_LIST_NOUNS = new Set(["practice", "recommendation", "dimension", "one", "item", "thing", "time", "year", "day", "week", "month", "hour", "minute", "quarter", "half", "place", "person", "party", "page", "line", "paragraph"].map(stem));

/** Words after an item's number that tie it to a named document: "tenet 3 of the Declaration". */
const OF_A_DOCUMENT = /^\s*(?:of|in|from|under)\s+(?:the\s+|ICMA['’]?s?\s+)?[A-Za-z]/;

export interface NumberedReference {
  /** The nouns it may number, as asked ("workshop", "E", "tenet"), in the order written. */
  nouns: string[];
  number: number;
  /** "the fifth" or "tenet 3": how the reply names the item. */
  form: "ordinal" | "numbered";
}

/**
 * The nouns a phrase after an ordinal may end on: its first words, up to three, stopping at a
 * small word or punctuation ("the fifth workshop ICMA offers" may number workshops, ICMA or
 * offers; the corpus tells which is a list).
 */
function nounsAfter(rest: string): string[] {
  const words: string[] = [];
  for (const raw of rest.split(/\s+/)) {
    const word = raw.replace(/[,.;:?!]+$/, "").replace(/['’]s$|['’]$/, "");
    if (!/^[A-Za-z][A-Za-z-]*$/.test(word) || isStopWord(word.toLowerCase()) || words.length === 3) break;
    words.push(word);
    if (/[,.;:?!]$/.test(raw)) break;
  }
  return words;
}

/** Every "the Nth <noun>" and "<noun> N of the <document>" in a question, with the nouns it may number. */
export function numberedReferences(question: string): NumberedReference[] {
  const found: NumberedReference[] = [];
  for (const m of question.matchAll(new RegExp(`\\b${ORDINAL}\\s+([^?]*)`, "gi"))) {
    const nouns = nounsAfter(m[2]!).filter((n) => !NOT_LIST_NOUNS.has(stem(n.toLowerCase())));
    if (nouns.length > 0) found.push({ nouns, number: toNumber(m[1]!), form: "ordinal" });
  }
  for (const m of question.matchAll(new RegExp(`\\b([A-Za-z]{3,})\\s+(?:#|no\\.?\\s*|number\\s+)?${CARDINAL}\\b(?=(.*))`, "gi"))) {
    // Tied to a named document after it, or typed as keywords after one ("declaration of ideals ideal 13").
    const tied = OF_A_DOCUMENT.test(m[3]!) || (/^\d+$/.test(m[2]!) && /^\s*[?.!]*\s*$/.test(m[3]!) && question.split(/\s+/).length <= 8);
    if (isStopWord(m[1]!.toLowerCase()) || NOT_LIST_NOUNS.has(stem(m[1]!.toLowerCase())) || !tied) continue;
    found.push({ nouns: [m[1]!], number: toNumber(m[2]!), form: "numbered" });
  }
  return found.filter((r) => r.number >= 1);
}

/** The noun's comparable form: "E's", "Es" and "E" meet; "workshops" and "workshop" meet. */
function nounKey(word: string): string {
  const w = word.replace(/['’]s$/i, "");
  if (/^[A-Z]s?$/.test(w)) return w[0]!.toLowerCase();
  return stem(w.toLowerCase());
}

/** Sections titled "<Noun>: ...", the noun capitalised: the workshops, one section each. */
function titledSiblings(noun: string, sections: ReadonlyMap<string, Section>): Section[] {
  const key = nounKey(noun);
  return [...sections.values()].filter((s) => {
    const head = /^([A-Za-z]+):\s/.exec(s.title)?.[1];
    return head !== undefined && /^[A-Z]/.test(head) && nounKey(head) === key;
  });
}

/** A count a section states for the noun: "the four narrative groups", "the Six E's", "14 practices". */
function statedCount(noun: string, section: Section): number | undefined {
  const key = nounKey(noun);
  let count: number | undefined;
  for (const text of [section.title, section.text]) {
    for (const m of text.matchAll(new RegExp(`\\b${CARDINAL}\\s+((?:[A-Za-z'’-]+\\s+){0,2}[A-Za-z'’-]+)`, "gi"))) {
      // The counted noun ends the phrase, before any small word: "Six E's of Data-Driven" counts E's.
      const phrase = m[2]!.split(/\s+/);
      const end = phrase.findIndex((w) => isStopWord(w.toLowerCase()));
      const last = (end === -1 ? phrase : phrase.slice(0, end)).at(-1);
      if (last && nounKey(last) === key) count = Math.max(count ?? 0, toNumber(m[1]!));
    }
  }
  return count;
}

interface ListInText {
  leadIn: string;
  items: number;
}

/** Bulleted lists ("- ...", "• ...") and runs of three or more short unpunctuated lines. */
function listsIn(text: string): ListInText[] {
  const lines = text.split("\n").map((l) => l.trim()).filter((l) => l.length > 0);
  const lists: ListInText[] = [];
  let i = 0;
  while (i < lines.length) {
    const bullet = /^(?:[-*•]|\d{1,2}[.)])\s+/.test(lines[i]!);
    const short = (l: string) => l.length <= 80 && !/[.:?]$/.test(l) && !/^(?:[-*•]|\d{1,2}[.)])\s/.test(l);
    let j = i;
    if (bullet) while (j < lines.length && /^(?:[-*•]|\d{1,2}[.)])\s+/.test(lines[j]!)) j++;
    else if (i > 0) while (j < lines.length && short(lines[j]!)) j++;
    const items = j - i;
    if (bullet ? items >= 2 : items >= 3) {
      lists.push({ leadIn: lines[i - 1] ?? "", items });
      i = j;
    } else i++;
  }
  return lists;
}

/** The number of items of the section's list the noun names, when one can be told. */
function listLength(noun: string, section: Section): number | undefined {
  const lists = listsIn(section.text);
  const key = nounKey(noun);
  const named = lists.filter((l) => tokenize(l.leadIn).some((w) => stem(w) === key));
  const list = named[0] ?? (lists.length === 1 ? lists[0] : undefined);
  return list?.items;
}

/**
 * The item a question numbers past the end of its list, or null. `top` are the retrieved
 * sections, best first: the list asked about is among them.
 */
export function missingListedItem(question: string, top: readonly Section[], sections: ReadonlyMap<string, Section>, stats: CorpusStats): NonexistentItem | null {
  // "recomendation 7" is recommendation 7, not an item of some unnumbered list.
  for (const ref of numberedReferences(withKeyNounsSpelled(question))) {
    const found = listCount(ref, top, sections, stats);
    if (found === "unnumbered") {
      const noun = ref.nouns[0]!;
      return { kind: "unnumbered", noun: noun.toLowerCase(), plural: pluralOf(noun).toLowerCase(), asked: String(ref.number) };
    }
    if (found && ref.number > found.count) return { kind: "listed", noun: found.noun, plural: pluralOf(found.noun), asked: ordinalName(ref.number), count: found.count, where: found.where };
  }
  return null;
}

/**
 * How many items the numbered noun has, from the most specific evidence for any of its nouns:
 * sections titled by it, then a count a top section states, then the best section's list.
 */
function listCount(ref: NumberedReference, top: readonly Section[], sections: ReadonlyMap<string, Section>, stats: CorpusStats): { noun: string; count: number; where: string | null } | "unnumbered" | null {
  const [only] = ref.nouns;
  if (ref.form === "numbered" && only && !stats.knows(stem(only.toLowerCase())) && !stats.knows(nounKey(only))) return "unnumbered";
  for (const noun of ref.nouns) {
    const siblings = titledSiblings(noun, sections);
    if (siblings.length > 0) return { noun, count: siblings.length, where: null };
  }
  for (const section of top.slice(0, 3))
    for (const noun of ref.nouns) {
      const count = statedCount(noun, section);
      if (count !== undefined) return { noun, count, where: section.title };
    }
  for (const noun of ref.nouns) {
    const count = top[0] ? listLength(noun, top[0]) : undefined;
    if (count !== undefined) return { noun, count, where: top[0]!.title };
  }
  // With no list found, a noun the corpus uses only in a name ("Ideals" of the Declaration of
  // Ideals) numbers nothing.
  if (ref.nouns.length === 1 && only && usedOnlyInNames(only, sections)) return "unnumbered";
  return null;
}

/** Whether every use of the noun in the corpus is capitalised, as part of a name. */
function usedOnlyInNames(noun: string, sections: ReadonlyMap<string, Section>): boolean {
  if (/^[A-Z]s?$/.test(noun)) return false;
  const pattern = new RegExp(`\\b${noun.replace(/s$/i, "").replace(/[^A-Za-z-]/g, "")}s?\\b`, "gi");
  let used = false;
  for (const section of sections.values())
    for (const m of `${section.title} ${section.text}`.matchAll(pattern)) {
      if (!/^[A-Z]/.test(m[0])) return false;
      used = true;
    }
  return used;
}

function pluralOf(noun: string): string {
  if (/^[A-Z]$/.test(noun)) return `${noun}'s`;
  if (/(?:s|x|ch|sh)$/i.test(noun)) return `${noun}es`;
  if (/[^aeiou]y$/i.test(noun)) return `${noun.slice(0, -1)}ies`;
  return `${noun}s`;
}
