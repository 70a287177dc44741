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
