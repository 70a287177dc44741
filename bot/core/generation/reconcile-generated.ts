// Turns a model's candidate answer into what may be shown: only sentences backed by a
// citation whose quote is verbatim in a retrieved section survive. Everything else the
// model wrote (uncited claims, invented quotes or ids, echoes of its instructions) is cut.
import type { Citation } from "../answer-types.js";
import type { GeneratedAnswer, GeneratedCitation } from "./generator.js";
import type { SectionKind } from "../../../corpus/section.js";
import { GENERATION_SYSTEM_PROMPT, REWRITE_SYSTEM_PROMPT } from "./generation-prompt.js";
import { citedSentences, markerNumbers, replaceMarkerRuns, stripMarkers } from "../citation-markers.js";
import { normaliseForQuote, sourceSliceFor, verifyCitations, type CitationProblem } from "../verify-citations.js";

export interface ReconcilableSection {
  id: string;
  title: string;
  text: string;
  kind: SectionKind;
  writtenBy?: "project";
}

export type DroppedCitationProblem =
  | CitationProblem["problem"]
  /** Too few words to show that the section supports anything. */
  | "quote-too-short"
  /** A second citation reusing an n that was already given. */
  | "duplicate-number"
  /** A [n] marker in the text with no citation entry for n (sectionId is then ""). */
  | "no-such-citation";

export interface DroppedCitation {
  n: number;
  sectionId: string;
  problem: DroppedCitationProblem;
}

export interface ReconciledAnswer {
  text: string;
  citations: Citation[];
  dropped: DroppedCitation[];
  /** Sentences cut because they had no marker, only dropped markers, or echoed the instructions. */
  removedSentences: number;
}

export interface ReconcileOptions {
  /** Text the answer must never reproduce; defaults to the system prompts. */
  confidentialText?: readonly string[];
}

/** A quote of fewer words could be found almost anywhere, so it proves nothing. */
export const MIN_QUOTE_WORDS = 3;

/**
 * Verifies a generated answer against the sections it was given (only the retrieved ones:
 * pass exactly the sections the generator saw). Returns null when the model said the
 * sections do not cover the question or when no verified sentence remains.
 */
export function reconcileGenerated(
  generated: GeneratedAnswer,
  sections: ReadonlyMap<string, ReconcilableSection>,
  options: ReconcileOptions = {},
): ReconciledAnswer | null {
  if (!generated.covered) return null;
  const { verified, dropped } = verifyEach(generated.citations, sections);
  const confidential = shinglesOf(options.confidentialText ?? [GENERATION_SYSTEM_PROMPT, REWRITE_SYSTEM_PROMPT]);

  const renumbered = new Map<string, number>(); // sectionId + quote → new n
  const citations: Citation[] = [];
  const unknownMarkers = new Set<number>();
  let removedSentences = 0;

  const sentences = citedSentences(generated.text);
  let text = "";
  /** What goes before the next kept sentence: the widest break (paragraph, line, space) since the last one. */
  let separator = "";

  for (const [i, { text: sentence, end }] of sentences.entries()) {
    const gap = generated.text.slice(end, sentences[i + 1]?.start ?? generated.text.length);
    const markers = markerNumbers(sentence);
    for (const n of markers) {
      if (!generated.citations.some((c) => c.n === n)) unknownMarkers.add(n);
    }
    const supported = markers.filter((n) => verified.has(n));
    if (supported.length === 0 || echoesConfidentialText(sentence, confidential)) {
      removedSentences += 1;
      if (lineBreaks(gap) > lineBreaks(separator)) separator = gap;
      continue;
    }
    const newNumbers = new Map<number, number>();
    for (const n of supported) {
      const citation = verified.get(n)!;
      const key = `${citation.sectionId}\u0000${normaliseForQuote(citation.quote)}`;
      let newN = renumbered.get(key);
      if (newN === undefined) {
        newN = citations.length + 1;
        renumbered.set(key, newN);
        const section = sections.get(citation.sectionId)!;
        citations.push({
          n: newN,
          sectionId: section.id,
          title: section.title,
          // Shown as the source has it, byte for byte (verifyEach found it there).
          quote: sourceSliceFor(citation.quote, section.text)!,
          kind: section.kind,
          ...(section.writtenBy ? { writtenBy: section.writtenBy } : {}),
        });
      }
      newNumbers.set(n, newN);
    }
    text += (text === "" ? "" : separator) + rewriteMarkers(sentence, newNumbers);
    separator = gap;
  }

  for (const n of unknownMarkers) dropped.push({ n, sectionId: "", problem: "no-such-citation" });
  text = text.replace(/\n{3,}/g, "\n\n").trim();
  if (citations.length === 0 || text === "") return null;
  return { text, citations, dropped, removedSentences };
}

function lineBreaks(whitespace: string): number {
  return whitespace.split("\n").length - 1;
}

function verifyEach(
  citations: readonly GeneratedCitation[],
  sections: ReadonlyMap<string, ReconcilableSection>,
): { verified: Map<number, GeneratedCitation>; dropped: DroppedCitation[] } {
  const verified = new Map<number, GeneratedCitation>();
  const dropped: DroppedCitation[] = [];
  const seen = new Set<number>();
  for (const citation of citations) {
    const { n, sectionId } = citation;
    if (seen.has(n)) {
      dropped.push({ n, sectionId, problem: "duplicate-number" });
      continue;
    }
    seen.add(n);
    const [problem] = verifyCitations({ citations: [citation] }, sections).problems;
    if (problem) dropped.push({ n, sectionId, problem: problem.problem });
    else if (wordCount(citation.quote) < MIN_QUOTE_WORDS) dropped.push({ n, sectionId, problem: "quote-too-short" });
    else verified.set(n, citation);
  }
  return { verified, dropped };
}

function wordCount(text: string): number {
  return normaliseForQuote(text).split(" ").filter((w) => /\w/.test(w)).length;
}

/** Replaces every run of markers with the surviving renumbered markers, each once, dropping the rest. */
function rewriteMarkers(sentence: string, newNumbers: ReadonlyMap<number, number>): string {
  return replaceMarkerRuns(sentence, (numbers) => {
    const kept = [...new Set(numbers.map((n) => newNumbers.get(n)))].filter((n): n is number => n !== undefined);
    return kept.map((n) => `[${n}]`).join("");
  });
}

const SHINGLE_WORDS = 8;

function words(text: string): string[] {
  return text.toLowerCase().match(/[a-z0-9]+/g) ?? [];
}

function shinglesOf(texts: readonly string[]): Set<string> {
  const shingles = new Set<string>();
  for (const text of texts) {
    const w = words(text);
    for (let i = 0; i + SHINGLE_WORDS <= w.length; i++) shingles.add(w.slice(i, i + SHINGLE_WORDS).join(" "));
  }
  return shingles;
}

/** Eight words in a row from the instructions is a leak, however the model framed it. */
function echoesConfidentialText(sentence: string, confidential: ReadonlySet<string>): boolean {
  const w = words(stripMarkers(sentence, " "));
  for (let i = 0; i + SHINGLE_WORDS <= w.length; i++) {
    if (confidential.has(w.slice(i, i + SHINGLE_WORDS).join(" "))) return true;
  }
  return false;
}
