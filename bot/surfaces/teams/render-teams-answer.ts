// Turns the core's Answer into the one Teams message activity that shows it: escaped text
// with [n] markers, the citation entity, the AI label only for LLM-written text, and the
// native feedback buttons on answers. A card never rides on this activity: Teams splits text
// plus a card into two messages and returns an id for the text only (render-define-reply.ts
// sends the glossary card as a message of its own). Pure: no I/O, tested directly.
import type { Activity, CardAction } from "botbuilder";
import { type Answer, type Citation } from "../../core/answer-types.js";
import { citationsForTeams, messageEntity, type TeamsMessageEntity } from "./teams-citations.js";
import { escapeTeamsMarkdown, graphemeEnds, jsonLength, prefixAtWordBoundary } from "./teams-markdown.js";
import { COVERAGE_SUMMARY, EXAMPLE_QUESTIONS, MORE_SOURCES_LABEL, PROJECT_WRITTEN_LABEL } from "../../core/wording.js";

/**
 * Teams rejects messages over about 28 KB, counted in UTF-16 code units (a string's length,
 * so "é" or "—" is one, an emoji two). The adapter later adds envelope fields (ids,
 * conversation, service URL), so the rendered part keeps well under that.
 */
export const MAX_RENDERED_MESSAGE_CHARS = 26_000;
export const SHORTENED_NOTE = " … (answer shortened to fit in Teams)";

export interface TeamsAnswerActivity extends Partial<Activity> {
  type: "message";
  text: string;
  textFormat: "markdown";
  entities?: TeamsMessageEntity[];
  channelData?: { feedbackLoopEnabled: true };
}

export interface RenderTeamsAnswerOptions {
  /** The user the suggested actions are for (Teams addresses suggested actions to recipients). */
  suggestTo?: string;
  /** Size budget in UTF-16 code units; MAX_RENDERED_MESSAGE_CHARS by default. */
  maxChars?: number;
}

export function renderTeamsAnswer(answer: Answer, options: RenderTeamsAnswerOptions = {}): TeamsAnswerActivity {
  const maxChars = options.maxChars ?? MAX_RENDERED_MESSAGE_CHARS;
  switch (answer.status) {
    case "answered":
      return renderAnswered(answer, maxChars);
    case "refused":
      return renderRefused(answer, options.suggestTo, maxChars);
    case "invalid":
      return fitText(answer.text, new Set(), maxChars, (text) => ({ type: "message", text, textFormat: "markdown" }));
  }
}

function renderAnswered(answer: Answer, maxChars: number): TeamsAnswerActivity {
  // Teams shows at most 20 citation entities (and rejects a message with more); the rest are
  // listed under the text by number and title, so no [n] is left without its source.
  const { linked, listed } = citationsForTeams(answer.citations);
  const markers = new Set(linked.map((c) => c.n));
  const aiGenerated = answer.mode === "generated";
  return fitText(answer.text, markers, maxChars, (text, kept) => ({
    type: "message",
    text: text + referencesText(citationsStillShown(listed, answer.text, kept)),
    textFormat: "markdown",
    entities: [messageEntity(citationsStillShown(linked, answer.text, kept), aiGenerated)],
    channelData: { feedbackLoopEnabled: true },
  }));
}

/** Citations past Teams' limit as plain-text references under the answer: "[21] Title". */
function referencesText(citations: readonly Citation[]): string {
  if (citations.length === 0) return "";
  const lines = citations.map((c) => {
    const label = c.writtenBy === "project" ? ` (${PROJECT_WRITTEN_LABEL})` : "";
    return `- ${escapeTeamsMarkdown(`[${c.n}] ${c.title}${label}`)}`;
  });
  return `\n\n${MORE_SOURCES_LABEL}:\n${lines.join("\n")}`;
}

function renderRefused(answer: Answer, suggestTo: string | undefined, maxChars: number): TeamsAnswerActivity {
  const coverage = answer.text.includes(COVERAGE_SUMMARY) ? "" : `\n\nThe guide covers ${COVERAGE_SUMMARY}`;
  // Suggested-action buttons only show in 1:1 chats, so the examples are in the text too.
  const examples = `\n\nYou could ask:\n${EXAMPLE_QUESTIONS.map((q) => `- ${q}`).join("\n")}`;
  const actions: CardAction[] = EXAMPLE_QUESTIONS.map((q) => ({ type: "imBack", title: q, value: q }));
  const raw = `${answer.text}${coverage}${examples}`;
  return fitText(raw, new Set(), maxChars, (text) => ({
    type: "message",
    text,
    textFormat: "markdown",
    // A refusal is the guide's fixed wording unless an LLM wrote it; label it only then.
    ...(answer.mode === "generated" ? { entities: [messageEntity([], true)] } : {}),
    suggestedActions: { to: suggestTo ? [suggestTo] : [], actions },
  }));
}

/** After shortening, a citation whose [n] was cut away no longer belongs on the message. */
function citationsStillShown(citations: readonly Citation[], originalText: string, shownText: string): Citation[] {
  return citations.filter((c) => {
    const marker = `[${c.n}]`;
    return shownText.includes(marker) || !originalText.includes(marker);
  });
}

/**
 * Builds the activity from the escaped text, and if it is over the size budget (counted as
 * Teams counts it, in UTF-16 code units) shortens the raw text until it fits: between words,
 * never inside a character (a surrogate pair, an emoji sequence), a [n] marker or an escape.
 */
function fitText(
  raw: string,
  markers: ReadonlySet<number>,
  maxChars: number,
  /** From the escaped text to show and the raw text it was made from (all of it, or the part kept). */
  build: (text: string, kept: string) => TeamsAnswerActivity,
): TeamsAnswerActivity {
  const whole = build(escapeTeamsMarkdown(raw, markers), raw);
  if (jsonLength(whole) <= maxChars) return whole;

  const ends = graphemeEnds(raw);
  const shortened = (count: number) => {
    const kept = cutOutsideMarker(raw, count === 0 ? 0 : ends[count - 1]!);
    return build(escapeTeamsMarkdown(kept, markers) + SHORTENED_NOTE, kept);
  };
  let lo = 0;
  let hi = ends.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (jsonLength(shortened(mid)) <= maxChars) lo = mid;
    else hi = mid - 1;
  }
  return shortened(lo);
}

/** The first `end` code units of `raw`, pulled back to a word boundary and out of an unfinished [n] marker. */
function cutOutsideMarker(raw: string, end: number): string {
  let text = prefixAtWordBoundary(raw, raw.slice(0, end));
  const open = text.lastIndexOf("[");
  if (open > text.lastIndexOf("]")) text = text.slice(0, open);
  return text.trimEnd();
}
