// Text crossing the Slack boundary, in both directions. Inbound: Slack's encoded message
// text becomes the plain question the core expects. Outbound: any text we did not write
// ourselves (corpus words, echoed questions) is escaped so it cannot form Slack markup.

/** Zero-width joiner: keeps "@here" readable while stopping Slack from treating it as a broadcast. */
const ZERO_WIDTH_JOINER = "\u200D";

/**
 * Escapes the three characters Slack's mrkdwn reserves (`&`, `<`, `>`), so text cannot
 * open a link, a user mention or a `<!channel>` broadcast, and breaks bare broadcast
 * keywords (`@channel`, `@here`, `@everyone`) in case a surface auto-links them.
 */
export function escapeSlackText(text: string): string {
  const escaped = text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  return escaped.replace(/@(channel|here|everyone)\b/gi, `@${ZERO_WIDTH_JOINER}$1`);
}

const graphemes = new Intl.Segmenter("en", { granularity: "grapheme" });
/** A cluster longer than this (stacked combining marks) is cut inside rather than dropped whole. */
const LONGEST_CLUSTER_KEPT_WHOLE = 32;

/**
 * The largest index ≤ `max` at which `text` can be cut without splitting a character:
 * never between the two halves of a UTF-16 surrogate pair (an emoji would arrive as "�"),
 * and where possible not inside a grapheme cluster either (a family emoji, a flag, a letter
 * with its accent). Lengths are UTF-16 code units, as Slack counts them.
 */
export function safeCutIndex(text: string, max: number): number {
  if (max >= text.length) return text.length;
  if (max <= 0) return 0;
  const cluster = graphemes.segment(text).containing(max);
  if (cluster && cluster.index <= max && max - cluster.index <= LONGEST_CLUSTER_KEPT_WHOLE) return cluster.index;
  const before = text.charCodeAt(max - 1);
  return before >= 0xd800 && before <= 0xdbff ? max - 1 : max;
}

/** The longest prefix of `text` of at most `max` code units that ends on a whole character. */
export function safePrefix(text: string, max: number): string {
  return text.slice(0, safeCutIndex(text, max));
}

/** Cuts `text` to at most `max` characters, ending with an ellipsis when it was cut. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 1) return "…".slice(0, max);
  const cut = safePrefix(text, max - 1);
  // Prefer a word boundary when there is one reasonably near the end.
  const lastSpace = cut.lastIndexOf(" ");
  const base = lastSpace > max * 0.8 ? cut.slice(0, lastSpace) : cut;
  return `${base.trimEnd()}…`;
}

/** Escapes then truncates, never splitting an `&amp;`-style entity. */
export function escapeAndTruncate(text: string, max: number): string {
  return clipEscaped(escapeSlackText(text), max);
}

/** Truncates already-escaped text; a dangling partial entity ("&am…") is dropped. */
export function clipEscaped(escaped: string, max: number): string {
  if (escaped.length <= max) return escaped;
  return truncate(escaped, max).replace(/&[a-z]{0,4}…$/, "…");
}

/**
 * Turns the text of a Slack message into the plain question the core expects: removes
 * mentions of the bot itself, unwraps Slack's link/channel/user markup into readable
 * words, and decodes the `&amp;`/`&lt;`/`&gt;` entities Slack sends.
 */
export function questionFromSlackText(text: string | undefined, botUserId?: string): string {
  if (!text) return "";
  let question = text;
  if (botUserId) {
    question = question.split(`<@${botUserId}>`).join(" ");
  }
  question = question
    // <@U123|name> or <@U123>: keep a readable handle, never markup.
    .replace(/<@([A-Z0-9]+)(?:\|([^>]*))?>/g, (_m, id: string, name?: string) => `@${name ?? id}`)
    // <#C123|general> → #general
    .replace(/<#([A-Z0-9]+)(?:\|([^>]*))?>/g, (_m, id: string, name?: string) => `#${name ?? id}`)
    // <!here>, <!channel>, <!subteam^S1|@team> → readable words (the renderer neutralises them again)
    .replace(/<!([a-z]+)(?:\^[A-Z0-9]+)?(?:\|([^>]*))?>/g, (_m, word: string, label?: string) => label ?? `@${word}`)
    // <https://x|label> → label; <https://x> → https://x
    .replace(/<((?:https?|mailto):[^|>]+)(?:\|([^>]*))?>/g, (_m, url: string, label?: string) => label ?? url);
  question = question.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
  return question.replace(/\s+/g, " ").trim();
}

/** The conversation a Slack message belongs to: its thread, or the channel or DM itself. */
export function threadKey(channel: string, threadTs: string | undefined): string {
  return threadTs ? `${channel}:${threadTs}` : channel;
}
