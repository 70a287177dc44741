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

/** Shortens `text` to at most `max` characters (code points), ending with "…" when cut. */
export function truncateWithEllipsis(text: string, max: number): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  const kept = chars.slice(0, Math.max(0, max - 1)).join("");
  // Prefer ending on a word boundary when one is reasonably close.
  const lastSpace = kept.lastIndexOf(" ");
  const cut = lastSpace >= kept.length * 0.6 ? kept.slice(0, lastSpace) : kept;
  return `${cut.trimEnd()}…`;
}

/** UTF-8 size of a JSON-serialised value: what Teams counts against its message limit. */
export function jsonByteLength(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value), "utf8");
}
