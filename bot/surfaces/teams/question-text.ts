// The question in a Teams message: its text without the bot's @mention. Teams marks each
// mention as `<at>…</at>` in the text and lists it in `entities` (type "mention", with the
// exact text and who is mentioned). botbuilder's TurnContext.removeRecipientMention removes
// only the first such entity, only its first occurrence, rewrites activity.text, and its
// getMentions throws on an entity without a string type. So this reads the entities itself
// and removes every mention of the bot: one split per word (`<at>Practice</at> <at>Guide</at>`,
// two entities), one repeated, and one preceded by a greeting ("hey <at>Practice Guide</at>
// define equity" asks "define equity", so a glossary question still reaches the glossary).
import type { Activity } from "botbuilder";

/** Words that only address the bot when they come before its mention ("hey @Practice Guide, …"). */
const ADDRESS_WORDS = new Set(["hey", "hi", "hello", "hiya", "howdy", "yo", "ok", "okay", "so", "dear", "please", "pls", "good", "morning", "afternoon", "evening", "@"]);
const BOT = "\u0000";

/** The message text without the bot's @mention; a mention-only message becomes "". */
export function questionTextOf(activity: Partial<Activity>): string {
  let text = typeof activity.text === "string" ? activity.text : "";
  if (text === "") return "";
  text = spaced(text.replace(/\u0000/g, ""));
  for (const mention of botMentionTexts(activity)) text = text.split(spaced(mention)).join(BOT);
  // Any other mention markup (another person, a renamed bot) is not part of the question.
  text = text.replace(/<at>[^<]*<\/at>/gi, " ");
  // A mention split per word is one mention.
  text = text.replace(new RegExp(`${BOT}(?:\\s*${BOT})+`, "g"), BOT);

  const first = text.indexOf(BOT);
  if (first >= 0) {
    const before = text.slice(0, first);
    const after = text.slice(first + 1).replace(new RegExp(BOT, "g"), " ");
    // "hey @bot define equity" asks "define equity"; "thanks @bot" is still "thanks".
    if (isAddressOnly(before) && after.trim() !== "") text = `${BOT}${after}`;
    text = text
      .replace(new RegExp(`^\\s*${BOT}\\s*[,:;\\-\u2013\u2014]?`), "")
      .replace(new RegExp(`[\\s,]*${BOT}\\s*([?.!]*)\\s*$`), "$1")
      .replace(new RegExp(`\\s*${BOT}\\s*`, "g"), " ");
  }
  return text.replace(/[ \t]+/g, " ").trim();
}

export function isDefineRequest(question: string): boolean {
  return /^define\s+\S/i.test(question.trim());
}

/** Every way the bot's mention is written in this message, longest first. */
function botMentionTexts(activity: Partial<Activity>): string[] {
  const botId = activity.recipient?.id;
  const botName = activity.recipient?.name;
  const texts = new Set<string>();
  if (typeof botName === "string" && botName !== "") texts.add(`<at>${botName}</at>`);
  for (const entity of Array.isArray(activity.entities) ? (activity.entities as unknown[]) : []) {
    if (typeof entity !== "object" || entity === null) continue;
    const { type, text, mentioned } = entity as { type?: unknown; text?: unknown; mentioned?: { id?: unknown } };
    if (typeof type !== "string" || type.toLowerCase() !== "mention" || typeof text !== "string" || text.trim() === "") continue;
    if (botId !== undefined && typeof mentioned === "object" && mentioned !== null && mentioned.id === botId) texts.add(text);
  }
  return [...texts].sort((a, b) => b.length - a.length);
}

function spaced(text: string): string {
  return text.replace(/&nbsp;|\u00a0/g, " ");
}

function isAddressOnly(text: string): boolean {
  return text
    .split(/[\s,.!:;\-\u2013\u2014]+/)
    .filter(Boolean)
    .every((word) => ADDRESS_WORDS.has(word.toLowerCase()));
}
