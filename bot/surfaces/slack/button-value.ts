// Slack refuses a message whose button carries a value over 2,000 characters, and the share
// and feedback buttons carry the question as JSON. JSON escaping makes `"` and `\` cost two
// characters and a control character six, so the question has to be cut by the length of the
// encoded value, not its own: a 1,500-character question of quotes is 3,000 once encoded.

import { safeCutIndex } from "./slack-text.js";

/** Slack's limit on an interactive element's value (docs.slack.dev/reference/block-kit/block-elements). */
export const BUTTON_VALUE_MAX = 2000;

/**
 * JSON for `build(question)`, with the question cut to the longest prefix (never splitting a
 * character) whose encoding fits in `max` characters. `build` must put the question in the
 * object unchanged; everything else in it must already fit.
 */
export function encodeWithQuestion(build: (question: string) => unknown, question: string, max = BUTTON_VALUE_MAX): string {
  const encode = (length: number) => JSON.stringify(build(question.slice(0, safeCutIndex(question, length))));
  const whole = encode(question.length);
  if (whole.length <= max) return whole;
  // The encoded length only grows with the prefix, so the longest prefix that fits is found by bisection.
  let fits = 0;
  let tooLong = question.length;
  while (tooLong - fits > 1) {
    const mid = Math.floor((fits + tooLong) / 2);
    if (encode(mid).length <= max) fits = mid;
    else tooLong = mid;
  }
  return encode(fits);
}
