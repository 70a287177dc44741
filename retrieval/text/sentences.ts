// The one sentence splitter. Index units (chunk-sections.ts), the sentences an extractive
// answer cites (compose-extractive.ts), the sentences of a model's answer that
// reconciliation keeps or cuts, and the sentences the evals count all come from here, so a
// sentence is the same thing everywhere. Each sentence is an exact slice of the input with
// its offsets, so callers can quote it, rewrite it in place or rebuild the text around it.
//
// A sentence ends at a line break, or at terminal punctuation (with any closing quotes or
// brackets) followed by space and something that does not start a lowercase word, so
// "e.g. the" and "U.S. and" do not split. Nor do known abbreviations ("Ph.D. Director"),
// initials ("Kevin C. Desouza", "Ely, T. L. and") or a list number ("1. Strategic
// Planning"). What may trail a sentence's end and still belong to it, such as the citation
// markers of answer text ("End. [2] Next"), is the caller's to say: this module knows no
// marker syntax.

export interface Sentence {
  /** Exactly `input.slice(start, end)`: no surrounding whitespace. */
  text: string;
  start: number;
  end: number;
}

export interface SentenceOptions {
  /**
   * One item that may follow a sentence's final punctuation, after optional space, and still
   * belong to that sentence, e.g. a citation marker group. Any number of them are taken,
   * each optionally followed by stray terminal punctuation ("End. [2]. Next").
   */
  trailing?: RegExp;
  /** Leave a list line's leading "- " or "• " out of its sentence. */
  withoutListBullets?: boolean;
}

/** Words that end in a full stop without ending a sentence. */
const ABBREVIATIONS = new Set(["e.g.", "i.e.", "vs.", "dr.", "mr.", "ms.", "mrs.", "prof.", "ph.d.", "u.s.", "no.", "st.", "inc."]);

/** Terminal punctuation and the closing quotes or brackets after it. */
const TERMINAL = /[.!?]+["'\u201D\u2019)]*/g;
const STRAY_TERMINAL = /[.!?]+["'\u201D\u2019)]*/y;
const SPACE = /\s*/y;
/** "1." or "b." or "iv." alone: a list number, not a sentence. */
const LIST_NUMBER = /^(?:\d{1,3}|[a-z]|[ivx]{1,5})\.$/i;
const LIST_BULLET = /^[-•]\s+/;

export function splitSentences(text: string, options: SentenceOptions = {}): Sentence[] {
  const trailing = options.trailing
    ? new RegExp(`\\s*(?:${options.trailing.source})`, `y${options.trailing.flags.includes("u") ? "u" : ""}`)
    : null;
  const sentences: Sentence[] = [];
  const add = (from: number, to: number) => {
    let start = from;
    let end = to;
    while (start < end && /\s/.test(text[start]!)) start += 1;
    while (end > start && /\s/.test(text[end - 1]!)) end -= 1;
    if (options.withoutListBullets) start += LIST_BULLET.exec(text.slice(start, end))?.[0].length ?? 0;
    if (end > start) sentences.push({ text: text.slice(start, end), start, end });
  };

  const terminal = new RegExp(TERMINAL.source, "g");
  let lineStart = 0;
  while (lineStart <= text.length) {
    const newline = text.indexOf("\n", lineStart);
    const lineEnd = newline === -1 ? text.length : newline;
    let sentenceStart = lineStart;
    terminal.lastIndex = lineStart;
    for (let match = terminal.exec(text); match && match.index < lineEnd; match = terminal.exec(text)) {
      const end = endOfSentence(text, match.index + match[0].length, lineEnd, trailing);
      if (end === null || !endsSentence(text, sentenceStart, match.index, end, lineEnd)) continue;
      add(sentenceStart, end);
      sentenceStart = end;
      terminal.lastIndex = end;
    }
    add(sentenceStart, lineEnd);
    lineStart = lineEnd + 1;
  }
  return sentences;
}

/** Where a sentence whose punctuation ends at `from` ends, trailing items included; null when no space or line end follows. */
function endOfSentence(text: string, from: number, lineEnd: number, trailing: RegExp | null): number | null {
  let end = from;
  while (trailing) {
    trailing.lastIndex = end;
    const item = trailing.exec(text);
    if (!item || end + item[0].length > lineEnd) break;
    end += item[0].length;
    STRAY_TERMINAL.lastIndex = end;
    end += STRAY_TERMINAL.exec(text)?.[0].length ?? 0;
  }
  if (end >= lineEnd) return lineEnd;
  return /\s/.test(text[end]!) ? end : null;
}

function endsSentence(text: string, sentenceStart: number, punctuation: number, end: number, lineEnd: number): boolean {
  SPACE.lastIndex = end;
  const next = end + (SPACE.exec(text)?.[0].length ?? 0);
  if (next >= lineEnd) return true;
  if (/\p{Ll}/u.test(text[next]!)) return false;
  const soFar = text.slice(sentenceStart, punctuation + 1).trim();
  const lastWord = (/\S+$/.exec(soFar)?.[0] ?? "").replace(/^[^\p{L}\p{N}]+/u, "");
  if (ABBREVIATIONS.has(lastWord.toLowerCase())) return false;
  if (/^\p{Lu}\.$/u.test(lastWord)) return false; // an initial
  return !LIST_NUMBER.test(soFar);
}
