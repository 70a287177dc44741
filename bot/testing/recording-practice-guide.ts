// The PracticeGuide stand-in under the Slack and Teams fixtures (and the Slack benchmark): it
// answers with a given function, records every answer() call so tests can check what an
// adapter passed, and serves a few Sections, all without loading the index or a model.
import type { AnswerFn, AnswerOptions, PracticeGuide } from "../core/answer-types.js";
import type { Section } from "../../corpus/section.js";

export interface FakeGuideCall {
  question: string;
  options?: AnswerOptions;
}

export interface FakePracticeGuide extends PracticeGuide {
  calls: FakeGuideCall[];
}

/** `sections` back getSection() and searchGlossary() (a glossary title or alias containing the query). */
export function recordingPracticeGuide(answer: AnswerFn, sections: readonly Section[] = []): FakePracticeGuide {
  const calls: FakeGuideCall[] = [];
  return {
    calls,
    async answer(question, options) {
      // Snapshot: the adapter's history store keeps growing after the call.
      calls.push({ question, options: options ? structuredClone(options) : undefined });
      return answer(question, options);
    },
    getSection: (id) => sections.find((s) => s.id === id),
    searchGlossary(query, limit = 10) {
      const q = query.trim().toLowerCase();
      if (q === "") return [];
      return sections
        .filter((s) => s.kind === "glossary" && [s.title, ...(s.aliases ?? [])].some((name) => name.toLowerCase().includes(q)))
        .slice(0, limit);
    },
    async close() {},
  };
}
