// Numbers as staff write them in questions ("practice fifteen", "the 12th recommendation",
// "the seventh E"): one list of words, read the same way by every rule that numbers items.
export const NUMBER_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"];
export const ORDINAL_WORDS = ["zeroth", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth", "twentieth"];

/** A regex group for a cardinal of up to `digits` digits or a number word. */
export function cardinalPattern(digits: number): string {
  return `(\\d{1,${digits}}|${NUMBER_WORDS.join("|")})`;
}

/**
 * Roman numerals II to XX, longest first, and V and X alone: "Practice XV", "Recommendation
 * XII", as numbered lists in government documents are often written. "I" alone is left out:
 * "practices I can point to" is the pronoun.
 */
const ROMAN = ["XX", "XIX", "XVIII", "XVII", "XVI", "XV", "XIV", "XIII", "XII", "XI", "X", "IX", "VIII", "VII", "VI", "V", "IV", "III", "II"];

/** cardinalPattern, or a Roman numeral (ROMAN): for items numbered by a noun before them. */
export function itemNumberPattern(digits: number): string {
  return `(\\d{1,${digits}}|${NUMBER_WORDS.join("|")}|${ROMAN.join("|")})`;
}

/** A regex group for an ordinal ("12th", "twelfth") of up to `digits` digits. */
export function ordinalPattern(digits: number): string {
  return `(\\d{1,${digits}}(?:st|nd|rd|th)|${ORDINAL_WORDS.join("|")})`;
}

/** An item the question numbers: its number, the words that number it, and whether the noun was plural ("practices 1 to 5"). */
export interface NumberedMention {
  n: number;
  text: string;
  plural: boolean;
}

/**
 * The numbers a question gives items of `noun`: "practice 15", "practice #15", "practice
 * number fifteen", "Practice XV", "the 15th practice", "the twelfth key recommendation". An
 * ordinal that places the item within something else is not its number: "the first practice
 * in the last group", "the third practice group".
 */
export function itemNumbersNamed(noun: string, question: string): NumberedMention[] {
  const after = new RegExp(`\\b${noun}(s?)\\s*(?:#|no\\.?\\s*|number\\s+)?${itemNumberPattern(3)}\\b`, "gi");
  const within = `(?!s?\\s+groups?\\b|s?\\s+(?:in|of|within|under|from)\\s+(?:the|that|this|each)\\s+(?:[a-z'’]+\\s+)?(?:group|list|set|category|cluster)s?\\b)`;
  const before = new RegExp(`\\b${ordinalPattern(3)}\\s+(?:[a-z'’]+\\s+){0,2}?${noun}(s?)\\b${within}`, "gi");
  const mentions = [
    ...[...question.matchAll(after)].map((m) => ({ n: toNumber(m[2]!), text: m[0], plural: m[1] !== "" })),
    ...[...question.matchAll(before)].map((m) => ({ n: toNumber(m[1]!), text: m[0], plural: m[2] !== "" })),
  ];
  return mentions.filter((m) => m.n >= 0);
}

/** The number a cardinal or ordinal stands for; -1 when it is neither. */
export function toNumber(word: string): number {
  const lower = word.toLowerCase();
  if (/^\d/.test(lower)) return parseInt(lower, 10);
  if (/^[ivx]+$/.test(lower) && ROMAN.includes(word.toUpperCase())) return romanValue(lower);
  const cardinal = NUMBER_WORDS.indexOf(lower);
  return cardinal >= 0 ? cardinal : ORDINAL_WORDS.indexOf(lower);
}

/** "fifth", or "25th" past the words. */
export function ordinalName(n: number): string {
  if (ORDINAL_WORDS[n]) return ORDINAL_WORDS[n]!;
  const suffix = n % 100 >= 11 && n % 100 <= 13 ? "th" : ["th", "st", "nd", "rd"][n % 10] ?? "th";
  return `${n}${suffix}`;
}

function romanValue(numeral: string): number {
  const value: Record<string, number> = { i: 1, v: 5, x: 10 };
  return [...numeral].reduce((sum, c, i) => sum + (value[c]! < (value[numeral[i + 1]!] ?? 0) ? -value[c]! : value[c]!), 0);
}
