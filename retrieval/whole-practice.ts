// "What does the equity practice say?" asks about a practice as a whole: it should get the
// practice with its dimensions, not whichever single dimension ranks first.
import type { Section } from "../corpus/section.js";
import { itemNumbersNamed, ordinalPattern, toNumber } from "./text/number-words.js";
import { contentTerms } from "./text/text-terms.js";

// "practise", "practce", "pratice": typed as staff type it.
const PRACTICE_WORD = /\b(?:practi[cs]es?|practces?|pratices?|core\s+content\s+area|competency|competencies)\b/i;
const PRACTICE_TYPO = /\b(?:practise|practce|pratice)(s?)\b/gi;

/**
 * The practice a question names by number, with the words that name it: "practice 3",
 * "practise #3", "practice three", "Practice III", "ICMA's third practice" (never "practices
 * 1 to 5", which names a range).
 */
function practiceNumbered(question: string): { n: number; text: string } | undefined {
  return itemNumbersNamed("practice", question.replace(PRACTICE_TYPO, "practice$1")).find((m) => !m.plural);
}

/** The question without the words that number its practice. */
function withoutPracticeNumber(question: string): string {
  const numbered = practiceNumbered(question);
  return numbered ? question.replace(PRACTICE_TYPO, "practice$1").replace(numbered.text, " ") : question;
}
// Words that ask about a practice without narrowing it to one of its dimensions.
const GENERIC = new Set(
  contentTerms(
    "practice practices competency competencies core content area icma say says cover covers about overview summary summarize explain describe whole entire all side leadership management dimension dimensions expect expects guide what does",
  ),
);
/** More words than this besides the practice's name means a narrower question. */
const MAX_OTHER_TERMS = 1;

export type PracticeSide = "leadership" | "management";

// "the second management dimension", "the 3rd leadership item", "the last management one".
const DIMENSION_BY_PLACE = new RegExp(
  `\\b(${ordinalPattern(2).slice(1, -1)}|last|final)\\s+(leadership|management|managment|mgmt)\\s+(?:dimension|item|one|point|bullet|entry)\\b`,
  "gi",
);

const sideOf = (word: string): PracticeSide => (/^l/i.test(word) ? "leadership" : "management");

/**
 * Dimensions a question names by their place on a side ("the second management dimension",
 * "the last leadership item"): the place (1 for "first", or "last") and the words that named
 * it. Shared with numbered-items.ts, which tells places past the end apart.
 */
export function dimensionsByPlace(question: string): Array<{ side: PracticeSide; place: number | "last"; phrase: string }> {
  return [...question.matchAll(DIMENSION_BY_PLACE)].flatMap((m) => {
    const word = m[1]!.toLowerCase();
    const place = word === "last" || word === "final" ? ("last" as const) : toNumber(word);
    return place === "last" || place >= 1 ? [{ side: sideOf(m[2]!), place, phrase: m[0] }] : [];
  });
}

/** The letters a practice's side has, in order ("a" to the last), by which dimension ids exist. */
export function sideLetters(practiceId: string, side: PracticeSide, has: (id: string) => boolean): string[] {
  const letters: string[] = [];
  for (let code = 97; code <= 122 && has(`${practiceId}.${side}.${String.fromCharCode(code)}`); code += 1) letters.push(String.fromCharCode(code));
  return letters;
}

/**
 * Whether what follows a side and a small letter ends the ask: "integrity practice leadrship
 * e", "managment f whats it say", "hr practice management d?" name letter E, F, D; "management
 * a lot of people" names none.
 */
export function endsTheAsk(rest: string): boolean {
  return /^\s*[?.!,]*\s*(?:$|(?:what|whats|say|says|mean|means|about|cover|covers)\b)/i.test(rest);
}

/**
 * "management dimension B", "leadership C", "Mgmt dimension e", "the second management
 * dimension": the side and letter of one dimension ("last" for the last one, whose letter
 * depends on the practice). Without the word "dimension" a small letter counts only where it
 * ends the ask ("management A", "management d?", not "management a lot"). `phrase` is the
 * words that named it.
 */
export function dimensionNamed(question: string): { side: PracticeSide; letter: string; phrase: string } | undefined {
  const m = /\b(leadership|management|managment|mgmt)\s+(?:dimension\s+([a-z])\b(?!['’])|([A-Za-z])\b(?!['’]))/i.exec(question);
  const lettered = m && (m[2] !== undefined || m[3] === m[3]!.toUpperCase() || endsTheAsk(question.slice(m.index + m[0].length)));
  if (m && lettered) return { side: sideOf(m[1]!), letter: (m[2] ?? m[3])!.toLowerCase(), phrase: m[0] };
  const [byPlace] = dimensionsByPlace(question);
  if (!byPlace || (byPlace.place !== "last" && byPlace.place > 26)) return undefined;
  return { side: byPlace.side, letter: byPlace.place === "last" ? "last" : String.fromCharCode(96 + byPlace.place), phrase: byPlace.phrase };
}

/**
 * The one dimension a question names ("What does Practice 3 management dimension B say?"), of
 * the practice it names or, failing that, of `practiceId` (the previous answer's, for "and
 * management E?"); alone when the question asks nothing beyond it.
 */
export function findNamedDimension(question: string, sections: ReadonlyMap<string, Section>, practiceId?: string): { section: Section; alone: boolean } | undefined {
  const named = dimensionNamed(question);
  if (!named) return undefined;
  // A dimension names its practice by number, or by name alone: "management dimension A under
  // community engagement", "the last leadership dimension of Financial Management and Budgeting".
  // Or by a word of its name right before the side, as before "practice": "HR management
  // dimension D", "budget leadership c".
  const practice =
    namedPractice(question, sections)?.id ??
    byHalfItsName(question.replace(named.phrase, " "), sections)?.id ??
    byWordBeforePracticeWord(question.replace(named.phrase, " practice "), sections)?.id ??
    practiceId;
  if (!practice) return undefined;
  const letter = named.letter === "last" ? sideLetters(practice, named.side, (id) => sections.has(id)).at(-1) : named.letter;
  const section = letter ? sections.get(`${practice}.${named.side}.${letter}`) : undefined;
  if (!section) return undefined;
  const nameTerms = new Set(contentTerms(sections.get(practice)?.title ?? ""));
  const others = contentTerms(withoutPracticeNumber(question).replace(named.phrase, " ")).filter((t) => !nameTerms.has(t) && !GENERIC.has(t) && t !== "managment" && t !== "mgmt");
  return { section, alone: new Set(others).size <= MAX_OTHER_TERMS };
}

/** The practice (`practices.<n>`) a question asks about as a whole, if any. */
export function findWholePractice(question: string, sections: ReadonlyMap<string, Section>): Section | undefined {
  const practice = namedPractice(question, sections);
  if (!practice || dimensionNamed(question)) return undefined;
  const nameTerms = new Set(contentTerms(practice.title));
  const others = contentTerms(withoutPracticeNumber(question)).filter((t) => !nameTerms.has(t) && !GENERIC.has(t));
  return new Set(others).size <= MAX_OTHER_TERMS ? practice : undefined;
}

/**
 * The practice a question names, if any: by number, by a word of its name just before
 * "practice" or "competency" ("the tech practice", "the communication practices"), or by
 * half its name ("equity and inclusion").
 */
export function namedPractice(question: string, sections: ReadonlyMap<string, Section>): Section | undefined {
  const byNumber = practiceNumbered(question);
  if (byNumber) return sections.get(`practices.${byNumber.n}`);
  if (!PRACTICE_WORD.test(question)) return undefined;
  // "Which practice includes communicating sound information?" asks which one; its topic words
  // are not a name, so only the whole name counts ("which practice covers service delivery?").
  // Read by half a name, 21 such training questions named the wrong practice, 8 the right one.
  if (ASKS_WHICH_PRACTICE.test(question)) return byHalfItsName(question, sections, 1);
  // A name word right before "practice" is the stronger sign: in "staff hate the new software.
  // What does the tech practice say?", "staff" is half of "Staff Effectiveness" but not named.
  return byWordBeforePracticeWord(question, sections) ?? byHalfItsName(question, sections);
}

function practiceNameTerms(practice: Section): string[] {
  // Name words only: "Practice 3: Equity and Inclusion" → equity, inclusion.
  return contentTerms(practice.title.replace(/^Practice \d+:\s*/, ""));
}

// "best practices", "leading practices": words that praise practices rather than name one.
const PRAISE_FOR_PRACTICES = new Set(contentTerms("best leading good better promising effective proven key common standard current recommended"));
// "the ICMA leadership practices", "the local government practices": the document's own
// name, not half of Strategic Leadership's.
const DOCUMENT_NAME = new Set(contentTerms("ICMA practices for effective local government leadership"));

const SHORT_NAMES: Record<string, string[]> = { hr: ["human", "resourc"], it: ["technolog"] };

function byWordBeforePracticeWord(question: string, sections: ReadonlyMap<string, Section>): Section | undefined {
  const before = /((?:[\w'’-]+\s+){1,2})(?:practi[cs]es?|practces?|pratices?|competency|competencies)\b/i.exec(question)?.[1] ?? "";
  // "the HR practice" is Human Resources; "the IT practice" Technological Literacy.
  const words = before
    .split(/\s+/)
    .flatMap((w) => SHORT_NAMES[w === "IT" ? "it" : w.toLowerCase() === "hr" ? "hr" : ""] ?? contentTerms(w))
    .filter((w) => w.length >= 4 && !PRAISE_FOR_PRACTICES.has(w) && !DOCUMENT_NAME.has(w));
  const matches: Section[] = [];
  for (let n = 1; n <= 14; n++) {
    const practice = sections.get(`practices.${n}`);
    if (practice && practiceNameTerms(practice).some((name) => words.some((w) => name.startsWith(w) || w.startsWith(name)))) matches.push(practice);
  }
  // "strategic" names two practices (strategic leadership, strategic planning): no guess.
  return matches.length === 1 ? matches[0] : undefined;
}

const ASKS_WHICH_PRACTICE = /\b(?:which|what)\s+(?:of\s+the\s+)?(?:icma['’]?s?\s+)?(?:\w+\s+)?(?:practice|competenc(?:y|ies))\b|\b(?:is|are)\s+there\s+(?:a|an|any)\s+(?:icma\s+)?(?:practice|competenc)/i;

/** Whether a question asks which practice holds something ("which practice covers...", "is there a practice about..."). */
export function asksWhichPractice(question: string): boolean {
  return ASKS_WHICH_ONE.test(question);
}
/** ASKS_WHICH_PRACTICE without its gap word, so "what does practice 14 mean" does not ask which. */
const ASKS_WHICH_ONE = /\b(?:which|what)\s+(?:of\s+the\s+(?:\d+\s+)?)?(?:icma['’]?s?\s+)?(?:practice|competenc(?:y|ies))\b(?!\s*(?:#|no\.?|number)?\s*\d)|\b(?:is|are)\s+there\s+(?:a|an|any)\s+(?:icma\s+)?(?:practice|competenc)/i;

/** The practice most of whose name the question holds, when it holds at least `minShare` of it. */
function byHalfItsName(question: string, sections: ReadonlyMap<string, Section>, minShare = 0.5): Section | undefined {
  const asked = new Set(contentTerms(question).filter((t) => !DOCUMENT_NAME.has(t)));
  let best: { section: Section; share: number } | undefined;
  for (let n = 1; n <= 14; n++) {
    const practice = sections.get(`practices.${n}`);
    if (!practice) continue;
    const nameTerms = practiceNameTerms(practice);
    const share = nameTerms.filter((t) => asked.has(t)).length / nameTerms.length;
    if (share > (best?.share ?? 0)) best = { section: practice, share };
  }
  // Half the practice's name must be named by default: "equity practice" names Equity and Inclusion.
  return best && best.share >= minShare ? best.section : undefined;
}

/** The practice followed by its leadership and then management dimensions, in source order. */
export function practiceWithDimensions(practice: Section, sections: Iterable<Section>): Section[] {
  const dims = [...sections].filter((s) => s.parent === practice.id && s.kind === "dimension");
  const order = (s: Section) => (s.id.includes(".leadership.") ? 0 : 1);
  return [practice, ...dims.sort((a, b) => order(a) - order(b) || a.id.localeCompare(b.id))];
}

/** Sections of the named practice first, in their retrieved order, then the rest. */
export function preferPractice<T extends { section: Section }>(hits: readonly T[], practiceId: string, side?: PracticeSide): T[] {
  const inPractice = (h: T) => h.section.id === practiceId || h.section.id.startsWith(`${practiceId}.`);
  // The side asked for ("what does the management side say about goals?") comes first within it.
  const onSide = (h: T) => side !== undefined && h.section.id.startsWith(`${practiceId}.${side}.`);
  return [...hits.filter(onSide), ...hits.filter((h) => inPractice(h) && !onSide(h)), ...hits.filter((h) => !inPractice(h))];
}
