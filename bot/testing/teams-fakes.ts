// Teams test fixtures: realistic Answers and glossary Sections drawn from the corpus, served by
// the recording stand-in in bot/testing, which keeps every answer() call for the tests to check.
import type { Answer, PracticeGuide } from "../core/answer-types.js";
import type { Section } from "../../corpus/section.js";
import { recordingPracticeGuide, type FakePracticeGuide } from "./recording-practice-guide.js";

export type { FakePracticeGuide };

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

function timings() {
  return { retrieve: 12, total: 15 };
}

/** Extractive answer citing a leadership dimension and the project-written glossary definition. */
export function defineImplicitBiasAnswer(question = "define implicit bias"): Answer {
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
    timingsMs: timings(),
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
    mode: "extractive",
    text: "I can't answer that from the Practice Guide's sources.",
    citations: [],
    retrieved: [{ sectionId: "workshops.history-of-institutional-racism", score: 0.12 }],
    timingsMs: timings(),
  };
}

export function invalidAnswer(question = ""): Answer {
  return {
    question,
    status: "invalid",
    mode: "extractive",
    text: "Please type a question about local-government leadership or equity practice.",
    citations: [],
    retrieved: [],
    timingsMs: { retrieve: 0, total: 0 },
  };
}

/**
 * Answers by question: "define implicit bias" → extractive with a glossary citation, anything
 * about hiring → generated, "" → invalid, "explode" → throws, everything else → refused.
 */
export function createFakePracticeGuide(overrides: { answer?: PracticeGuide["answer"] } = {}): FakePracticeGuide {
  const defaultAnswer: PracticeGuide["answer"] = async (question) => {
    const q = question.trim().toLowerCase();
    if (q === "") return invalidAnswer(question);
    if (q === "explode") throw new Error("index unavailable");
    if (q.startsWith("define implicit bias") || q.includes("implicit bias")) return defineImplicitBiasAnswer(question);
    if (q.includes("hiring")) return generatedHiringAnswer(question);
    return refusedAnswer(question);
  };
  return recordingPracticeGuide(overrides.answer ?? defaultAnswer, SECTIONS);
}
