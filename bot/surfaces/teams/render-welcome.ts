// The one short message the bot sends when it is installed in a chat, channel or team (Teams
// requires a welcome): the guide's own greeting with its example questions, the example
// questions as buttons in a 1:1 chat (the only place Teams shows suggested actions), and
// how to ask by @mention where a mention is needed. Pure: tested directly.
import type { Activity, CardAction } from "botbuilder";
import { askByMentionHint, EXAMPLE_QUESTIONS, GREETING_REPLY } from "../../core/wording.js";
import { escapeTeamsMarkdown } from "./teams-markdown.js";

export interface WelcomeOptions {
  /** "personal", "groupChat" or "channel", as Teams sends it on the conversation. */
  conversationType?: string;
  /** The bot's display name, for the @mention hint. */
  botName?: string;
  /** The user who installed the bot, for the suggested actions in a 1:1 chat. */
  suggestTo?: string;
}

export interface TeamsWelcomeActivity extends Partial<Activity> {
  type: "message";
  text: string;
  textFormat: "markdown";
}

export function renderTeamsWelcome(options: WelcomeOptions = {}): TeamsWelcomeActivity {
  const personal = options.conversationType === undefined || options.conversationType === "personal";
  const hint = personal ? "" : `\n\n${askByMentionHint(options.botName || "Practice Guide")}`;
  const actions: CardAction[] = EXAMPLE_QUESTIONS.map((q) => ({ type: "imBack", title: q, value: q }));
  return {
    type: "message",
    text: escapeTeamsMarkdown(`${GREETING_REPLY}${hint}`),
    textFormat: "markdown",
    ...(personal ? { suggestedActions: { to: options.suggestTo ? [options.suggestTo] : [], actions } } : {}),
  };
}
