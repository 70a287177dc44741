// The one path from a Slack question to a posted reply, shared by mentions, DMs and the
// assistant panel: ask the core, render, post once, remember the turn. A failing core
// becomes a short apology, never a crashed listener.
import type { webApi } from "@slack/bolt";
import type { Answer, PracticeGuide } from "../../core/answer-types.js";
import type { Logger } from "../../platform/logger.js";
import { renderSlackAnswer } from "./render-slack-answer.js";
import type { ConversationHistory } from "../../core/conversation.js";
import { APOLOGY_TEXT } from "../../core/wording.js";


export type SlackSurface = "mention" | "dm" | "assistant" | "slash_command" | "share";

export interface PostAnswerDeps {
  guide: PracticeGuide;
  logger: Logger;
  history: ConversationHistory;
}

export interface PostAnswerRequest {
  client: webApi.WebClient;
  surface: SlackSurface;
  question: string;
  channel: string;
  /** Reply in this thread; undefined posts at the top level (plain DMs). */
  threadTs?: string;
  historyKey: string;
}

/** Asks the core with the conversation so far; logs and rethrows failures for the caller to apologise. */
export async function askGuide(
  deps: PostAnswerDeps,
  surface: SlackSurface,
  question: string,
  historyKey?: string,
): Promise<Answer> {
  const history = historyKey ? deps.history.get(historyKey) : [];
  const started = performance.now();
  try {
    const answer = await deps.guide.answer(question, { history });
    deps.logger.info(
      {
        event: "slack_answer",
        entry: surface,
        status: answer.status,
        sectionIds: answer.citations.map((c) => c.sectionId),
        historyTurns: history.length,
        ms: Math.round(performance.now() - started),
      },
      "answered",
    );
    if (historyKey) deps.history.remember(historyKey, answer);
    return answer;
  } catch (err) {
    deps.logger.error({ event: "answer_failed", entry: surface, err }, "answer() failed");
    throw err;
  }
}

/** Answers `question` and posts exactly one reply (the answer, or an apology). */
export async function postAnswer(deps: PostAnswerDeps, request: PostAnswerRequest): Promise<void> {
  const { client, channel, threadTs } = request;
  let message: { text: string; blocks?: ReturnType<typeof renderSlackAnswer>["blocks"] };
  try {
    const answer = await askGuide(deps, request.surface, request.question, request.historyKey);
    message = renderSlackAnswer(answer);
  } catch {
    message = { text: APOLOGY_TEXT };
  }
  try {
    await client.chat.postMessage({
      channel,
      ...(threadTs ? { thread_ts: threadTs } : {}),
      ...message,
      unfurl_links: false,
      unfurl_media: false,
    });
  } catch (err) {
    deps.logger.error({ event: "slack_post_failed", entry: request.surface, err }, "could not post the reply");
  }
}
