// A follow-up that asks something new ("do the practices say anything about training staff on
// it?", "anything in there about people resisting change?") is searched joined to the previous
// question, so the section the previous answer came from usually stays first: it matches the
// previous question best. Over the training conversations, that was the commonest wrong answer
// to a follow-up (the right section ranked second). When the follow-up's own topic words,
// those the previous question did not use, are missing from that first section and a section
// ranked right behind holds them, that section answers instead. A follow-up without words of its own
// ("why does that matter?", "is that online?" when no other section says "online") keeps the
// previous section.
import type { CorpusStats } from "../../retrieval/text/corpus-stats.js";
import type { RetrievedSection } from "../../retrieval/retrieve-sections.js";
import { contentTerms } from "../../retrieval/text/text-terms.js";

/**
 * Words that frame a follow-up rather than say its topic ("does the practice say anything
 * about ...", "what's the main idea of it?"), and words asking a detail of the same thing (its
 * cost, format or audience: "is that online?", "can non-members get on it?"), which the
 * sections of other programs hold as well: neither is a new topic.
 */
const FOLLOW_UP_FRAME = new Set(
  contentTerms(
    `practice practices dimension dimensions toolkit recommendation recommendations icma side part parts say talk talks mention mentions
    cover covers include includes there anything else also similar related one ones item items actually specific specifically list section
    document main idea point gist overall summary basically
    cost costs price fee fees free pay online virtual person in-person format member members non-members non open available sign join`,
  ),
);

export interface NewTopicRule {
  /** IDF-weighted share of the new topic words the new first section must hold. */
  minShare: number;
  /** By how much more than the previous section. */
  margin: number;
}

export const NEW_TOPIC_RULE: NewTopicRule = { minShare: 0.5, margin: 0.34 };

/** The follow-up's topic words that the previous question did not use. */
export function newTopicTerms(followUp: string, previousQuestion: string): string[] {
  const before = new Set(contentTerms(previousQuestion));
  return [...new Set(contentTerms(followUp))].filter((t) => !before.has(t) && !FOLLOW_UP_FRAME.has(t));
}

/**
 * `hits` with the runner-up first when it holds the follow-up's new topic and the first one, a
 * section the previous answer cited, lacks it; otherwise `hits` unchanged.
 */
export function newTopicFirst(
  hits: readonly RetrievedSection[],
  followUp: string,
  previous: { question: string; citedIds: ReadonlySet<string> },
  stats: CorpusStats,
  rule: NewTopicRule = NEW_TOPIC_RULE,
): readonly RetrievedSection[] {
  const first = hits[0];
  if (!first || !previous.citedIds.has(first.section.id)) return hits;
  const terms = newTopicTerms(followUp, previous.question);
  if (terms.length === 0) return hits;
  // Only the runner-up: looking two or four deep moved more follow-ups to other programs'
  // sections than it fixed.
  const runnerUp = hits[1];
  if (!runnerUp) return hits;
  const share = stats.coverage(terms, runnerUp.section.id);
  if (share < rule.minShare || share - stats.coverage(terms, first.section.id) < rule.margin) return hits;
  return [runnerUp, first, ...hits.slice(2)];
}
