// Counting without touching the surfaces: each surface gets the guide wrapped so its answers
// are counted under its name, and the claim store wrapped so every claim refused (something
// already acted on) counts as a dropped duplicate, by the kind of key.
import type { PracticeGuide } from "../core/answer-types.js";
import type { ClaimOnceStore } from "../platform/claim-once.js";
import type { ServingMetrics } from "../platform/metrics.js";

export function instrumentGuide(guide: PracticeGuide, surface: "slack" | "teams", metrics: ServingMetrics): PracticeGuide {
  return {
    ...guide,
    answer: async (question, options) => {
      const stop = metrics.answerSeconds.startTimer({ surface });
      try {
        const answer = await guide.answer(question, options);
        metrics.answers.inc({ surface, status: answer.status, mode: answer.mode });
        if (answer.status === "refused") metrics.refusals.inc({ surface });
        return answer;
      } catch (err) {
        metrics.answerErrors.inc({ surface });
        throw err;
      } finally {
        stop();
      }
    },
    getSection: (id) => guide.getSection(id),
    searchGlossary: (query, limit) => guide.searchGlossary(query, limit),
    close: () => guide.close(),
  };
}

/** The kind of a claim key: Slack claims events by id, messages by "message:", share clicks by "share:"; Teams activities by "teams:", welcomes by "teams-welcome:". */
export function claimKind(key: string): "slack_event" | "slack_message" | "slack_share" | "teams_activity" | "teams_welcome" | "other" {
  if (key.startsWith("message:")) return "slack_message";
  if (key.startsWith("share:")) return "slack_share";
  if (key.startsWith("teams:")) return "teams_activity";
  if (key.startsWith("teams-welcome:")) return "teams_welcome";
  if (/^Ev[A-Za-z0-9]+$/.test(key)) return "slack_event";
  return "other";
}

export function countDuplicates(store: ClaimOnceStore, metrics: ServingMetrics): ClaimOnceStore {
  return {
    claim: async (key) => {
      const first = await store.claim(key);
      if (!first) metrics.duplicatesDropped.inc({ kind: claimKind(key) });
      return first;
    },
  };
}
