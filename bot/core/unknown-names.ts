// Things a question names that the corpus does not have: a named program, workshop, report or
// award ("the ICMA Equity Bootcamp", "the Municipal Equity Scorecard"), or a glossary entry
// ("what does the glossary say about equity debt?"). Retrieval always finds something near a
// made-up name (the Equity Officer Institute for the bootcamp, the glossary's own introduction
// for the missing entry), and the answer then reads as if the thing existed. Whether it exists
// is read from the corpus's own words, so the rule changes with the corpus:
//   - a name exists when one section holds every one of its words (ICMA apart: it is on
//     every source), its kind noun included ("Bootcamp" is in no section);
//   - a glossary entry exists when an entry's name, or an entry's text, holds every word
//     asked about.
// Only capitalised names count: "the ICMA Equity Bootcamp" is a name, "an equity bootcamp"
// is a topic, and a topic the corpus lacks is the coverage decision's to refuse.
import type { Section } from "../../corpus/section.js";
import type { CorpusStats } from "../../retrieval/text/corpus-stats.js";
import { contentTerms, isStopWord, stem } from "../../retrieval/text/text-terms.js";
import { askingClause } from "./asked-facts.js";
import type { NonexistentItem } from "./wording.js";

/** Nouns that end the name of a made thing: a program, an event, a document, an award. */
const KIND_NOUNS = new Set(
  `program programme workshop institute summit series fellowship academy bootcamp course webinar certificate certification credential
award toolkit handbook guidebook manual report scorecard index framework initiative conference cohort module checklist template
assessment survey playbook pledge challenge network center centre lab portal app podcast newsletter curriculum training seminar
class camp retreat forum roundtable guide charter strategy dashboard database grant scholarship prize medal hub series
force committee commission panel coalition`
    .split(/\s+/)
    .filter(Boolean),
);
/** Small words that may sit inside a name ("Leadership Institute on Race, Equity, and Inclusion"). */
const NAME_JOINERS = new Set(["of", "for", "on", "and", "&", "in", "the", "to"]);
/** Words on every source, which tell no name apart. */
const EVERYWHERE = new Set(["icma", "icma's"]);
/** Verbs that open a request, capitalised only for standing first ("Describe the ICMA Rural Equity Fellowship"). */
const OPENING_VERBS = new Set(["describe", "explain", "summarize", "summarise", "outline", "list", "compare", "define", "name", "find", "share", "show", "give", "tell", "detail", "review"]);
/** The product's own name is not a corpus item. */
const OWN_NAME = /\bpractice\s+guide$/i;

/** The capitalised names in a text that end in a kind noun: "ICMA Equity Bootcamp". */
export function madeThingNames(text: string): string[] {
  const words = text.split(/\s+/).map((raw) => raw.replace(/^[("“'‘]+|[)"”'’,.;:?!]+$/g, ""));
  const names: string[] = [];
  words.forEach((word, i) => {
    if (!KIND_NOUNS.has(word.toLowerCase()) || !/^[A-Z]/.test(word)) return;
    // Walk back over capitalised words and the small words between them.
    let start = i;
    for (let j = i - 1; j >= 0; j--) {
      const w = words[j]!;
      if (/^[A-Z][\w'’&-]*$/.test(w) && !isStopWord(w.toLowerCase().replace(/['’]s$/, "")) && !OPENING_VERBS.has(w.toLowerCase())) start = j;
      else if (!NAME_JOINERS.has(w.toLowerCase())) break;
    }
    // And on over "on", "of" or "for" and the capitalised words after: "Task Force on Rural Equity".
    let end = i;
    while (end + 2 < words.length && ["on", "of", "for"].includes(words[end + 1]!) && /^[A-Z]/.test(words[end + 2]!)) {
      end += 2;
      while (end + 1 < words.length && /^[A-Z][\w'’&-]*$/.test(words[end + 1]!)) end += 1;
    }
    const modifiers = [...words.slice(start, i), ...words.slice(i + 1, end + 1)].filter((w) => /^[A-Z]/.test(w) && !EVERYWHERE.has(w.toLowerCase()));
    if (modifiers.length === 0) return;
    const name = words.slice(start, end + 1);
    if (!OWN_NAME.test(name.join(" "))) names.push(name.join(" "));
  });
  return names;
}

/**
 * Titles a question puts in quotes beside a kind noun, anywhere in it: the workshop "Strategic
 * Planning for Small Communities", a report called "Service Delivery Benchmarking Report
 * 2021". Quotes mark a title the asker means exactly, so the scene before the ask counts too
 * ("My manager mentioned a report called "..."; can you summarize its findings?").
 */
export function quotedThingNames(text: string): string[] {
  const names: string[] = [];
  // Straight single quotes too, where they open after a space and close before one: 'Leading Trauma-Informed Local Government'.
  const quoted = /(?:^|[\s(])((?:[\w'’-]+\s+){0,3})(?:["“‘]([^"”’]{3,100})["”’]|'([^']{3,100})'(?=[\s,.;:!?)]|$))(\s+[\w'’-]+)?/g;
  for (const m of text.matchAll(quoted)) {
    const title = (m[2] ?? m[3])!.trim();
    const words = title.split(/\s+/);
    if (words.length < 2 || words.length > 12 || words.filter((w) => /^[A-Z0-9]/.test(w)).length < 2) continue;
    const beside = [...m[1]!.trim().split(/\s+/), m[4]?.trim() ?? "", words.at(-1)!].map((w) => w.toLowerCase().replace(/[^a-z]/g, ""));
    if (beside.some((w) => KIND_NOUNS.has(w))) names.push(title);
  }
  return names;
}

/** True when the section's words include the term, or a longer word it begins ("cyber" in "cybersecurity"). */
function holds(terms: ReadonlySet<string>, term: string): boolean {
  if (terms.has(term)) return true;
  if (term.length < 4) return false;
  for (const t of terms) if (t.startsWith(term)) return true;
  return false;
}

function wordsOfName(name: string): string[] {
  return [...new Set(contentTerms(name).filter((t) => !EVERYWHERE.has(t) && !EVERYWHERE.has(`${t}'s`)))];
}

/** The section holding most of the name's words, for "the nearest it has". */
function nearestTitle(words: readonly string[], sections: ReadonlyMap<string, Section>): string | null {
  let best: { title: string; shared: number } | null = null;
  for (const section of sections.values()) {
    if (section.kind === "glossary") continue;
    const titleTerms = new Set(contentTerms(section.title));
    const shared = words.filter((w) => holds(titleTerms, w)).length;
    if (shared > 0 && (!best || shared > best.shared)) best = { title: section.title, shared };
  }
  // Only a title sharing all but one of the name's words, and at least two, is near enough to offer.
  return best && best.shared >= Math.max(2, words.length - 1) ? best.title : null;
}

/** A made thing the asking clause names that no section holds, or null. */
export function missingNamedThing(question: string, sections: ReadonlyMap<string, Section>, stats: CorpusStats): NonexistentItem | null {
  const heldBySome = (words: readonly string[]) =>
    [...sections.keys()].some((id) => {
      const terms = stats.termsOf(id);
      return words.every((w) => holds(terms, w));
    });
  for (const name of quotedThingNames(question)) {
    const words = wordsOfName(name);
    if (words.length >= 2 && !heldBySome(words)) return { kind: "named", asked: name, nearest: nearestTitle(words, sections) };
  }
  // In the asking clause, or, when that names nothing, in the scene before it: "A colleague
  // mentioned an ICMA Rural Equity Leadership Academy... How do I apply?" asks about the
  // academy, but "We're launching the Springfield Equity Academy. What does the Equity Officer
  // Institute offer?" asks about the institute. The asker's own thing ("our ... Academy") is
  // theirs to name.
  const notTheirs = question.replace(/\b(?:[Oo]ur|[Mm]y)\s+(?:own\s+)?(?:[A-Z][\w'’&-]*\s+)*[A-Z][\w'’&-]*/g, "our own");
  const asking = madeThingNames(askingClause(notTheirs));
  const scene = madeThingNames(notTheirs);
  for (const name of asking.length > 0 ? asking : scene) {
    const words = wordsOfName(name);
    if (words.length < 2) continue;
    // "the URL for the Cybersecurity Leadership Program" names the program after its "for".
    const tails = name
      .split(/\s+/)
      .flatMap((w, i, all) => (i > 0 && NAME_JOINERS.has(w.toLowerCase()) ? [wordsOfName(all.slice(i + 1).join(" "))] : []))
      .filter((tail) => tail.length >= 2);
    if (!heldBySome(words) && !tails.some(heldBySome)) return { kind: "named", asked: name, nearest: nearestTitle(words, sections) };
  }
  return null;
}

/** Words that frame a glossary lookup rather than name the term asked about. */
const GLOSSARY_FRAMING = new Set(
  ["glossary", "toolkit", "term", "terms", "entry", "entries", "word", "words", "phrase", "definition", "defined", "defines", "meaning", "explain", "explains", "describe", "describes", "include", "includes", "list", "lists", "have", "has", "cover", "covers", "contain", "contains", "project", "written", "equity", "inclusion", "icma"].map(stem),
);
/** A question that looks a term up in the glossary ("what does the glossary say X means", "is X in the glossary"). */
const LOOKS_UP = /\bglossary\b[^?]*\b(?:say|says|define|defines|definition|mean|means|meaning|entry|term|word|have|has|include|includes|list|lists)\b|\b(?:in|from)\s+(?:the\s+|your\s+)?(?:toolkit['’]?s?\s+)?glossary\b/i;
/** Verbs that ask what an entry says ("how does the glossary describe X"): they find an entry named, but name no term that could be missing. */
const ASKS_OF_AN_ENTRY = /\bglossary\b[^?]*\b(?:describe|describes|explain|explains|name|names|give|gives)\b/i;

/** "the glossary word for ...", "a term to describe ...", "a name for ...": an entry asked by what it means. */
const ASKS_BY_DESCRIPTION = /\b(?:term|word|name|phrase|label)\s+(?:for|to\s+describe|that\s+(?:describes|means))\b/i;

export type GlossaryEntryAsked = { entry: Section } | { missing: NonexistentItem };

/**
 * What a question that looks a term up in the glossary by name finds there, or null when it
 * is not such a question: the entry whose name it asks about ("what does the glossary say
 * racism means" is the Racism entry, not the glossary's introduction), or, when neither an
 * entry's name nor any entry's text holds every word asked about, that there is no such entry.
 */
export function glossaryEntryAsked(question: string, sections: ReadonlyMap<string, Section>, stats: CorpusStats): GlossaryEntryAsked | null {
  const clause = askingClause(question);
  // "Where does the glossary come from?", "who wrote the glossary's definitions?" ask about the glossary itself.
  const looksUp = LOOKS_UP.test(clause);
  if ((!looksUp && !ASKS_OF_AN_ENTRY.test(clause)) || /\b(?:where|who|when|why)\b|\b(?:source|sources|come|comes|came|written|wrote|author)\b/i.test(clause)) return null;
  const quoted = /["“'‘]([^"”'’]{2,60})["”'’]/.exec(clause)?.[1];
  const typed = [...new Set(contentTerms(quoted ?? clause))];
  const asked = typed.filter((t) => !GLOSSARY_FRAMING.has(t));
  if (asked.length === 0) return null;
  const entries = [...sections.values()].filter((s) => s.kind === "glossary");
  if (entries.length === 0) return null;
  // The entry with the longest name all of whose words were typed, one of them a word of the
  // term rather than of the framing: "how does the glossary define pay equity" names Pay
  // equity, though "equity" alone frames a lookup ("the equity glossary").
  let named: { entry: Section; words: number } | undefined;
  let longestName = 0;
  for (const entry of entries) {
    for (const name of [entry.title, ...(entry.aliases ?? [])]) {
      const words = [...new Set(contentTerms(name))];
      longestName = Math.max(longestName, words.length);
      const typedName = words.length > 0 && words.every((w) => typed.includes(w)) && words.some((w) => asked.includes(w));
      if (typedName && (!named || words.length > named.words)) named = { entry, words: words.length };
    }
  }
  if (named) return { entry: named.entry };
  // "Is there a glossary term for harm that still shows up today?" describes the entry it
  // wants: no name is asked that could be missing, so the search finds it or the gate refuses.
  if (!looksUp || ASKS_BY_DESCRIPTION.test(clause)) return null;
  // More words asked than any entry's name holds is a description of what is wanted ("how does
  // the glossary say groups like that can help a local government?"), not a name that could be
  // missing: the search finds it or the gate refuses.
  if (asked.length > longestName) return null;
  const defined = entries.some((entry) => {
    const terms = new Set([...stats.termsOf(entry.id), ...contentTerms([entry.title, ...(entry.aliases ?? [])].join(" "))]);
    return asked.every((t) => holds(terms, t));
  });
  return defined ? null : { missing: { kind: "glossary-entry", asked: quoted ?? null, entries: entries.length } };
}
