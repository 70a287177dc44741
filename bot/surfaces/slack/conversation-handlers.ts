// Where people talk to the bot: @mentions in channels, direct messages, and Slack's AI
// assistant panel. Each human message gets exactly one reply; bots (including this app),
// edits and other message subtypes get none.
import { Assistant, type App } from "@slack/bolt";
import type { InFlightWork } from "../../platform/in-flight-work.js";
import { postAnswer, type PostAnswerDeps } from "./post-answer.js";
import { questionFromSlackText, truncate } from "./slack-text.js";
import { threadKey } from "./slack-text.js";
import { COVERAGE_SUMMARY, EXAMPLE_QUESTIONS } from "../../core/wording.js";

export interface ConversationDeps extends PostAnswerDeps {
  inFlight: InFlightWork;
}

export const ASSISTANT_GREETING = `Hi! I answer questions from ${COVERAGE_SUMMARY} Every answer cites its sources.`;
export const ASSISTANT_STATUS = "is thinking…";
const PROMPT_TITLE_MAX = 60;
const THREAD_TITLE_MAX = 80;

interface MessageLike {
  subtype?: string;
  bot_id?: string;
  text?: string;
}

/** Only plain human messages are questions: no bots, no edits, joins or other subtypes. */
export function isHumanMessage(message: MessageLike): boolean {
  return message.subtype === undefined && !message.bot_id;
}

export function registerConversationHandlers(app: App, deps: ConversationDeps): void {
  app.assistant(createAssistant(deps));

  app.event("app_mention", async ({ event, context, client }) => {
    if (!isHumanMessage(event)) return;
    const threadTs = event.thread_ts ?? event.ts;
    await deps.inFlight.track(() =>
      postAnswer(deps, {
        client,
        surface: "mention",
        question: questionFromSlackText(event.text, context.botUserId),
        channel: event.channel,
        threadTs,
        historyKey: threadKey(event.channel, threadTs),
      }),
    );
  });

  // Plain DMs (the app's Messages tab). Threaded DM messages are the assistant's, above.
  app.message(async ({ message, context, client }) => {
    if (message.channel_type !== "im" || !isHumanMessage(message)) return;
    const threadTs = "thread_ts" in message ? message.thread_ts : undefined;
    await deps.inFlight.track(() =>
      postAnswer(deps, {
        client,
        surface: "dm",
        question: questionFromSlackText("text" in message ? message.text : undefined, context.botUserId),
        channel: message.channel,
        threadTs,
        historyKey: threadKey(message.channel, threadTs),
      }),
    );
  });
}

function createAssistant(deps: ConversationDeps): Assistant {
  return new Assistant({
    threadStarted: async ({ event, client, setSuggestedPrompts }) => {
      const { channel_id: channel, thread_ts } = event.assistant_thread;
      try {
        await client.chat.postMessage({ channel, thread_ts, text: ASSISTANT_GREETING });
        await setSuggestedPrompts({
          title: "Try asking",
          prompts: EXAMPLE_QUESTIONS.map((q) => ({ title: truncate(q, PROMPT_TITLE_MAX), message: q })),
        });
      } catch (err) {
        deps.logger.warn({ event: "slack_assistant_start_failed", err }, "could not greet the assistant thread");
      }
    },
    // We answer from the corpus, not from what the user is viewing, so the context is not stored.
    threadContextChanged: async () => {},
    userMessage: async ({ message, context, client, setStatus, setTitle }) => {
      if (!isHumanMessage(message) || !("thread_ts" in message) || !message.thread_ts) return;
      const channel = message.channel;
      const threadTs = message.thread_ts;
      const historyKey = threadKey(channel, threadTs);
      const question = questionFromSlackText("text" in message ? message.text : undefined, context.botUserId);
      const isFirstTurn = deps.history.get(historyKey).length === 0;
      await deps.inFlight.track(async () => {
        // Status and title are cosmetic: a failure there must not cost the user the answer.
        await bestEffort(deps, "setStatus", () => setStatus(ASSISTANT_STATUS));
        if (isFirstTurn && question !== "") {
          await bestEffort(deps, "setTitle", () => setTitle(truncate(question, THREAD_TITLE_MAX)));
        }
        await postAnswer(deps, { client, surface: "assistant", question, channel, threadTs, historyKey });
      });
    },
  });
}

async function bestEffort(deps: PostAnswerDeps, what: string, call: () => Promise<unknown>): Promise<void> {
  try {
    await call();
  } catch (err) {
    deps.logger.warn({ event: "slack_assistant_call_failed", call: what, err });
  }
}
