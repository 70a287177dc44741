// Everything the guide says in its own voice, in one place: the surfaces render these, the
// core puts them in answers. One wording per idea, so the terminal, Slack and Teams never
// describe the same thing in different words.

/** Example questions shown with refusals and as suggested prompts on every surface. */
export const EXAMPLE_QUESTIONS = [
  "How do I make sure people who are usually left out get a voice?",
  "What does the toolkit recommend for hiring?",
  "define implicit bias",
] as const;

/** One sentence naming what the guide covers, used by refusals on every surface. */
export const COVERAGE_SUMMARY =
  "ICMA's Practices for Effective Local Government Leadership, the ICMA Equity & Inclusion Toolkit and its recommendations, a glossary of equity terms, the Declaration of Ideals, and ICMA's workshops, programs and equity research.";

/** The short label on anything the project wrote itself (glossary definitions). */
export const PROJECT_WRITTEN_LABEL = "Project-written definition";
/** The same, as a phrase inside a sentence. */
export const PROJECT_WRITTEN_NOTE = "written for this guide, not quoted from the sources";

/** Shown when answering failed for a reason that is ours, not the question's. */
export const APOLOGY_TEXT = "Sorry, something went wrong while I was looking that up. Please try again in a moment.";

/**
 * The plain refusal. A question for a specific fact the sources touch on but never state
 * ("how much does a full-day workshop cost?") is told so, rather than that the topic is missing.
 */
export function refusalText(unstatedFact = false): string {
  return [
    unstatedFact
      ? "The guide doesn't cover that: its sources don't state it, so I can't answer it from them."
      : "The guide doesn't cover that, so I can't answer it from the sources.",
    `It covers ${COVERAGE_SUMMARY}`,
    "You could ask, for example:",
    ...EXAMPLE_QUESTIONS.map((q) => `- ${q}`),
  ].join("\n");
}

/** The reply to a request the guide does not do: make things up, take sides, find out about people. */
export function outOfRoleReply(kind: "fabrication" | "opinion" | "personal-data" | "writing"): string {
  const why = {
    writing: "I don't write letters, memos or other documents: I answer questions with what the guide's sources say, with citations you can check.",
    fabrication: "I only quote what the guide's sources say, with citations you can check, so I can't make up quotes, documents or facts.",
    opinion: "I only report what the guide's sources say, so I don't take sides or give opinions of my own.",
    "personal-data": "I can't look up or guess anything about individual people, and I hold no personal data.",
  }[kind];
  return `${why} The guide covers ${COVERAGE_SUMMARY} You could ask, for example: "${EXAMPLE_QUESTIONS[1]}"`;
}

/** The reply to an empty or mention-only message. */
export const EMPTY_QUESTION_REPLY = `I didn't catch a question there. Ask me about local-government leadership practice or equity work, for example: "${EXAMPLE_QUESTIONS[0]}"`;

const EXAMPLES_LINE = `You could ask, for example: "${EXAMPLE_QUESTIONS[0]}" or "${EXAMPLE_QUESTIONS[2]}".`;

/** The reply to a greeting. */
export const GREETING_REPLY = `Hello! I answer questions about local-government leadership practice and equity work from ${COVERAGE_SUMMARY} ${EXAMPLES_LINE}`;
/** The reply to a thank-you. */
export const THANKS_REPLY = `You're welcome. Ask another question whenever you like. ${EXAMPLES_LINE}`;
/** The reply to a call for help. */
export const HELP_REPLY = `Ask me a question in your own words and I answer from ${COVERAGE_SUMMARY} Every answer cites the sections it quotes. ${EXAMPLES_LINE}`;
/** The reply to a question in another language. */
export const NOT_ENGLISH_REPLY = `Sorry, I can only answer questions in English: the guide's sources are in English. ${EXAMPLES_LINE}`;

/** The reply to a question over the length limit. */
export function tooLongReply(length: number, maxChars: number): string {
  return `That question is ${length.toLocaleString("en-US")} characters long; I can take up to ${maxChars.toLocaleString("en-US")}. Could you ask it more briefly, or split it into separate questions?`;
}

/** A numbered or lettered item the corpus does not have, and the range it does have. */
export type NonexistentItem =
  | { kind: "practice" | "recommendation" | "recommendation-part"; asked: string; first: string; last: string }
  | { kind: "dimension"; practice: string; side: "leadership" | "management"; asked: string; first: string; last: string }
  /** An item past the end of a list the corpus has ("the fifth workshop"); where: the section listing them, if one does. */
  | { kind: "listed"; noun: string; plural: string; asked: string; count: number; where: string | null }
  /** A numbered part of a document the corpus does not number at all ("tenet 3"). */
  | { kind: "unnumbered"; noun: string; plural: string; asked: string }
  /** A named program, workshop, report... no section mentions ("the ICMA Equity Bootcamp"); nearest: the title sharing most of its words. */
  | { kind: "named"; asked: string; nearest: string | null }
  /** A glossary entry the glossary does not have; asked: the term as quoted, when it was. */
  | { kind: "glossary-entry"; asked: string | null; entries: number };

export function nonexistentItemReply(item: NonexistentItem): string {
  if (item.kind === "named")
    return `The guide's sources don't mention anything called "${item.asked}".${item.nearest ? ` The nearest they have is "${item.nearest}".` : ""} They cover ${COVERAGE_SUMMARY}`;
  if (item.kind === "glossary-entry")
    return `The glossary has no entry for ${item.asked ? `"${item.asked}"` : "that"}: it defines ${item.entries} equity terms, ${PROJECT_WRITTEN_NOTE}. You could ask, for example: "${EXAMPLE_QUESTIONS[2]}"`;
  if (item.kind === "listed") {
    const what = item.count === 1 ? `there is only one ${item.noun}` : `there are ${item.count} ${item.plural}`;
    return `There is no ${item.asked} ${item.noun}${item.where ? ` in "${item.where}"` : ""}: ${what}. You could ask, for example: "What are the ${item.plural}?"`;
  }
  if (item.kind === "unnumbered")
    return `The guide's sources have no numbered ${item.plural}, so there is no ${item.noun} ${item.asked} in them. It covers ${COVERAGE_SUMMARY}`;
  if (item.kind === "dimension")
    return `Practice ${item.practice} has no ${item.side} dimension ${item.asked}: its ${item.side} dimensions run from ${item.first} to ${item.last}. You could ask, for example: "What is Practice ${item.practice} ${item.side} dimension ${item.first}?"`;
  if (item.kind === "practice")
    return `There is no Practice ${item.asked}: the practices are numbered ${item.first} to ${item.last}. You could ask, for example: "What does Practice ${item.last} say?"`;
  if (item.kind === "recommendation-part")
    return `There is no toolkit recommendation ${item.asked}: the Equity & Inclusion Toolkit's recommendations are numbered ${item.first} to ${item.last} and have no lettered parts. You could ask, for example: "What is toolkit recommendation ${item.asked.replace(/\(.*$/, "")}?"`;
  return `There is no toolkit recommendation ${item.asked}: the Equity & Inclusion Toolkit's recommendations are numbered ${item.first} to ${item.last}. You could ask, for example: "What is toolkit recommendation ${item.last}?"`;
}

/** The first message in a new Slack assistant-panel thread. */
export const ASSISTANT_GREETING = `Hi! I answer questions from ${COVERAGE_SUMMARY} Every answer cites its sources.`;

/** The reply to a message that is only a file or an image, with no words to answer. */
export const FILES_NOT_READ_REPLY = `I can't read files or images, only the words of a message. Please type your question, for example: "${EXAMPLE_QUESTIONS[0]}"`;

/** Shown with a Slack answer whose Share to channel failed; the answer keeps a fresh Share button. */
export const SHARE_FAILED_TEXT =
  "I couldn't post this in the channel. Invite me to it (`/invite @Practice Guide`), then press *Share to channel* again.";

/** The reply to a Share button that was already pressed (the answer was shared, or is being shared). */
export const SHARE_ALREADY_PRESSED_TEXT =
  "That Share button was already pressed, so this answer has been shared or is being shared. To share another answer, ask again with `/practice`.";

/** Teams: how to ask in a channel or group chat, added to the welcome there (a 1:1 chat needs no mention). */
export function askByMentionHint(botName: string): string {
  return `In a channel or group chat, mention me (@${botName}) with your question.`;
}

/** Heading for the sources a message lists in its text when it cites more than the surface can link (Teams links 20). */
export const MORE_SOURCES_LABEL = "More sources";
