// Messages that are not questions for the corpus get a short, friendly reply (status
// "invalid", as for empty input) instead of "the guide doesn't cover that": a greeting, a
// thank-you or a call for help, and a question in another language, which is told the guide
// answers in English only. Small talk is recognised as a short message made only of social
// words; another language by its script or its function words.
import { tokenize } from "../../retrieval/text/text-terms.js";
import { GREETING_REPLY, HELP_REPLY, NOT_ENGLISH_REPLY, THANKS_REPLY } from "./wording.js";

const GREETING_WORDS = ["hi", "hello", "helo", "hey", "hiya", "howdy", "greetings", "yo", "morning", "afternoon", "evening", "night", "happy"];
const GREETING = new Set([...GREETING_WORDS, "good", "there", "all", "everyone", "anyone", "anybody", "is", "team", "folks", "bot", "guide", "practice", "monday", "tuesday", "wednesday", "thursday", "friday", "weekend"]);
/** "How are you today?", "how's it going": asked of the assistant, answered like a greeting. */
const HOW_ARE_YOU = new Set(["how", "hows", "are", "you", "is", "it", "going", "doing", "today", "things", "there", "hi", "hello", "hey"]);
const THANKS = new Set(["thanks", "thank", "thx", "ty", "cheers", "appreciate", "appreciated", "it", "you", "re", "so", "much", "a", "lot", "ton", "great", "perfect", "awesome", "helpful", "very", "really", "that", "was", "ok", "okay", "cool", "nice", "got", "bye", "goodbye", "never", "mind"]);
/** A message of only these closes the exchange: answered like a thank-you. */
const CLOSING = new Set(["ok", "okay", "bye", "goodbye", "cool", "nice", "great", "never", "mind", "nvm", "lol", "got", "it", "thanks", "thank", "you", "that", "all", "i", "needed", "need", "have", "a", "good", "one", "day", "night", "see", "later", "done", "sorry", "wrong", "window", "chat"]);
/** Said only at the end: "That's all I needed, have a good one!" closes; "have a good day" alone does too. */
const CLOSING_WORDS = ["bye", "goodbye", "thanks", "thank", "needed", "one", "day", "night", "later", "done", "mind", "nvm", "wrong"];
const HELP = new Set(["help", "please", "menu", "commands", "start", "how", "does", "this", "thing", "work", "works", "what", "can", "you", "do", "i", "ask", "use", "kind", "kinds", "of", "questions", "question", "should", "able", "to", "with", "me", "im", "am", "new", "here", "are", "who", "made", "built", "created", "your", "yourself", "tell", "about", "a", "an", "name", "real", "person", "human", "or", "bot", "ai", "chatgpt", "robot", "re", "m", "u", "wat"]);
/** Words that make a message of HELP words a question about the assistant: "What can you do?", "How does this thing work?". */
const HELP_SIGNS = ["help", "you", "u", "your", "this", "thing", "yourself"];
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
  "não", "são", "uma", "com", "minha", "nossa", "della", "sono", "perché", "quali", "o", "voce", "você", "onde", "quando", "cosa", "il", "di", "che",
  // Tagalog
  "ano", "ang", "ng", "sa", "ibig", "sabihin", "tungkol", "kumusta", "po", "ayon", "sinasabi",
  // Vietnamese, accents dropped
  "cua", "khong", "nhieu", "chao", "giup", "thuc", "hanh", "hoi", "thao", "nua", "ngay", "gia", "bao",
  // German and Italian content words of questions
  "bedeutet", "sagt", "uber", "im", "sprechen", "guten", "deutsch", "cosa", "significa", "secondo", "segun", "signifie", "selon", "dit",
  // Greetings
  "hola", "bonjour", "hallo", "ciao", "olá", "estás", "buenos", "buenas", "merci", "gracias", "danke",
  // Read as the question is (tokenize drops accents: "qué" is "que").
].flatMap((w) => tokenize(w)));

/** Words of the question form common to all three: "hi there, thanks!" is still small talk. */
const SHARED = new Set(["and", "oh", "again"]);

export type SmallTalk = { kind: "greeting" | "thanks" | "help" | "not-english"; reply: string };

export function smallTalk(question: string): SmallTalk | null {
  const words = tokenize(question).filter((w) => /\p{L}/u.test(w));
  if (otherScript(question)) return { kind: "not-english", reply: NOT_ENGLISH_REPLY };
  // "👍", "🙏": a reaction, taken as thanks.
  if (words.length === 0) return /^\s*\p{Extended_Pictographic}[\p{Extended_Pictographic}\u200d\ufe0f\s]*$/u.test(question) ? { kind: "thanks", reply: THANKS_REPLY } : null;
  // Spanish opens a question or an exclamation with an inverted mark.
  if (/[¿¡]/.test(question)) return { kind: "not-english", reply: NOT_ENGLISH_REPLY };
  const only = (vocabulary: Set<string>) => words.length <= 8 && words.every((w) => vocabulary.has(w) || SHARED.has(w));
  const has = (w: string) => words.includes(w);
  if (only(new Set([...GREETING, ...THANKS])) && (has("thanks") || has("thank") || has("thx") || has("ty") || has("cheers") || has("appreciate") || has("appreciated")))
    return { kind: "thanks", reply: THANKS_REPLY };
  if (only(CLOSING) && words.some((w) => CLOSING_WORDS.includes(w) || ["ok", "okay", "cool", "nice", "great", "got"].includes(w))) return { kind: "thanks", reply: THANKS_REPLY };
  if (only(GREETING) && words.some((w) => GREETING_WORDS.includes(w)))
    return { kind: "greeting", reply: GREETING_REPLY };
  if (only(HOW_ARE_YOU) && (has("how") || has("hows")) && (has("you") || has("it"))) return { kind: "greeting", reply: GREETING_REPLY };
  // "test", "testing": someone checking the bot is there.
  if (words.length <= 2 && words.every((w) => w === "test" || w === "testing" || w === "hello")) return { kind: "help", reply: HELP_REPLY };
  if (only(HELP) && words.some((w) => HELP_SIGNS.includes(w))) return { kind: "help", reply: HELP_REPLY };
  if (isNotEnglish(words)) return { kind: "not-english", reply: NOT_ENGLISH_REPLY };
  return null;
}

/**
 * Mostly letters of another script (Cyrillic, Arabic, CJK...). A Chinese or Japanese
 * character is about a word, so it counts as three letters: "如何下载ICMA Connect手机应用？"
 * is a Chinese question however long the English names in it.
 */
function otherScript(question: string): boolean {
  const letters = [...question].filter((c) => /\p{L}/u.test(c));
  const latin = letters.filter((c) => /\p{Script=Latin}/u.test(c)).length;
  const dense = letters.filter((c) => /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u.test(c)).length;
  const weighted = letters.length + 2 * dense;
  return letters.length >= 2 && latin / weighted < 0.5;
}

/**
 * Two or more function words of another language, making up a fifth of the message. (The
 * share of English words alone is no test: a typo-heavy English question scores low on it.)
 */
function isNotEnglish(words: readonly string[]): boolean {
  const foreign = words.filter((w) => OTHER_LANGUAGE_WORDS.has(w)).length;
  return foreign >= 2 && foreign / words.length >= 0.2;
}
