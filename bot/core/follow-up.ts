// Without a language model, a follow-up is resolved against the previous turn by rule:
// - one that leans on it ("and what about the management side?", "what does she do?") is
//   searched together with the previous question;
// - one that points at an item of the previous answer ("the third one", "#2") is answered
//   from that cited section;
// - one that moves from the dimension the previous answer was about ("the next one", "the
//   leadership one with the same letter", "the last one") is answered from that dimension;
// - "tell me more" is answered from the previous answer's best sections not yet shown;
// - one that leans on an answer drawn from one practice is searched within that practice first.
// The answerer also compares a short follow-up searched alone with it joined to the previous
// question, and keeps the joined search when only that one is covered.
import { parseDimensionId } from "../../corpus/id-scheme.js";
import { sideLetters, type PracticeSide } from "../../retrieval/whole-practice.js";
import type { ConversationTurn } from "./answer-types.js";
import type { NonexistentItem } from "./wording.js";
import { PERSONAL_PRONOUN } from "./asked-facts.js";
import { markerNumbers } from "./citation-markers.js";
import { existingNumbers } from "./numbered-items.js";
import { ORDINAL_WORDS, cardinalPattern, toNumber } from "../../retrieval/text/number-words.js";
import { contentTerms, isStopWord, tokenize } from "../../retrieval/text/text-terms.js";

const LEANS_ON_PREVIOUS =
  /^(?:and|also|but|what about|how about|more|same|then|ok|okay|so)\b|\b(?:it|its|that|this|those|these|they|them|their|theirs|he|him|his|she|her|hers|there|the other|the same|side|one|ones)\b/i;
const SHORT_QUESTION_WORDS = 6;
/** A follow-up this short may be a continuation even without a pronoun: compared both ways. */
export const COMPARED_FOLLOW_UP_WORDS = 12;

/** The previous turn that has an answer with citations. */
function previousAnswered(history: readonly ConversationTurn[]) {
  return [...history].reverse().find((t) => t.answer?.citations.length);
}

const ORDINALS = ORDINAL_WORDS.slice(1, 11);
/** "the third one", "the 2nd", "number 3", "#2", "[2]", "the last one": not "the third practice" (Practice 3). */
const POINTS_AT_ITEM = new RegExp(
  `(?:\\b(?:the\\s+)?(${ORDINALS.join("|")}|last|\\d(?:st|nd|rd|th))(?:\\s+(?:one|item|point|bullet|source|citation|thing|bit|step|kind|piece))?\\b(?!\\s+(?:practice|recommendation|dimension|workshop|program))|(?:\\bnumber\\s+|#|\\[)(\\d{1,2})\\]?|\\b(?:step|item|point|bullet)\\s+${cardinalPattern(1)}\\b)`,
  "i",
);

/**
 * The cited section an ordinal follow-up points at ("tell me more about the second one"): the
 * previous answer's nth list item when it has a list ("- Leadership C: ... [4]" is the third
 * item of a practice's answer, whose first citation is the practice), else its nth citation.
 */
export function pointedAtCitation(question: string, history: readonly ConversationTurn[] = []): string | undefined {
  if (question.trim().split(/\s+/).length > 10) return undefined;
  const match = POINTS_AT_ITEM.exec(question);
  const previous = previousAnswered(history)?.answer;
  const citations = previous?.citations;
  if (!match || !previous || !citations?.length) return undefined;
  const items = (previous.text ?? "")
    .split("\n")
    .filter((line) => /^\s*(?:[-•*]|\d{1,2}[.)])\s+/.test(line))
    .map((line) => markerNumbers(line)[0])
    .filter((n): n is number => n !== undefined);
  const pointed = items.length >= 2 ? items.map((n) => citations.find((c) => c.n === n)?.sectionId) : citations.map((c) => c.sectionId);
  return pointed[pointedIndex(match, pointed.length)];
}

/** The 0-based place a POINTS_AT_ITEM match names among `count` items ("the last one" is the final one). */
function pointedIndex(match: RegExpExecArray, count: number): number {
  // "step three", "item 2"
  if (match[3]) return toNumber(match[3]) - 1;
  const word = match[1]?.toLowerCase();
  return word === "last" ? count - 1 : word ? (ORDINALS.includes(word) ? ORDINALS.indexOf(word) : parseInt(word, 10) - 1) : Number(match[2]) - 1;
}

/**
 * The nth item of a numbered list written inline in the previous answer ("(1) Consider the
 * Impact; (2) Build Trust-based Relationships; ..."), for "the fourth one?": its words, which
 * the answerer looks up among the section titles.
 */
export function pointedAtListItem(question: string, history: readonly ConversationTurn[] = []): string | undefined {
  if (question.trim().split(/\s+/).length > 10) return undefined;
  const match = POINTS_AT_ITEM.exec(question);
  const text = previousAnswered(history)?.answer?.text ?? "";
  if (!match) return undefined;
  const items = new Map<number, string>();
  for (const m of text.matchAll(/\((\d{1,2})\)\s*([^;()[\]]+?)\s*(?=;|\(\d|\[|\.\s|$)/g)) items.set(Number(m[1]), m[2]!.replace(/^and\s+/i, "").trim());
  // Or a list in a sentence: "support mechanisms such as affinity groups, mentoring programs,
  // and cultural celebrations" (the first such list the answer has).
  if (items.size < 2) {
    const inline = /\b(?:such\s+as|including|like)\s+([^.;:[\]]+?,\s*[^.;:[\]]+?)(?=\s*(?:\[|[.;:]|$))/i.exec(text)?.[1];
    const parts = (inline ?? "").split(/\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+/).map((p) => p.trim()).filter(Boolean);
    if (parts.length >= 2) parts.forEach((part, i) => items.set(i + 1, part));
  }
  if (items.size < 2) return undefined;
  return items.get(pointedIndex(match, Math.max(...items.keys())) + 1);
}

/** A practice an answer names by its number: "(Practice Groups: 4-Staff Effectiveness; 9 - Community ...)", "3. Equity and Inclusion". */
const PRACTICE_BY_NUMBER = /(?:^|[\s;:(])(\d{1,2})\s*(?:[-–]|\.)\s*(?=\p{Lu})/gu;
const ORDINAL = `(?:${ORDINALS.join("|")}|last|\\d(?:st|nd|rd|th))`;
const ORDINAL_WORD = new RegExp(`\\b${ORDINAL}\\b`, "gi");
const ORDINAL_OF_THE_LIST = new RegExp(`\\b${ORDINAL}(?:\\s+one)?\\b(?!\\s+(?!(?:one|of|you|on|in|listed|mentioned|practice|is|was)\\b)[a-z])`, "i");

/**
 * The practice an ordinal follow-up points at when the previous answer listed practices by
 * number (a workshop's practice groups, the practices' four groups): "the first one you
 * listed, what's that practice about?" is the first practice named. Undefined when the answer
 * names fewer than two, or the follow-up nests ordinals ("the first practice in the last group").
 */
export function pointedAtPracticeListed(question: string, history: readonly ConversationTurn[], exists: (id: string) => boolean): string | undefined {
  if (question.trim().split(/\s+/).length > COMPARED_FOLLOW_UP_WORDS) return undefined;
  const match = POINTS_AT_ITEM.exec(question);
  // "the last one", "the second of those", "the first one you listed": not "the last group".
  if (!match || (question.match(ORDINAL_WORD) ?? []).length > 1 || !ORDINAL_OF_THE_LIST.test(question)) return undefined;
  const text = previousAnswered(history)?.answer?.text ?? "";
  const numbers = [...new Set([...text.matchAll(PRACTICE_BY_NUMBER)].map((m) => Number(m[1])))].filter((n) => exists(`practices.${n}`));
  if (numbers.length < 2) return undefined;
  const n = numbers[pointedIndex(match, numbers.length)];
  return n === undefined ? undefined : `practices.${n}`;
}

const SAME_LETTER = /\b(?:same letter|counterpart)\b/i;
// Only phrases that point at an item: "what should we do after that?" asks about a process.
/** "...in the list?", "...on that list?" */
const IN_THE_LIST = String.raw`(?:\s+(?:in|on)\s+(?:the|that|this|your)\s+list)?`;
const ITEM_NOUN = String.raw`(?:(?:leadership|management)\s+)?(?:one|dimension|item|letter|number|practice|recommendation|competency|point|step|bullet|entry|thing)`;
/** "it", "that", "that step", "this one". */
const THAT_ITEM = String.raw`(?:it|that|this)(?:\s+(?:one|step|item|point|dimension|bullet|entry))?`;
/** "the next one", "the dimension right after it", "the practice that comes after it", "what comes after that step?" */
function besidePattern(adjectives: string, preposition: string, follows: string): RegExp {
  const close = String.raw`(?:right\s+|just\s+|directly\s+|immediately\s+)?`;
  return new RegExp(
    String.raw`\b(?:(?:the\s+)?(?:${adjectives})\s+${ITEM_NOUN}|(?:the\s+)?${ITEM_NOUN}\s+(?:(?:that|which)\s+(?:comes|is|sits)\s+)?${close}${preposition}\s+${THAT_ITEM}|(?:the\s+)?${ITEM_NOUN}\s+(?:that|which)\s+${follows}\s+${THAT_ITEM}|what(?:\s+comes|['’]s|\s+is)\s+${close}${preposition}\s+${THAT_ITEM}${IN_THE_LIST}\s*[?.!]*\s*$)`,
    "i",
  );
}
const NEXT_ONE = new RegExp(String.raw`${besidePattern("next|following", "after", "follows").source}|^\s*(?:and\s+)?(?:the\s+)?next(?:\s+one)?\s*[?.!]*\s*$`, "i");
const PREVIOUS_ONE = besidePattern("previous|preceding", "before", "precedes");
/** "and the twelfth?", "what about number 3?": an item of the previous answer's list named by its place alone. */
const ORDINAL_ALONE = new RegExp(String.raw`^\s*(?:(?:and|so|ok|okay)\s*,?\s+)*(?:what\s+about\s+|how\s+about\s+)?(?:the\s+)?(?:number\s+)?(${ORDINAL_WORDS.slice(1).join("|")}|\d{1,2}(?:st|nd|rd|th)?)(?:\s+one)?\s*[?.!]*\s*$`, "i");

/** "and the next practice?", "the practice before that one": a practice beside, not a dimension. */
const PRACTICE_BESIDE = /\b(?:next|following|previous|preceding)\s+(?:practice|competency)\b|\b(?:practice|competency)\s+(?:(?:that|which)\s+(?:comes|is)\s+)?(?:right\s+|just\s+|directly\s+)?(?:after|before)\b/i;
/** "and H?", "what about management C?": a letter alone, of the previous answer's practice. */
const LETTER_ALONE = /^\s*(?:(?:ok|okay|so|and)\s*,?\s+)*(?:what\s+about|how\s+about|is\s+there\s+(?:also\s+)?(?:a|an))?\s*(?:the\s+)?(?:(leadership|management)\s+)?(?:dimension\s+|one\s+)?([A-N])(?:\s+(?:too|as\s+well|after\s+(?:that|it|this)(?:\s+one)?))?\s*[?.!]*\s*$/;

/**
 * The section the previous answer was about: its first citation, except that an answer led by
 * a practice's line and then quoting one of its dimensions ("which practice covers ...?" is
 * answered so) was about that dimension: "and the one right after it?" is the next dimension.
 */
function previousSubject(history: readonly ConversationTurn[]): string {
  const cited = (previousAnswered(history)?.answer?.citations ?? []).map((c) => c.sectionId);
  const first = cited[0] ?? "";
  if (!/^practices\.\d+$/.test(first)) return first;
  const dimensions = [...new Set(cited.filter((id) => parseDimensionId(id)?.practiceId === first))];
  // After the practice's line, its dimensions listed in their order (the whole practice, or one
  // side of it) are the practice; a few in the order they answered ("which practice includes
  // communicating ethical standards?") are about the first of them, so "the item right
  // before it" is the dimension before that one, not a practice 0.
  if (dimensions.length === 0 || listedInOrder(dimensions)) return first;
  return dimensions[0]!;
}

/** Dimension ids that run a, b, c... on each side, as a practice's own listing does. */
function listedInOrder(dimensionIds: readonly string[]): boolean {
  if (dimensionIds.length < 2) return false;
  const next = { leadership: "a", management: "a" };
  for (const id of dimensionIds) {
    const { side, letter } = parseDimensionId(id)!;
    if (letter !== next[side]) return false;
    next[side] = String.fromCharCode(letter.charCodeAt(0) + 1);
  }
  return true;
}

/** The dimension the previous answer was about, and whether it cited nothing else (its practice's line aside). */
function previousDimension(history: readonly ConversationTurn[]): { practiceId: string; side: PracticeSide; letter: string; onlyIt: boolean } | undefined {
  const citations = previousAnswered(history)?.answer?.citations ?? [];
  const subject = previousSubject(history);
  const dimension = parseDimensionId(subject);
  return dimension && { ...dimension, onlyIt: citations.every((c) => c.sectionId === subject || c.sectionId === dimension.practiceId) };
}

/** A numbered item of the corpus: its id, or, when the corpus has no such item, what it does have. */
export type ItemBeside = { id: string } | { missing: NonexistentItem };

/**
 * The item beside the one the previous answer was about (its first citation): "the one right
 * after it", "the previous one", "and the next practice?", "the leadership item just before
 * it", "what's the leadership dimension with the same letter?", "and H?". Past either end of
 * its list, what the list holds ("Practice 12 has no management dimension K..."), so that a
 * neighbour that does not exist is not answered from whatever the search finds. Undefined when
 * the question is none of these.
 */
export function itemBeside(question: string, history: readonly ConversationTurn[], exists: (id: string) => boolean): ItemBeside | undefined {
  if (question.trim().split(/\s+/).length > 10) return undefined;
  const first = previousSubject(history);
  const dimension = previousDimension(history);
  const step = NEXT_ONE.test(question) ? 1 : PREVIOUS_ONE.test(question) ? -1 : 0;
  const practiceOf = /^practices\.(\d+)(?:$|\.)/.exec(first)?.[1];
  const recommendation = /^toolkit\.recommendations\.(\d+)$/.exec(first)?.[1];
  const numbered = (kind: "practice" | "recommendation", prefix: string, from: number): ItemBeside | undefined => {
    if (step === 0) return undefined;
    const numbers = existingNumbers(prefix, exists);
    const n = from + step;
    return numbers.includes(n) ? { id: `${prefix}${n}` } : numbers.length ? { missing: { kind, asked: String(n), first: String(numbers[0]), last: String(numbers.at(-1)) } } : undefined;
  };
  // "And the twelfth?" after a recommendation or a practice: that one of the same list.
  const placed = ORDINAL_ALONE.exec(question);
  if (placed && (recommendation || (practiceOf && first === `practices.${practiceOf}`))) {
    const [kind, prefix] = recommendation ? (["recommendation", "toolkit.recommendations."] as const) : (["practice", "practices."] as const);
    const n = toNumber(placed[1]!.replace(/(?<=\d)(?:st|nd|rd|th)$/i, ""));
    const numbers = existingNumbers(prefix, exists);
    if (n > 0) return numbers.includes(n) ? { id: `${prefix}${n}` } : numbers.length ? { missing: { kind, asked: String(n), first: String(numbers[0]), last: String(numbers.at(-1)) } } : undefined;
  }
  if (PRACTICE_BESIDE.test(question) && practiceOf) return numbered("practice", "practices.", Number(practiceOf));
  if (recommendation) return numbered("recommendation", "toolkit.recommendations.", Number(recommendation));
  if (!dimension) return practiceOf && first === `practices.${practiceOf}` ? numbered("practice", "practices.", Number(practiceOf)) : undefined;
  const { practiceId, side, letter } = dimension;
  const named = (sideNamed(question) ?? (/\b(leadership|management)\b/i.exec(question)?.[1]?.toLowerCase() as PracticeSide | undefined)) ?? side;
  const alone = LETTER_ALONE.exec(question);
  let target: { side: PracticeSide; letter: string } | undefined;
  if (SAME_LETTER.test(question)) target = { side: named !== side ? named : side === "leadership" ? "management" : "leadership", letter };
  else if (alone) target = { side: (alone[1]?.toLowerCase() as PracticeSide | undefined) ?? side, letter: alone[2]!.toLowerCase() };
  else if (step !== 0) target = { side: named, letter: named === side ? String.fromCharCode(letter.charCodeAt(0) + step) : letter };
  if (!target) return undefined;
  const id = `${practiceId}.${target.side}.${target.letter}`;
  if (exists(id)) return { id };
  const letters = sideLetters(practiceId, target.side, exists);
  return letters.length ? { missing: { kind: "dimension", practice: practiceId.split(".")[1]!, side: target.side, asked: target.letter.toUpperCase(), first: letters[0]!.toUpperCase(), last: letters.at(-1)!.toUpperCase() } } : undefined;
}

/** "Which practice is that under?", "tell me about that practice as a whole", "what's the overall point of that practice?" */
const ASKS_FOR_ITS_PRACTICE =
  /\b(?:which|what)\s+(?:ICMA\s+)?practice\s+(?:is\s+(?:that|this|it)(?:\s+one)?\s+(?:under|in|from|part\s+of)|(?:does|do)\s+(?:that|this|it|they)\s+(?:fall\s+under|belong\s+to|come\s+from|sit\s+(?:under|in))|(?:are|is)\s+(?:those|these|they)\s+(?:under|in|from|part\s+of))|\b(?:that|this|the)\s+(?:whole\s+)?practice\s+as\s+a\s+whole|\b(?:overall|main|whole|big)\s+(?:point|idea|purpose|picture|aim|goal)\s+of\s+(?:that|this|the)\s+practice|\bwhat\s+(?:is|['’]s)\s+(?:that|this|the)\s+(?:whole\s+)?practice\s+(?:about|as\s+a\s+whole)\b/i;

// Asking which practice holds what was just shown, in any order of words: "what's the overall
// practice that falls under?", "which practice is that one from?". The follow-up leans on the
// previous answer, names one practice (not "practices"), says how one thing sits in another,
// and asks nothing else: a follow-up with a topic of its own ("the legal requirement under
// this practice") is searched as usual. Over the training conversations this matched only
// follow-ups asking for the practice.
const HOLDS = /\b(?:under|from|part\s+of|belongs?|falls?|sits?|comes?|overall|parent|umbrella)\b/i;
const WORDS_OF_ASKING_ITS_PRACTICE = new Set(contentTerms("which what practice number overall whole under from part belongs belong falls fall sits sit comes come parent umbrella icma one about defined"));

function asksForItsPractice(question: string): boolean {
  if (ASKS_FOR_ITS_PRACTICE.test(question)) return true;
  return (
    /\bpracti[cs]e\b/i.test(question) &&
    /\b(?:which|what)\b/i.test(question) &&
    HOLDS.test(question) &&
    leansOnPrevious(question) &&
    question.trim().split(/\s+/).length <= COMPARED_FOLLOW_UP_WORDS &&
    contentTerms(question).every((t) => WORDS_OF_ASKING_ITS_PRACTICE.has(t))
  );
}

/** "which of the four groups does it belong to?", "which practice group is that in?", "what's it grouped with?" */
const ASKS_WHICH_GROUP = /\b(?:which|what)\s+(?:of\s+the\s+(?:four\s+|4\s+)?)?(?:practice\s+)?groups?\b|\bgrouped\b/i;

/**
 * The section that groups the practices, for a follow-up asking which group the practice or
 * dimension just shown falls in ("and which of the four groups does it belong to?"); a
 * workshop's own practice groups are its own text. Undefined for any other question.
 */
export function groupOfPrevious(question: string, history: readonly ConversationTurn[], groupsId: string): string | undefined {
  if (!ASKS_WHICH_GROUP.test(question) || !leansOnPrevious(question) || question.trim().split(/\s+/).length > COMPARED_FOLLOW_UP_WORDS) return undefined;
  return /^practices(?:\.|$)/.test(previousSubject(history)) ? groupsId : undefined;
}

/** "Which of the 14 practices does it connect to?" */
const ASKS_WHICH_PRACTICES = /\b(?:which|what)\s+(?:of\s+(?:the\s+)?(?:\d+\s+|ICMA['’]?s?\s+)*)?(?:ICMA\s+)?(?:practices?|practice\s+groups?|competenc(?:y|ies))\b/i;

/**
 * The section a follow-up asking which practice the previous answer belongs to is answered
 * from: the practice of the dimension it was about ("which practice is that under?", "tell
 * me about that practice as a whole"), or the workshop itself, which lists its practice
 * groups ("which of the 14 practices does it connect to?").
 */
export function practiceOfPrevious(question: string, history: readonly ConversationTurn[]): string | undefined {
  const first = previousAnswered(history)?.answer?.citations[0]?.sectionId ?? "";
  if (first.startsWith("workshops.") && leansOnPrevious(question) && ASKS_WHICH_PRACTICES.test(question)) return first;
  if (!asksForItsPractice(question)) return undefined;
  return previousDimension(history)?.practiceId ?? /^practices\.\d+$/.exec(first)?.[0];
}

/** "how does the management side start?", "what does it begin with?", "what's it open with?" */
const STARTS_WITH = /\b(?:start|starts|begin|begins|open|opens|kick\s+off|kicks\s+off)(?:\s+(?:with|off|out))?\s*[?.!]*\s*$/i;

/**
 * After an answer about one dimension, "the last one?" or "the sixth one?" counts that
 * practice's dimensions on the same side; `always` counts them after any answer that
 * began with a dimension (the caller's fallback when the previous answer has no such item).
 */
export function nthDimensionOfPrevious(question: string, history: readonly ConversationTurn[], exists: (id: string) => boolean, always = false): string | undefined {
  if (question.trim().split(/\s+/).length > 10) return undefined;
  const match = POINTS_AT_ITEM.exec(question);
  // "And the first thing listed on the management side?" after any answer from one practice
  // counts that side's dimensions; "how does the management side start?" asks for its first.
  const side = sideNamed(question);
  const practice = side && previousPractice(history);
  if (side && practice && !match && STARTS_WITH.test(question)) return sideLetters(practice, side, exists).map((letter) => `${practice}.${side}.${letter}`)[0];
  // "The first of those" points into the previous answer's own text, not at a dimension.
  if (!match || /\bof\s+(?:those|these|them)\b/i.test(question)) return undefined;
  if (side && practice) {
    const letters = sideLetters(practice, side, exists);
    const letter = letters[pointedIndex(match, letters.length)];
    return letter ? `${practice}.${side}.${letter}` : undefined;
  }
  const previous = previousDimension(history);
  if (!previous || !(previous.onlyIt || always)) return undefined;
  const letters = sideLetters(previous.practiceId, previous.side, exists);
  const letter = letters[pointedIndex(match, letters.length)];
  return letter ? `${previous.practiceId}.${previous.side}.${letter}` : undefined;
}

const ASKS_FOR_MORE = /^(?:(?:please|ok|okay|and|so)\s+)?(?:tell me more|more(?: detail| details| info| information)?|go on|continue|keep going|elaborate|expand on (?:that|this|it)|say more|can you (?:say|tell me) more|anything else|what else)(?:\s+(?:please|about (?:that|this|it)))?\s*[?.!]*$/i;

/**
 * "tell me more": what the previous answer did not show, best first: its cited sections again
 * (the composer skips the quotes already shown, so their next best sentences come), then the
 * sections it retrieved but did not cite. `shown` is every quote it showed.
 */
export function moreFromPrevious(question: string, history: readonly ConversationTurn[] = []): { sections: string[]; shown: string[] } | undefined {
  if (!ASKS_FOR_MORE.test(question.trim())) return undefined;
  const previous = previousAnswered(history)?.answer;
  if (!previous) return undefined;
  const cited = [...new Set(previous.citations.map((c) => c.sectionId))];
  const unshown = previous.retrieved.map((r) => r.sectionId).filter((id) => !cited.includes(id));
  return { sections: [...cited, ...unshown], shown: previous.citations.map((c) => c.quote) };
}

/** The practice a leaning follow-up narrows within: the one most of the previous answer cites. */
export function previousPractice(history: readonly ConversationTurn[] = []): string | undefined {
  const citations = previousAnswered(history)?.answer?.citations ?? [];
  const counts = new Map<string, number>();
  for (const c of citations) {
    const practice = /^practices\.\d+/.exec(c.sectionId)?.[0];
    if (practice) counts.set(practice, (counts.get(practice) ?? 0) + 1);
  }
  const [best] = [...counts.entries()].sort((a, b) => b[1] - a[1]);
  return best && best[1] * 2 > citations.length ? best[0] : undefined;
}

/** Whether a follow-up leans on the previous turn (a pronoun, "and ...", "what about ..."). */
export function leansOnPrevious(question: string): boolean {
  return LEANS_ON_PREVIOUS.test(question);
}

/** The last question asked before this one, if any. */
export function previousQuestion(history: readonly ConversationTurn[] = []): string | undefined {
  return [...history].reverse().find((t) => t.question.trim().length > 0)?.question.trim();
}

/** The previous question, joined before the follow-up. */
export function joinedWithPrevious(question: string, history: readonly ConversationTurn[] = []): string {
  const previous = previousQuestion(history);
  return previous ? `${previous} ${question.trim()}` : question;
}

/**
 * The term an elliptical follow-up to a glossary answer asks about ("And explicit?", "what
 * about structural racism?", "how's that different from equality?"), and whether it asks
 * for the two to be compared; undefined for any other question.
 */
export function glossaryFollowUpTerm(question: string): { term: string; compare: boolean } | undefined {
  // "plain equity", "regular bias": the term itself.
  const q = question.trim().replace(/[?.!]+$/, "").replace(/\b(?:plain|regular|ordinary|simple|basic|normal|just)\s+(?=\S+$)/i, "");
  // "and from equality?" after a comparison: compared too.
  const compared = /^(?:how(?:['’]s|\s+is|\s+does)\s+(?:that|it|this)\s+(?:differ(?:ent)?\s+from|compare\s+(?:to|with))|(?:and\s+)?(?:what(?:['’]s|\s+is)\s+)?the\s+difference\s+(?:from|with)|(?:(?:so|and|but)\s+)?(?:is\s+)?(?:that|it|this)\s+(?:different\s+from|the\s+same(?:\s+thing)?\s+as)|(?:and|or)\s+(?:how\s+about\s+|what\s+about\s+)?(?:from|versus|vs\.?|compared\s+(?:to|with)))\s+(.+)$/i.exec(q);
  if (compared?.[1]) return { term: compared[1], compare: true };
  // "does it cover allyship?", "does the glossary have microaggression?"
  const covers = /^(?:does|do)\s+(?:it|that|this|they|the\s+glossary)\s+(?:cover|include|have|define|list|explain)\s+(?:the\s+term\s+|an?\s+(?:entry|definition)\s+(?:for|of|on)\s+)?(.+)$/i.exec(q);
  if (covers?.[1] && covers[1].split(/\s+/).length <= 3) return { term: covers[1].replace(/^["'“‘]|["'”’]$/g, ""), compare: false };
  const elliptical = /^(?:and|or|what\s+about|how\s+about|and\s+what\s+about)\s+(?:the\s+term\s+)?(.+)$/i.exec(q);
  // "And how's the individual kind different?": the entry of that kind (with the previous
  // entry's last word, "individual racism"), compared when the follow-up compares.
  const ofKind = /\bthe\s+([a-z][a-z-]+)\s+(?:kind|type|form|variety|version)\b/i.exec(q);
  if (ofKind?.[1] && !isStopWord(ofKind[1].toLowerCase())) return { term: ofKind[1], compare: /\b(?:differ\w*|compare\w*|vs\.?|versus)\b/i.test(q) };
  if (elliptical?.[1] && elliptical[1].split(/\s+/).length <= 4) return { term: elliptical[1], compare: false };
  return undefined;
}

/** The sections the previous answer cited. */
export function previousCitedIds(history: readonly ConversationTurn[] = []): Set<string> {
  return new Set(previousAnswered(history)?.answer?.citations.map((c) => c.sectionId) ?? []);
}

/** The section the previous answer began with (its first citation), if it had one. */
export function previousFirstSection(history: readonly ConversationTurn[] = []): string | undefined {
  return previousAnswered(history)?.answer?.citations[0]?.sectionId;
}

const ASKS_WHAT_IT_IS_ABOUT = /^\s*(?:(?:so|ok|okay|and|but)\s*,?\s+)?(?:what(?:['’]s|\s+is|\s+was)\s+(?:that|this|it)(?:\s+one)?\s+(?:about|on)|what\s+(?:does|did)\s+(?:that|this|it)(?:\s+one)?\s+cover)\s*[?.!]*\s*$/i;

/** "What's that one about?" after an answer about one thing: the section the previous answer began with. */
export function aboutPrevious(question: string, history: readonly ConversationTurn[] = []): string | undefined {
  return ASKS_WHAT_IT_IS_ABOUT.test(question) ? previousFirstSection(history) : undefined;
}

/** "why does that matter?", "what's the point of those?", "why, what's the benefit?", "how come?" */
const ASKS_WHY = /\bwhy\b|\bhow\s+come\b|\bwhat(?:['’]s|\s+is|\s+are)\s+the\s+(?:point|benefits?|payoff|purpose|reason|upside)\b/i;

const WORDS_OF_ASKING_WHY = new Set(contentTerms("why how come point benefit benefits payoff purpose reason upside matter matters important though supposed"));

/**
 * A short "why?" that leans on the previous answer ("why does that matter?", "why would they
 * want us doing that?") asks the reason behind what was just shown, which its own section
 * states when the sources give one: over the training conversations, 41 of 48 such follow-ups
 * were answered by the previous answer's section. That section (the dimension, for an answer
 * led by its practice's line); undefined for any other question.
 */
export function reasonForPrevious(question: string, history: readonly ConversationTurn[] = []): string | undefined {
  if (!ASKS_WHY.test(question) || question.trim().split(/\s+/).length > COMPARED_FOLLOW_UP_WORDS) return undefined;
  // It leans on the answer by a pronoun, or asks nothing but why ("why, what's the benefit?").
  if (!leansOnPrevious(question) && !contentTerms(question).every((t) => WORDS_OF_ASKING_WHY.has(t))) return undefined;
  return previousSubject(history) || undefined;
}

/** The title of the section the previous answer began with: the topic a follow-up continues. */
export function previousFirstTitle(history: readonly ConversationTurn[] = []): string | undefined {
  return previousAnswered(history)?.answer?.citations[0]?.title;
}

/** The glossary entry the previous answer was, if it was one (its first citation). */
export function previousGlossaryEntry(history: readonly ConversationTurn[] = []): string | undefined {
  const first = previousAnswered(history)?.answer?.citations[0]?.sectionId;
  return first?.startsWith("glossary.") ? first : undefined;
}

/** "What about Practice 10?", "and recommendation 4?": a follow-up that names its own numbered subject. */
const NAMES_ITS_SUBJECT = /\b(?:practice|recommendation)\s*(?:#|no\.?\s*|number\s+)?\d{1,2}\b/i;


/** A person as an answer names one: "Research Fellow Benoy Jacob, Ph.D.", "by Benoy Jacob". */
const NAMED_PERSON =
  /\b(?:by|Fellow|Director|Manager|Administrator|Officer|President|Chair|Professor|Dr\.?)\s+(\p{Lu}\p{Ll}+(?:\s+\p{Lu}\.)?\s+\p{Lu}\p{Ll}+)|\b(\p{Lu}\p{Ll}+(?:\s+\p{Lu}\.)?\s+\p{Lu}\p{Ll}+),\s+Ph\.?\s?D/u;

/**
 * The person the previous answer names, for "what's his job?" after it: the one the previous
 * question named too when there is one ("What has Benoy Jacob published?" is answered by a
 * list whose first author is someone else), else the first.
 */
export function personInPreviousAnswer(history: readonly ConversationTurn[] = []): string | undefined {
  const turn = previousAnswered(history);
  const named = [...(turn?.answer?.text ?? "").matchAll(new RegExp(NAMED_PERSON, "gu"))].map((m) => (m[1] ?? m[2])!);
  const asked = new Set(tokenize(turn?.question ?? ""));
  return named.find((name) => asked.has(tokenize(name).at(-1) ?? "")) ?? named[0];
}

export function makeStandaloneByRule(question: string, history: readonly ConversationTurn[] = []): string {
  const joined = joinedByRule(question, history);
  // "What's his job?" is about the person the previous answer named, whom its words never name.
  const person = joined !== question && PERSONAL_PRONOUN.test(question) ? personInPreviousAnswer(history) : undefined;
  return person ? `${joined} (${person})` : joined;
}

function joinedByRule(question: string, history: readonly ConversationTurn[]): string {
  // Joined to "What's Practice 9 about?", "What about Practice 10?" would be searched as Practice 9.
  if (!previousQuestion(history) || NAMES_ITS_SUBJECT.test(question)) return question;
  const words = question.trim().split(/\s+/).length;
  if (words > COMPARED_FOLLOW_UP_WORDS && !/^(?:and|also|what about|how about)\b/i.test(question.trim())) return question;
  if (words > SHORT_QUESTION_WORDS && !leansOnPrevious(question)) return question;
  if (!leansOnPrevious(question) && words > 3) return question;
  return joinedWithPrevious(question, history);
}

export type { PracticeSide };

const ASKS_FOR_SIDE = /\b(leadership|management)\s+(?:side|dimensions?|part|view|ones)\b/i;

/** The side of a practice a question asks for as a whole ("the management side", "leadership dimensions"). */
export function sideAskedFor(question: string): PracticeSide | undefined {
  return ASKS_FOR_SIDE.exec(question)?.[1]?.toLowerCase() as PracticeSide | undefined;
}

const NAMES_SIDE = /\b(leadership|management)\s+(?:side|dimensions?|part|view|ones?|items?)\b/i;

/** The side a question names, for one dimension of it too ("is there a leadership one about crises?"). */
export function sideNamed(question: string): PracticeSide | undefined {
  return NAMES_SIDE.exec(question)?.[1]?.toLowerCase() as PracticeSide | undefined;
}

/**
 * The parts of the corpus a question can name, and the ids of their sections. (The words a
 * section counts as its own part's name, for coverage, are corpus/part-names.ts: one list per
 * use, since a question's "summit" or "competency" names a part that its sections' terms
 * should not all carry.)
 */
const PART_KINDS: Array<{ names: RegExp; idPrefix: string }> = [
  { names: /\b(?:practices?|dimensions?|competenc(?:y|ies))\b/i, idPrefix: "practices." },
  { names: /\b(?:recommendations?|toolkit)\b/i, idPrefix: "toolkit" },
  { names: /\bworkshops?\b/i, idPrefix: "workshops." },
  { names: /\b(?:programs?|summits?)\b/i, idPrefix: "programs." },
  { names: /\bresources?\b/i, idPrefix: "resources." },
  { names: /\bresearch\b/i, idPrefix: "research." },
  { names: /\b(?:declaration|ideals?)\b/i, idPrefix: "ideals" },
];

/**
 * The part of the corpus a question asks whether it holds something of ("Is there an ICMA
 * program that trains managers on that?", "does ICMA offer a workshop on data?"): the id prefix
 * of that part, whose sections then come first. Undefined for any other question.
 */
export function partAskedFor(question: string): string | undefined {
  const after = /\b(?:is\s+there|are\s+there|does\s+icma\s+(?:have|offer|run|provide)|do\s+they\s+(?:have|offer))\s+(?:an?|any)\s+(?:icma\s+)?((?:[\w-]+\s*){1,2})/i.exec(question)?.[1] ?? "";
  // The part named within its first two words ("an ICMA program", "a short workshop"); a
  // practice asked for is named otherwise (whole-practice.ts).
  const part = after
    .split(/\s+/)
    .map((word) => PART_KINDS.find((p) => p.names.test(word)))
    .find((p) => p !== undefined);
  return part && part.idPrefix !== "practices." ? part.idPrefix : undefined;
}

/**
 * The parts a follow-up can ask for in other words than partAskedFor reads ("which of the ICMA
 * practices talks about ...", "is there a glossary term for that idea?", "does ICMA offer a
 * program on that?"): the glossary by what it holds, too.
 */
const PART_OF_FOLLOW_UP: Array<{ names: RegExp; idPrefix: string }> = [
  // Not "put that into practice", "in practice": a manner, not the practices.
  { names: /\b(?<!\b(?:in|into)\s+)practices?\b(?!\s+(?:groups?|that)\b)/i, idPrefix: "practices." },
  { names: /\bglossary\b|\b(?:term|word|name|label|definition)\s+(?:for|of)\b/i, idPrefix: "glossary." },
  // ICMA's own programs: "any kind of program that helps with that?" may mean a mentoring program.
  { names: /\bICMA\b.*\b(?:programs?|institutes?)\b/i, idPrefix: "programs." },
  { names: /\b(?:research|reports?|stud(?:y|ies)|fellowships?)\b/i, idPrefix: "research." },
  { names: /\b(?:ideals|declaration)\b/i, idPrefix: "ideals" },
  { names: /\bworkshops?\b/i, idPrefix: "workshops." },
  // Not "when council overrules my recommendation".
  { names: /\btoolkit\b|\b(?:the|any|a|which|what|one\s+of\s+the)\s+recommendations?\b/i, idPrefix: "toolkit" },
];
/** How a follow-up asks whether a part holds something: "which of the practices", "is there a ...", "does ICMA have ...", "anything in the practices ...". */
const ASKS_OF_A_PART = /\b(?:which|what|is\s+there|are\s+there|does|do|anything|any|another|other|one\s+of)\b/i;

/**
 * The part of the corpus a follow-up asks of, when it is not the part the previous answer was
 * from: after a glossary entry, "which of the ICMA practices talks about supporting groups like
 * that?" asks for a practice, and "does ICMA offer a program on that?" after a practice asks
 * for a program ("training" alone names no part: it may be a practice's staff training). Searched joined to the previous question, the previous
 * answer's own section would stay first; the part asked for comes first instead. Undefined
 * when the follow-up names no part, or more than one, or the previous answer's own part.
 */
export function otherPartAskedFor(question: string, history: readonly ConversationTurn[]): string | undefined {
  const subject = previousSubject(history);
  if (!subject || question.trim().split(/\s+/).length > COMPARED_FOLLOW_UP_WORDS + 4 || !ASKS_OF_A_PART.test(question)) return undefined;
  const named = PART_OF_FOLLOW_UP.filter((p) => p.names.test(question));
  if (named.length !== 1 || subject.startsWith(named[0]!.idPrefix)) return undefined;
  return named[0]!.idPrefix;
}

/** "is there a specific name for that?", "what's the term for the one-organization kind?", "what's that called?" */
const ASKS_FOR_A_TERM = /\b(?:term|name|word|label)\s+for\b|\bwhat(?:['’]s|\s+is|\s+are)\s+(?:that|this|it|those|they)\s+called\b|\bis\s+there\s+a\s+(?:specific\s+|special\s+|particular\s+)?(?:term|name|word)\b/i;

/**
 * After a glossary answer, a follow-up asking for the term for something ("is there a
 * specific name for that neutral-rule situation?") asks for another entry than the one just
 * shown: that entry's id, which the answerer then ranks behind the next glossary entry found.
 * Undefined for any other question.
 */
export function termAskedAfterEntry(question: string, history: readonly ConversationTurn[]): string | undefined {
  if (!ASKS_FOR_A_TERM.test(question) || question.trim().split(/\s+/).length > COMPARED_FOLLOW_UP_WORDS + 4) return undefined;
  return previousGlossaryEntry(history);
}

/** Whether a question names a part of the corpus (or ICMA itself) rather than leaning on a glossary answer. */
function namesAnotherPart(question: string): boolean {
  return /\bICMA\b/i.test(question) || PART_KINDS.some((p) => p.names.test(question));
}

/** "What's that practice's definition?": the practice the previous question named. */
export function pointsBackAtPractice(question: string): boolean {
  return /\b(?:that|this|same)\s+practice\b/i.test(question);
}

/**
 * After a glossary answer, "which practice talks about that?" or "is it in the toolkit?" asks
 * where the sources use the term: the entry's see-also sections of the part named, in the
 * entry's order. Empty for any other question.
 */
export function entryUsesAsked(question: string, history: readonly ConversationTurn[], seeAlsoOf: (entryId: string) => readonly string[]): string[] {
  const entry = previousGlossaryEntry(history);
  if (!entry || !leansOnPrevious(question) || question.trim().split(/\s+/).length > SHORT_QUESTION_WORDS + 4) return [];
  const part = PART_KINDS.find((p) => p.names.test(question));
  return part ? seeAlsoOf(entry).filter((id) => id.startsWith(part.idPrefix)) : [];
}

/**
 * What a follow-up asks the corpus to relate to the previous answer: the workshops tied to its
 * practice ("is there a workshop tied to that practice?"), or the glossary entries for the
 * section it began with ("does the glossary have anything related to that?", "what does the
 * glossary say about the first of those?"). Undefined for any other question.
 */
export function relatedAsked(
  question: string,
  history: readonly ConversationTurn[],
  related: { workshopsOf(practiceId: string): string[]; entriesFor(sectionId: string): string[] },
): string[] {
  if (!leansOnPrevious(question) || question.trim().split(/\s+/).length > SHORT_QUESTION_WORDS + 6) return [];
  const practice = previousPractice(history);
  if (/\bworkshops?\b/i.test(question) && practice) return related.workshopsOf(practice);
  const first = previousAnswered(history)?.answer?.citations[0]?.sectionId;
  if (!/\bglossary\b/i.test(question) || !first || first.startsWith("glossary.")) return [];
  const entries = related.entriesFor(first);
  // "the first of those": the first of the terms as the section lists them.
  const item = /\bof\s+(?:those|these|them)\b/i.test(question) ? POINTS_AT_ITEM.exec(question) : null;
  if (!item) return entries;
  const pointed = entries[pointedIndex(item, entries.length)];
  return pointed ? [pointed] : [];
}

/**
 * The glossary entry a short follow-up to a glossary answer is about ("give me an example",
 * "who came up with that term?", "what does the I stand for?"): the previous answer's entry,
 * unless the follow-up names another part of the corpus ("which practice talks about that?").
 */
export function glossaryEntryFollowedUp(question: string, history: readonly ConversationTurn[] = []): string | undefined {
  const entry = previousGlossaryEntry(history);
  if (!entry || namesAnotherPart(question) || question.trim().split(/\s+/).length > SHORT_QUESTION_WORDS + 2) return undefined;
  return entry;
}

/**
 * "And what about the management side?" after an answer drawn from one practice asks for
 * that practice's other side: the practice id and the side asked for.
 */
export function followUpPracticeSide(
  question: string,
  history: readonly ConversationTurn[] = [],
): { practiceId: string; side: PracticeSide } | undefined {
  const side = sideAskedFor(question);
  // The practice the previous answer was about: most of its citations, not merely the first.
  const practice = previousPractice(history);
  if (!side || !practice || question.trim().split(/\s+/).length > SHORT_QUESTION_WORDS + 2) return undefined;
  return { practiceId: practice, side };
}
