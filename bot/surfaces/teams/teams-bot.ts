// The Teams bot: a thin adapter between Teams activities and the PracticeGuide core. It strips
// the @mention, keeps a short per-conversation history, ignores redelivered activities,
// welcomes a conversation it is installed in, renders whatever the core answers, and logs
// feedback (telling onFeedback, for /metrics); no retrieval or answer logic lives here.
import { TeamsActivityHandler, type Activity, type TurnContext, type InvokeResponse, type MessagingExtensionQuery, type MessagingExtensionResponse } from "botbuilder";
import type { Answer, PracticeGuide } from "../../core/answer-types.js";
import type { Logger } from "../../platform/logger.js";
import { LRUCache } from "lru-cache";
import { memoryConversations, type ConversationStore } from "../../core/conversation-store.js";
import { MemoryClaimOnceStore, type ClaimOnceStore } from "../../platform/claim-once.js";
import { connectorStatusOf } from "./connector-retry.js";
import { feedbackEventOf } from "./feedback-event.js";
import { GLOSSARY_SEARCH_LIMIT, glossarySearchResponse, queryTextOf } from "./glossary-search-response.js";
import { glossaryCardAttachment } from "./render-glossary-card.js";
import { isDefineRequest, questionTextOf } from "./question-text.js";
import { renderDefineReply } from "./render-define-reply.js";
import { renderTeamsWelcome } from "./render-welcome.js";
import { APOLOGY_TEXT } from "../../core/wording.js";


export interface TeamsBotOptions {
  guide: PracticeGuide;
  logger: Logger;
  /** Conversations whose history is kept; the least recently active are forgotten first. */
  maxConversations?: number;
  /** Activity ids remembered to recognise Teams' redelivery of the same message. */
  maxSeenActivities?: number;
  /** Redelivery store shared with other replicas; in memory by default. */
  redelivery?: ClaimOnceStore;
  /** Conversation history shared with other replicas; in memory by default. */
  history?: ConversationStore;
  /** Called once per thumbs up (helpful) or down (not_helpful) (the server counts them for /metrics). */
  onFeedback?: (verdict: "helpful" | "not_helpful") => void;
}

interface SentAnswer {
  question: string;
  status: Answer["status"];
  mode: Answer["mode"];
  sectionIds: string[];
}

export class PracticeGuideTeamsBot extends TeamsActivityHandler {
  private readonly guide: PracticeGuide;
  private readonly logger: Logger;
  private readonly histories: ConversationStore;
  private readonly redelivery: ClaimOnceStore;
  private readonly onFeedback?: TeamsBotOptions["onFeedback"];
  /** What each sent answer was about, by its Teams message id, so feedback can name it. */
  private readonly sentAnswers: LRUCache<string, SentAnswer>;

  constructor(options: TeamsBotOptions) {
    super();
    this.guide = options.guide;
    this.logger = options.logger;
    this.histories = options.history ?? memoryConversations({ maxConversations: options.maxConversations ?? 1_000 });
    this.redelivery = options.redelivery ?? new MemoryClaimOnceStore({ maxEntries: options.maxSeenActivities ?? 5_000 });
    this.sentAnswers = new LRUCache({ max: options.maxSeenActivities ?? 5_000 });
    this.onFeedback = options.onFeedback;
    this.onMessage(async (context, next) => {
      await this.answerMessage(context);
      await next();
    });
    // Installing the bot sends a conversationUpdate with the bot among membersAdded and, in
    // newer clients, an installationUpdate "add" as well: either welcomes, once per conversation.
    this.onMembersAdded(async (context, next) => {
      const botId = context.activity.recipient?.id;
      const added = context.activity.membersAdded ?? [];
      if (botId && added.some((m) => typeof m === "object" && m !== null && m.id === botId)) await this.welcome(context, "members_added");
      await next();
    });
    this.onInstallationUpdateAdd(async (context, next) => {
      if (context.activity.action === "add") await this.welcome(context, "installation_update");
      await next();
    });
  }

  private async welcome(context: TurnContext, trigger: "members_added" | "installation_update"): Promise<void> {
    const activity = context.activity;
    const conversationId = activity.conversation?.id ?? "";
    if (!(await this.redelivery.claim(`teams-welcome:${conversationId}`))) return;
    const conversationType = activity.conversation?.conversationType;
    await this.send(context, renderTeamsWelcome({ conversationType, botName: activity.recipient?.name, suggestTo: activity.from?.id }), "welcome");
    this.logger.info({ event: "teams_welcome", trigger, conversationType }, "welcomed a new Teams conversation");
  }

  private async answerMessage(context: TurnContext): Promise<void> {
    const activity = context.activity;
    // Adaptive Card submits arrive as messages with a value and no text; this bot sends none.
    if (activity.value !== undefined && !activity.text) return;
    const conversationId = activity.conversation?.id ?? "";
    if (activity.id && !(await this.redelivery.claim(`teams:${conversationId}\u0000${activity.id}`))) {
      this.logger.info({ event: "teams_redelivery_ignored", activityId: activity.id, conversationId }, "ignored a redelivered Teams message");
      return;
    }

    const question = questionTextOf(activity);
    const history = await this.histories.get(conversationId);
    let answer: Answer;
    try {
      answer = await this.guide.answer(question, { history });
    } catch (err) {
      this.logger.error(
        { event: "answer_failed", conversationId, activityId: activity.id, err: errorMessage(err) },
        "answer() failed for a Teams message",
      );
      await this.send(context, { type: "message", text: APOLOGY_TEXT }, "apology");
      return;
    }

    const card = isDefineRequest(question) ? this.glossaryCardFor(answer) : undefined;
    const about: SentAnswer = { question, status: answer.status, mode: answer.mode, sectionIds: answer.citations.map((c) => c.sectionId) };
    // The answer, then a define reply's card as a message of its own: each keeps an id feedback can name.
    const replies = renderDefineReply(answer, card, { suggestTo: activity.from?.id });
    for (const [i, reply] of replies.entries()) {
      const sentId = await this.send(context, reply, i === 0 ? "answer" : "card");
      if (sentId) this.sentAnswers.set(sentId, about);
    }
    this.logger.info(
      {
        event: "teams_answer",
        conversationType: activity.conversation?.conversationType,
        status: answer.status,
        mode: answer.mode,
        citations: answer.citations.length,
        glossaryCard: card !== undefined,
        totalMs: answer.timingsMs.total,
      },
      "answered a Teams message",
    );
    await this.histories.remember(conversationId, answer);
  }

  /**
   * Sends one reply and returns its Teams message id. A reply the connector still refuses
   * after its retries (connector-retry.ts) is logged once with the status, not thrown: the
   * turn has nothing else to do, and Teams must not redeliver the message for it.
   */
  private async send(context: TurnContext, activity: Partial<Activity>, reply: "answer" | "apology" | "card" | "welcome"): Promise<string | undefined> {
    try {
      return (await context.sendActivity(activity))?.id;
    } catch (err) {
      const status = connectorStatusOf(err);
      const code = (err as { code?: unknown }).code;
      this.logger.error(
        {
          event: "teams_reply_failed",
          reply,
          ...(status !== undefined ? { status } : {}),
          ...(typeof code === "string" ? { code } : {}),
          conversationId: context.activity.conversation?.id,
          activityId: context.activity.id,
          err: errorMessage(err),
        },
        status !== undefined ? `could not send a Teams reply: the Bot Connector answered HTTP ${status}` : "could not send a Teams reply",
      );
      return undefined;
    }
  }

  /** Section titles for a card's "Used in" (never the raw ids). */
  private readonly titleOf = (sectionId: string): string | undefined => this.guide.getSection(sectionId)?.title;

  private glossaryCardFor(answer: Answer) {
    if (answer.status !== "answered") return undefined;
    const citation = answer.citations.find((c) => c.kind === "glossary");
    const section = citation ? this.guide.getSection(citation.sectionId) : undefined;
    return section?.kind === "glossary" ? glossaryCardAttachment(section, this.titleOf) : undefined;
  }

  protected override async handleTeamsMessagingExtensionQuery(
    _context: TurnContext,
    query: MessagingExtensionQuery,
  ): Promise<MessagingExtensionResponse> {
    const text = queryTextOf(query);
    const sections = text === "" ? [] : this.guide.searchGlossary(text, GLOSSARY_SEARCH_LIMIT);
    this.logger.info({ event: "teams_glossary_search", results: sections.length }, "glossary search from the compose box");
    return glossarySearchResponse(text, sections, this.titleOf);
  }

  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    if (context.activity.name === "message/submitAction") {
      const feedback = feedbackEventOf(context.activity);
      const about = feedback?.replyToId ? this.sentAnswers.get(feedback.replyToId) : undefined;
      if (feedback) {
        this.logger.info({ ...feedback, ...about }, "answer feedback");
        this.onFeedback?.(feedback.verdict === "like" ? "helpful" : "not_helpful");
      } else this.logger.warn({ event: "teams_unknown_submit_action" }, "ignored a message/submitAction that is not feedback");
      return { status: 200 };
    }
    return super.onInvokeActivity(context);
  }
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
