// Answer → Block Kit. Pure: the same Answer always renders to the same message, so the
// rendering is tested directly and every Slack surface (mention, DM, assistant, slash
// command, shared answer) shows answers the same way.
import { createHash } from "node:crypto";
import type { types } from "@slack/bolt";
import { type Answer, type Citation } from "../../core/answer-types.js";
import { encodeFeedbackValue, FEEDBACK_ACTION_ID } from "./feedback.js";
import { clipEscaped, escapeAndTruncate, escapeSlackText, safeCutIndex } from "./slack-text.js";
import { EXAMPLE_QUESTIONS, PROJECT_WRITTEN_LABEL } from "../../core/wording.js";

export type SlackBlock = types.KnownBlock;

export interface SlackMessage {
  /** Notification / screen-reader fallback, required by chat.postMessage alongside blocks. */
  text: string;
  blocks: SlackBlock[];
}

export interface RenderSlackAnswerOptions {
  /** Overrides the id derived from the answer's content (used in feedback events). */
  answerId?: string;
  /** Show the question above the answer (slash-command and shared answers, where it is not visible). */
  showQuestion?: boolean;
  /** Adds a "Share to channel" button carrying this value (ephemeral slash-command answers). */
  shareButtonValue?: string;
  /** Slack user id of whoever shared the answer to the channel. */
  sharedByUserId?: string;
  /** A line of our own wording above the answer (why a share failed). */
  notice?: string;
}

export const SHARE_ACTION_ID = "share_answer";

/** Block Kit limits (docs.slack.dev/reference/block-kit): blocks per message, text per section. */
export const SLACK_LIMITS = {
  blocksPerMessage: 50,
  sectionText: 3000,
  /** Context text objects: kept well inside the text-object limit so long quotes stay readable. */
  contextText: 2000,
  fallbackText: 3000,
} as const;

/** The answer body can be long, but past this many sections a thread reply stops being useful. */
const MAX_TEXT_SECTIONS = 8;
const QUOTE_DISPLAY_MAX = 700;
const TITLE_DISPLAY_MAX = 200;
const QUESTION_DISPLAY_MAX = 1000;
const SECTION_ID_DISPLAY_MAX = 120;
const EMPTY_TEXT_FALLBACK = "Sorry, I have no answer text to show.";

/** A short, stable id for an answer: the same question and answer always get the same id. */
export function answerIdFor(answer: Answer): string {
  const hash = createHash("sha256");
  hash.update(answer.question);
  hash.update("\u0000");
  hash.update(answer.text);
  hash.update("\u0000");
  hash.update(answer.citations.map((c) => c.sectionId).join(","));
  return hash.digest("hex").slice(0, 16);
}

/**
 * A reply in our own words (wording.ts: greetings, apologies, notices), escaped like every
 * other text: a top-level `text` is mrkdwn, so a bare `&` in it ("Equity & Inclusion") must
 * go as `&amp;`.
 */
export function renderPlainText(text: string): { text: string } {
  return { text: escapeAndTruncate(text, SLACK_LIMITS.fallbackText) };
}

export function renderSlackAnswer(answer: Answer, options: RenderSlackAnswerOptions = {}): SlackMessage {
  const head: SlackBlock[] = [];
  if (options.notice) head.push(section(escapeAndTruncate(options.notice, SLACK_LIMITS.sectionText)));
  if (options.sharedByUserId && /^[UW][A-Z0-9]{2,}$/.test(options.sharedByUserId)) {
    head.push(mrkdwnContext(`Shared by <@${options.sharedByUserId}>`));
  }
  if (options.showQuestion && answer.question.trim() !== "") {
    head.push(mrkdwnContext(`*Question:* ${escapeAndTruncate(answer.question, QUESTION_DISPLAY_MAX)}`));
  }

  const body = textSections(answer.text);
  if (answer.status === "refused") body.push(exampleQuestionsSection());

  const tail: SlackBlock[] = [];
  if (options.shareButtonValue !== undefined) tail.push(shareActions(options.shareButtonValue));
  if (answer.status === "answered") tail.push(feedbackBlock(answer, options.answerId ?? answerIdFor(answer)));

  const citationBudget = SLACK_LIMITS.blocksPerMessage - head.length - body.length - tail.length;
  const citations = citationBlocks(answer.citations, citationBudget);

  return {
    text: fallbackText(answer.text),
    blocks: [...head, ...body, ...citations, ...tail],
  };
}

function fallbackText(text: string): string {
  const escaped = escapeAndTruncate(text.trim(), SLACK_LIMITS.fallbackText);
  return escaped === "" ? EMPTY_TEXT_FALLBACK : escaped;
}

function textSections(text: string): SlackBlock[] {
  const escaped = escapeSlackText(text.trim());
  const chunks = escaped === "" ? [EMPTY_TEXT_FALLBACK] : splitIntoChunks(escaped, SLACK_LIMITS.sectionText);
  if (chunks.length > MAX_TEXT_SECTIONS) {
    const kept = chunks.slice(0, MAX_TEXT_SECTIONS);
    kept[MAX_TEXT_SECTIONS - 1] = clipEscaped(`${kept[MAX_TEXT_SECTIONS - 1] ?? ""} …`, SLACK_LIMITS.sectionText);
    return kept.map(section);
  }
  return chunks.map(section);
}

/**
 * Splits already-escaped text into pieces no longer than `max`, preferring paragraph,
 * then line, then word boundaries, and never cutting inside an `&amp;`-style entity or a
 * character (see safeCutIndex).
 */
export function splitIntoChunks(text: string, max: number): string[] {
  const chunks: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const window = rest.slice(0, max);
    let cut = -1;
    for (const boundary of ["\n\n", "\n", " "]) {
      const at = window.lastIndexOf(boundary);
      if (at > max / 2) {
        cut = at;
        break;
      }
    }
    if (cut === -1) {
      // No boundary: cut mid-word, but never inside a character (an emoji's surrogate pair).
      cut = safeCutIndex(rest, max);
      const amp = window.lastIndexOf("&");
      if (amp > max - 6 && amp < cut && !window.slice(amp, cut).includes(";")) cut = amp;
      // A tiny `max` inside one character or entity: progress matters more than the cut.
      if (cut <= 0) cut = max;
    }
    chunks.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  if (rest.length > 0) chunks.push(rest);
  return chunks.filter((c) => c.length > 0);
}

function section(text: string): SlackBlock {
  // expand: long answers are the point of the reply; don't hide them behind "see more".
  return { type: "section", text: { type: "mrkdwn", text }, expand: true };
}

function mrkdwnContext(text: string): SlackBlock {
  return { type: "context", elements: [{ type: "mrkdwn", text: clipEscaped(text, SLACK_LIMITS.contextText) }] };
}

function exampleQuestionsSection(): SlackBlock {
  const examples = EXAMPLE_QUESTIONS.map((q) => `• ${escapeSlackText(q)}`).join("\n");
  return section(`*You could ask, for example:*\n${examples}`);
}

function citationBlocks(citations: Citation[], budget: number): SlackBlock[] {
  if (citations.length === 0 || budget <= 0) return [];
  if (citations.length <= budget) return citations.map(citationBlock);
  const shown = citations.slice(0, budget - 1);
  const hidden = citations.slice(budget - 1);
  const ids = hidden.map((c) => escapeSlackText(c.sectionId)).join(", ");
  return [...shown.map(citationBlock), mrkdwnContext(`…and ${hidden.length} more sources: ${ids}`)];
}

function citationBlock(citation: Citation): SlackBlock {
  const title = escapeAndTruncate(citation.title, TITLE_DISPLAY_MAX);
  const id = escapeAndTruncate(citation.sectionId, SECTION_ID_DISPLAY_MAX).replace(/`/g, "'");
  const label = citation.writtenBy === "project" ? ` · _${PROJECT_WRITTEN_LABEL}_` : "";
  const quote = escapeAndTruncate(citation.quote, QUOTE_DISPLAY_MAX);
  return mrkdwnContext(`*[${citation.n}]* *${title}* · \`${id}\`${label}\n“${quote}”`);
}

function shareActions(value: string): SlackBlock {
  return {
    type: "actions",
    elements: [
      {
        type: "button",
        action_id: SHARE_ACTION_ID,
        text: { type: "plain_text", text: "Share to channel" },
        style: "primary",
        value,
      },
    ],
  };
}

function feedbackBlock(answer: Answer, answerId: string): SlackBlock {
  const feedback = { answerId, question: answer.question, sectionIds: answer.citations.map((c) => c.sectionId) };
  return {
    type: "context_actions",
    elements: [
      {
        type: "feedback_buttons",
        action_id: FEEDBACK_ACTION_ID,
        positive_button: {
          text: { type: "plain_text", text: "Helpful" },
          accessibility_label: "Mark this answer as helpful",
          value: encodeFeedbackValue({ ...feedback, verdict: "helpful" }),
        },
        negative_button: {
          text: { type: "plain_text", text: "Not helpful" },
          accessibility_label: "Mark this answer as not helpful",
          value: encodeFeedbackValue({ ...feedback, verdict: "not_helpful" }),
        },
      },
    ],
  };
}
