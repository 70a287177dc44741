// Which Slack messages are a person asking something. Slack marks a message with a subtype
// for many reasons; only some of them still carry a person's own words:
//   - none: a plain message;
//   - thread_broadcast: a thread reply sent with "Also send to channel";
//   - file_share: a message with a file or image attached (its text, if any, is the question);
//   - me_message: sent with `/me`.
// Everything else is ignored: bots (ourselves included), joins, topic changes, deletions and
// edits (message_changed: the message was answered when it first arrived; edited mentions
// are handled by middleware/claim-message-once.ts).

interface MessageLike {
  subtype?: string;
  bot_id?: string;
  files?: unknown;
}

const QUESTION_SUBTYPES: ReadonlySet<string | undefined> = new Set([undefined, "thread_broadcast", "file_share", "me_message"]);

/** A message a person wrote, in one of the subtypes above; never a bot's. */
export function isHumanMessage(message: MessageLike): boolean {
  return QUESTION_SUBTYPES.has(message.subtype) && !message.bot_id;
}

/** The message came with files (which we do not read): a message of only files gets a reply saying so. */
export function hasAttachedFiles(message: MessageLike): boolean {
  return message.subtype === "file_share" || (Array.isArray(message.files) && message.files.length > 0);
}
