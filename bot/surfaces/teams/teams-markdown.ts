// Teams renders message text (and Adaptive Card TextBlocks) as a markdown subset, so corpus
// and user text must be escaped or a stray "*", "_" or "<at>" would change how it shows.
import { findMarkerGroups } from "../../core/citation-markers.js";

// Backslash escapes are valid before any ASCII punctuation in CommonMark, so escaping a
// character that would not have been interpreted is harmless.
const MARKDOWN_PUNCTUATION = /[\\*_`#[\]~|]/g;

function escapeRun(text: string): string {
  return text
    .replace(MARKDOWN_PUNCTUATION, (c) => `\\${c}`)
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;");
}

/**
 * Escapes `text` for Teams markdown. In-text citation markers `[n]` whose n is in
 * `keepMarkers` are left untouched so Teams can link them to the citation entities.
 */
export function escapeTeamsMarkdown(text: string, keepMarkers: ReadonlySet<number> = new Set()): string {
  let out = "";
  let last = 0;
  for (const group of findMarkerGroups(text)) {
    // Teams links only a single-number marker; "[1, 2]" is escaped like any other text.
    if (group.numbers.length !== 1 || !keepMarkers.has(group.numbers[0]!)) continue;
    out += escapeRun(text.slice(last, group.start)) + group.text;
    last = group.end;
  }
  return out + escapeRun(text.slice(last));
}

/**
 * Shortens `text` to at most `max` UTF-16 code units (how Teams, and JavaScript, count a
 * string's length), ending with "…" when cut. The cut falls between words when the kept part
 * has a space, and never inside a character (a surrogate pair, an emoji sequence).
 */
export function truncateWithEllipsis(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${prefixAtWordBoundary(text, graphemePrefix(text, Math.max(0, max - 1)))}…`;
}

/** The longest prefix of `text` made of whole characters (grapheme clusters) within `maxUnits` UTF-16 code units. */
export function graphemePrefix(text: string, maxUnits: number): string {
  if (text.length <= maxUnits) return text;
  let end = 0;
  for (const { segment, index } of graphemes.segment(text)) {
    if (index + segment.length > maxUnits) break;
    end = index + segment.length;
  }
  return text.slice(0, end);
}

/**
 * `prefix` (a prefix of `text`) pulled back to the end of its last whole word, without
 * trailing space. A prefix with no space at all (one very long word) is kept as it is.
 */
export function prefixAtWordBoundary(text: string, prefix: string): string {
  const next = text.charAt(prefix.length);
  if (prefix.length === text.length || /\s/.test(next)) return prefix.trimEnd();
  const lastSpace = prefix.search(/\s\S*$/);
  return (lastSpace > 0 ? prefix.slice(0, lastSpace) : prefix).trimEnd();
}

/** Where each character (grapheme cluster) of `text` ends, as UTF-16 offsets: the places a cut may fall. */
export function graphemeEnds(text: string): number[] {
  return Array.from(graphemes.segment(text), ({ segment, index }) => index + segment.length);
}

const graphemes = new Intl.Segmenter("en", { granularity: "grapheme" });

/**
 * Size of a JSON-serialised value as Teams counts it against its message limit: UTF-16 code
 * units (a string's length), not UTF-8 bytes, which overcount every non-ASCII character.
 */
export function jsonLength(value: unknown): number {
  return JSON.stringify(value).length;
}
