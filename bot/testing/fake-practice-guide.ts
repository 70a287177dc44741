// The one set of fake answers for adapter tests and the Slack benchmark: Answers and
// Sections shaped like the core's (answered with citations, a project-written glossary
// definition with a source use, a generated answer, a refusal, invalid input), and a stand-in
// PracticeGuide that answers with them and records every answer() call, all without loading
// the index or a model.
import type { Answer, AnswerFn, AnswerOptions, PracticeGuide } from "../core/answer-types.js";
import { EMPTY_QUESTION_REPLY, refusalText } from "../core/wording.js";
import type { Section } from "../../corpus/section.js";

const TIMINGS = { retrieve: 3, total: 4 };

export const IMPLICIT_BIAS: Section = {
  id: "glossary.implicit-bias",
  kind: "glossary",
  title: "Implicit bias",
  text:
    "Attitudes or stereotypes that affect a person's understanding, decisions and actions without their conscious awareness. " +
    "Everyone has them; they form through experience and culture and can contradict the values a person holds. " +
    "In local government, implicit bias can influence who is hired or promoted, how residents are treated at a counter or in the field, " +
    "and how discretion is used, which is why training and structured decision processes are used to reduce its effects.",
  parent: null,
  source: null,
  writtenBy: "project",
  aliases: ["implicit biases", "unconscious bias", "unconscious biases", "hidden bias"],
  seeAlso: ["practices.3.management.c"],
};

export const INCLUSION: Section = {
  id: "glossary.inclusion",
  kind: "glossary",
  title: "Inclusion",
  text: "Creating an environment of involvement, respect, and connection of diverse ideas, backgrounds, and talent.",
  parent: null,
  source: null,
  writtenBy: "project",
  aliases: ["inclusive", "inclusiveness"],
  seeAlso: ["practices.3"],
};

export const PRACTICE_3_MANAGEMENT_C: Section = {
  id: "practices.3.management.c",
  kind: "dimension",
  title: "Equity and Inclusion — management C",
  text: "Educating the organization on common behaviors that advance diversity and inclusion efforts and address implicit biases",
  parent: "practices.3",
  source: { file: "004_0ef694d80c07b87f.txt", lines: [90, 90] },
};

const SECTIONS = [IMPLICIT_BIAS, INCLUSION, PRACTICE_3_MANAGEMENT_C];

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

/** Extractive answer citing a leadership dimension and the project-written glossary definition. */
export function glossaryAnswer(question = "define implicit bias"): Answer {
  return {
    question,
    status: "answered",
    mode: "extractive",
    text:
      "Implicit bias: \"Attitudes or stereotypes that affect a person's understanding, decisions and actions without their conscious awareness.\" [1] " +
      "ICMA's practices call for \"Educating the organization on common behaviors that advance diversity and inclusion efforts and address implicit biases\" [2]",
    citations: [
      {
        n: 1,
        sectionId: IMPLICIT_BIAS.id,
        title: IMPLICIT_BIAS.title,
        quote: "Attitudes or stereotypes that affect a person's understanding, decisions and actions without their conscious awareness.",
        kind: "glossary",
        writtenBy: "project",
      },
      {
        n: 2,
        sectionId: PRACTICE_3_MANAGEMENT_C.id,
        title: PRACTICE_3_MANAGEMENT_C.title,
        quote: PRACTICE_3_MANAGEMENT_C.text,
        kind: "dimension",
      },
    ],
    retrieved: [
      { sectionId: IMPLICIT_BIAS.id, score: 0.91 },
      { sectionId: PRACTICE_3_MANAGEMENT_C.id, score: 0.74 },
    ],
    timingsMs: TIMINGS,
  };
}

/** LLM-written answer (mode "generated") citing two toolkit recommendations. */
export function generatedHiringAnswer(question = "What does the toolkit recommend for hiring?"): Answer {
  return {
    question,
    status: "answered",
    mode: "generated",
    text:
      "The toolkit asks local governments to be conscious of bias in hiring practices [1] and to review current policies " +
      "so that they do not shut people out [2].",
    citations: [
      {
        n: 1,
        sectionId: "toolkit.recommendations.11",
        title: "Be Conscious of Bias in Hiring Practices",
        quote: "Be Conscious of Bias in Hiring Practices",
        kind: "recommendation",
      },
      {
        n: 2,
        sectionId: "toolkit.recommendations.3",
        title: "Review Current Policies",
        quote: "Review Current Policies",
        kind: "recommendation",
      },
    ],
    retrieved: [
      { sectionId: "toolkit.recommendations.11", score: 0.88 },
      { sectionId: "toolkit.recommendations.3", score: 0.7 },
    ],
    timingsMs: { retrieve: 10, generate: 900, total: 915 },
  };
}

export function refusedAnswer(question = "What is the best pizza topping?"): Answer {
  return {
    question,
    status: "refused",
    text: refusalText(),
    citations: [],
    retrieved: [{ sectionId: "practices.intro", score: 0.12 }],
    mode: "extractive",
    timingsMs: TIMINGS,
    refusal: "out-of-scope",
  };
}

export function invalidAnswer(question = ""): Answer {
  return {
    question,
    status: "invalid",
    text: EMPTY_QUESTION_REPLY,
    citations: [],
    retrieved: [],
    mode: "extractive",
    timingsMs: { retrieve: 0, total: 0 },
  };
}

/**
 * Routes questions like a tiny core would: "" → invalid, "explode" → throws, "define …" or
 * implicit bias → the glossary answer, hiring → generated, off-topic words → refused,
 * anything else → answered.
 */
export function defaultFakeAnswer(question: string): Answer {
  const q = question.trim().toLowerCase();
  if (q === "") return invalidAnswer(question);
  if (q === "explode") throw new Error("index unavailable");
  if (/^define\b/.test(q) || q.includes("implicit bias")) return glossaryAnswer(question);
  if (q.includes("hiring")) return generatedHiringAnswer(question);
  if (/\b(weather|football|recipe|pizza)\b/.test(q)) return refusedAnswer(question);
  return answeredAnswer(question);
}

export interface FakeGuideCall {
  question: string;
  options?: AnswerOptions;
}

export interface FakePracticeGuide extends PracticeGuide {
  calls: FakeGuideCall[];
}

/**
 * Answers with `answer` (default: defaultFakeAnswer) and records every call; the fake
 * Sections back getSection() and searchGlossary() (a glossary title or alias containing the query).
 */
export function fakePracticeGuide(answer: AnswerFn = async (question) => defaultFakeAnswer(question), sections: readonly Section[] = SECTIONS): FakePracticeGuide {
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
