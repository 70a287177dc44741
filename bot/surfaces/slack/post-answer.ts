// The one path from a Slack question to a posted reply, shared by mentions, DMs and the
// assistant panel: ask the core, render, post once, remember the turn. A failing core
// becomes a short apology, never a crashed listener; a message of only files gets a reply
// saying files aren't read, without asking the core.
import type { webApi } from "@slack/bolt";
import type { Answer, PracticeGuide } from "../../core/answer-types.js";
import type { Logger } from "../../platform/logger.js";
import { renderPlainText, renderSlackAnswer } from "./render-slack-answer.js";
import type { ConversationStore } from "../../core/conversation-store.js";
import { APOLOGY_TEXT, FILES_NOT_READ_REPLY } from "../../core/wording.js";

export type SlackSurface = "mention" | "dm" | "assistant" | "slash_command" | "share";

export interface PostAnswerDeps {
  guide: PracticeGuide;
  logger: Logger;
  history: ConversationStore;
}

export interface PostAnswerRequest {
  client: webApi.WebClient;
  surface: SlackSurface;
  question: string;
  channel: string;
  /** Reply in this thread; undefined posts at the top level (plain DMs). */
  threadTs?: string;
  historyKey: string;
  /** The message came with files; with no words besides, the reply says files aren't read. */
  attachedFiles?: boolean;
}

/** Asks the core with the conversation so far; logs and rethrows failures for the caller to apologise. */
export async function askGuide(
  deps: PostAnswerDeps,
  surface: SlackSurface,
  question: string,
  historyKey?: string,
): Promise<Answer> {
  const history = historyKey ? await deps.history.get(historyKey) : [];
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
    if (historyKey) await deps.history.remember(historyKey, answer);
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
  if (request.attachedFiles && request.question.trim() === "") {
    deps.logger.info({ event: "slack_files_not_read", entry: request.surface }, "a message of only files: said files aren't read");
    message = renderPlainText(FILES_NOT_READ_REPLY);
  } else {
    try {
      const answer = await askGuide(deps, request.surface, request.question, request.historyKey);
      message = renderSlackAnswer(answer);
    } catch {
      message = renderPlainText(APOLOGY_TEXT);
    }
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
