// Messages that are not questions for the corpus get a short, friendly reply (status
// "invalid", as for empty input) instead of "the guide doesn't cover that": a greeting, a
// thank-you or a call for help, and a question in another language, which is told the guide
// answers in English only. Small talk is recognised as a short message made only of social
// words; another language by its script or its function words.
import { tokenize } from "../../retrieval/text/text-terms.js";
import { GREETING_REPLY, HELP_REPLY, NOT_ENGLISH_REPLY, THANKS_REPLY } from "./wording.js";

const GREETING = new Set(["hi", "hello", "hey", "hiya", "howdy", "greetings", "yo", "morning", "afternoon", "evening", "good", "there", "all", "everyone", "team", "folks", "bot", "guide"]);
const THANKS = new Set(["thanks", "thank", "thx", "ty", "cheers", "appreciate", "appreciated", "it", "you", "so", "much", "a", "lot", "great", "perfect", "awesome", "helpful", "very", "that", "was", "ok", "okay", "cool", "nice", "got", "bye", "goodbye", "never", "mind"]);
/** A message of only these closes the exchange: answered like a thank-you. */
const CLOSING = new Set(["ok", "okay", "bye", "goodbye", "cool", "nice", "great", "never", "mind", "got", "it", "thanks", "thank", "you"]);
const HELP = new Set(["help", "please", "menu", "commands", "start", "how", "does", "this", "work", "what", "can", "you", "do", "i", "ask", "use"]);
/**
 * Frequent function words of other languages that are not English words: two of them in a
 * short message mark it as not English even when its content words are international.
 */
const OTHER_LANGUAGE_WORDS = new Set([
  // Spanish
  "el", "los", "las", "una", "unos", "del", "que", "qué", "por", "para", "con", "cómo", "como", "sobre", "mi", "nuestra", "nuestro", "puedo", "cuál", "cuáles",
  // French
  "les", "des", "une", "est", "sont", "pour", "avec", "dans", "quelles", "quels", "quelle", "qui", "sur", "du", "aux", "cette", "nous", "vous", "comment",
  // German
  "der", "das", "und", "ist", "nicht", "wie", "ich", "meiner", "meine", "kann", "mit", "für", "eine", "einen", "welche",
  // Portuguese and Italian
  "não", "são", "uma", "com", "minha", "nossa", "della", "sono", "perché", "quali",
  // Greetings
  "hola", "bonjour", "hallo", "ciao", "olá", "estás", "buenos", "buenas", "merci", "gracias", "danke",
]);

/** Words of the question form common to all three: "hi there, thanks!" is still small talk. */
const SHARED = new Set(["and", "oh", "again"]);

export type SmallTalk = { kind: "greeting" | "thanks" | "help" | "not-english"; reply: string };

export function smallTalk(question: string): SmallTalk | null {
  const words = tokenize(question).filter((w) => /\p{L}/u.test(w));
  if (otherScript(question)) return { kind: "not-english", reply: NOT_ENGLISH_REPLY };
  if (words.length === 0) return null;
  const only = (vocabulary: Set<string>) => words.length <= 8 && words.every((w) => vocabulary.has(w) || SHARED.has(w));
  const has = (w: string) => words.includes(w);
  if (only(new Set([...GREETING, ...THANKS])) && (has("thanks") || has("thank") || has("thx") || has("ty") || has("cheers") || has("appreciate") || has("appreciated")))
    return { kind: "thanks", reply: THANKS_REPLY };
  if (only(CLOSING)) return { kind: "thanks", reply: THANKS_REPLY };
  if (only(GREETING) && words.some((w) => ["hi", "hello", "hey", "hiya", "howdy", "greetings", "yo", "morning", "afternoon", "evening"].includes(w)))
    return { kind: "greeting", reply: GREETING_REPLY };
  if (only(HELP) && has("help")) return { kind: "help", reply: HELP_REPLY };
  if (isNotEnglish(words)) return { kind: "not-english", reply: NOT_ENGLISH_REPLY };
  return null;
}

/** Mostly letters of another script (Cyrillic, Arabic, CJK...). */
function otherScript(question: string): boolean {
  const letters = [...question].filter((c) => /\p{L}/u.test(c));
  const latin = letters.filter((c) => /\p{Script=Latin}/u.test(c)).length;
  return letters.length >= 2 && latin / letters.length < 0.5;
}

/**
 * Two or more function words of another language, making up a fifth of the message. (The
 * share of English words alone is no test: a typo-heavy English question scores low on it.)
 */
function isNotEnglish(words: readonly string[]): boolean {
  const foreign = words.filter((w) => OTHER_LANGUAGE_WORDS.has(w)).length;
  return foreign >= 2 && foreign / words.length >= 0.2;
}
