// Citation markers in answer text: [3], runs such as [1][2] or [1] [3], and the [1, 2] some
// models write. Reconciliation, the surfaces and the evals all read markers here, so they
// agree on what a marker is. Pure functions, no I/O.
import { splitSentences, type Sentence } from "../../retrieval/text/sentences.js";

/** One marker group, "[3]" or "[1, 2]": the syntax, for patterns that must recognise a marker inside them. */
export const MARKER_GROUP: RegExp = /\[\d+(?:\s*,\s*\d+)*\]/;

const MARKER_GROUPS = new RegExp(MARKER_GROUP.source, "g");

export interface MarkerGroup {
  /** Offset of the "[" in the text. */
  start: number;
  /** Offset just after the "]". */
  end: number;
  /** The group as written, e.g. "[1, 2]". */
  text: string;
  /** Its numbers in written order, e.g. [1, 2]. */
  numbers: number[];
}

/** Every marker group in the text, in order. */
export function findMarkerGroups(text: string): MarkerGroup[] {
  return [...text.matchAll(MARKER_GROUPS)].map((match) => ({
    start: match.index,
    end: match.index + match[0].length,
    text: match[0],
    numbers: match[0].slice(1, -1).split(",").map((n) => Number(n.trim())),
  }));
}

/** The numbers of every marker in the text, in written order, repeats included. */
export function markerNumbers(text: string): number[] {
  return findMarkerGroups(text).flatMap((group) => group.numbers);
}

/** The text with every marker group replaced (by default removed). */
export function stripMarkers(text: string, replacement = ""): string {
  return text.replace(MARKER_GROUPS, replacement);
}

/**
 * Replaces each run of adjacent marker groups ("[1][2]", "[1] [3, 4]"), together with the
 * whitespace before it, by what `replace` returns for the run's numbers (in order, repeats
 * included). The whitespace is kept in front of a non-empty replacement and goes with an
 * empty one, so dropping every marker of "claim [4]." leaves "claim.".
 */
export function replaceMarkerRuns(text: string, replace: (numbers: number[]) => string): string {
  let out = "";
  let last = 0;
  const groups = findMarkerGroups(text);
  for (let i = 0; i < groups.length; ) {
    let j = i;
    while (j + 1 < groups.length && /^\s*$/.test(text.slice(groups[j]!.end, groups[j + 1]!.start))) j += 1;
    const runStart = groups[i]!.start;
    const spaceStart = runStart - (/\s*$/.exec(text.slice(last, runStart))?.[0].length ?? 0);
    const replacement = replace(groups.slice(i, j + 1).flatMap((g) => g.numbers));
    out += text.slice(last, spaceStart) + (replacement === "" ? "" : text.slice(spaceStart, runStart) + replacement);
    last = groups[j]!.end;
    i = j + 1;
  }
  return out + text.slice(last);
}

/** The sentences of answer text, each keeping the markers that trail it: "End. [2] Next." is "End. [2]" and "Next.". */
export function citedSentences(text: string): Sentence[] {
  return splitSentences(text, { trailing: MARKER_GROUP });
}
