// Counting without touching the surfaces: each surface gets the guide wrapped so its answers
// are counted under its name (refusals by the kind the Answer names, fallbacks by the reason
// it names), the claim store wrapped so every claim refused (something already acted on)
// counts as a dropped duplicate, by the kind of key, and a feedback callback per surface. The
// gauges (worker queue depth, the index in use) read the guide itself at scrape time.
import { FALLBACK_REASONS, REFUSAL_KINDS, type PracticeGuide } from "../core/answer-types.js";
import type { ClaimOnceStore } from "../platform/claim-once.js";
import type { FeedbackVerdict, ObservedServing, ServingMetrics } from "../platform/metrics.js";

/** A refused Answer that does not say why (an older or fake guide). */
const UNKNOWN_KIND = "unknown";

export function instrumentGuide(guide: PracticeGuide, surface: "slack" | "teams", metrics: ServingMetrics): PracticeGuide {
  // Every kind and reason starts at 0, so a first refusal is a rise Prometheus can see.
  for (const kind of REFUSAL_KINDS) metrics.refusals.inc({ surface, kind }, 0);
  for (const reason of FALLBACK_REASONS) metrics.fallbacks.inc({ surface, reason }, 0);
  return {
    ...guide,
    answer: async (question, options) => {
      const stop = metrics.answerSeconds.startTimer({ surface });
      try {
        const answer = await guide.answer(question, options);
        metrics.answers.inc({ surface, status: answer.status, mode: answer.mode });
        if (answer.status === "refused") metrics.refusals.inc({ surface, kind: answer.refusal ?? UNKNOWN_KIND });
        if (answer.fallback) metrics.fallbacks.inc({ surface, reason: answer.fallback });
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

/** The surface's feedback callback: one count per click, by verdict. */
export function countFeedback(metrics: ServingMetrics, surface: "slack" | "teams"): (verdict: FeedbackVerdict) => void {
  for (const verdict of ["helpful", "not_helpful"] as const) metrics.feedback.inc({ surface, verdict }, 0);
  return (verdict) => metrics.feedback.inc({ surface, verdict });
}

type IndexOf = NonNullable<ObservedServing["index"]>;

/**
 * The gauges read the guide at each scrape: the index generation it answers from (`index()`,
 * or the `health()` a serving guide gives /healthz; so a hot-switch shows at the next scrape)
 * and the depth of whichever worker pools it runs (`queueDepth()`, by pool; none when absent).
 */
export function observeGuide(metrics: ServingMetrics, guide: { index?: IndexOf; health?: IndexOf; queueDepth?: () => Record<string, number> }): void {
  metrics.observe({
    index: () => (guide.index ? guide.index() : guide.health?.() ?? {}),
    queueDepth: () => guide.queueDepth?.() ?? {},
  });
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
