// A stand-in PracticeGuide for adapter tests and the Slack benchmark: it returns Answer
// objects shaped like the core's (answered with citations, a project-written glossary
// definition, refusals, invalid input) without loading the index or a model.
import { type Answer, type AnswerFn } from "../core/answer-types.js";
import { recordingPracticeGuide, type FakePracticeGuide } from "./recording-practice-guide.js";
import { COVERAGE_SUMMARY } from "../core/wording.js";

const TIMINGS = { retrieve: 3, total: 4 };

export function answeredAnswer(question: string): Answer {
  return {
    question,
    status: "answered",
    text:
      "Build trust by going to residents rather than waiting for them to come to you [1], and by reviewing " +
      "current policies for their impact on the people they affect [2].",
    citations: [
      {
        n: 1,
        sectionId: "toolkit.recommendations.2",
        title: "Toolkit recommendation 2: Build Trust-based Relationships",
        quote: "Build Trust-based Relationships",
        kind: "recommendation",
      },
      {
        n: 2,
        sectionId: "toolkit.recommendations.3",
        title: "Toolkit recommendation 3: Review Current Policies",
        quote: "Review Current Policies",
        kind: "recommendation",
      },
    ],
    retrieved: [
      { sectionId: "toolkit.recommendations.2", score: 0.82 },
      { sectionId: "toolkit.recommendations.3", score: 0.74 },
    ],
    mode: "extractive",
    timingsMs: TIMINGS,
  };
}

export function glossaryAnswer(question: string): Answer {
  return {
    question,
    status: "answered",
    text:
      "Implicit bias: attitudes or stereotypes that affect a person's understanding, decisions and actions " +
      "without their conscious awareness [1].",
    citations: [
      {
        n: 1,
        sectionId: "glossary.implicit-bias",
        title: "Implicit bias",
        quote: "Attitudes or stereotypes that affect a person's understanding, decisions and actions without their conscious awareness.",
        kind: "glossary",
        writtenBy: "project",
      },
    ],
    retrieved: [{ sectionId: "glossary.implicit-bias", score: 1 }],
    mode: "extractive",
    timingsMs: TIMINGS,
  };
}

export function refusedAnswer(question: string): Answer {
  return {
    question,
    status: "refused",
    text: `I can only answer from ${COVERAGE_SUMMARY} Those sources don't cover this question.`,
    citations: [],
    retrieved: [{ sectionId: "practices.intro", score: 0.12 }],
    mode: "extractive",
    timingsMs: TIMINGS,
  };
}

export function invalidAnswer(question: string): Answer {
  return {
    question,
    status: "invalid",
    text: "Please type a question, for example: What does the toolkit recommend for hiring?",
    citations: [],
    retrieved: [],
    mode: "extractive",
    timingsMs: { retrieve: 0, total: 0 },
  };
}

/** Routes questions like a tiny core would: empty → invalid, "define …" → glossary, off-topic → refused. */
export function defaultFakeAnswer(question: string): Answer {
  const q = question.trim();
  if (q === "") return invalidAnswer(question);
  if (/^define\b/i.test(q)) return glossaryAnswer(question);
  if (/\b(weather|football|recipe)\b/i.test(q)) return refusedAnswer(question);
  return answeredAnswer(question);
}

export function fakePracticeGuide(answer?: AnswerFn): FakePracticeGuide {
  return recordingPracticeGuide(answer ?? (async (question) => defaultFakeAnswer(question)));
}
