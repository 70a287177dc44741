// The Answer is the single shape every surface renders; its JSON form is a public contract.
import type { SectionKind } from "../../corpus/section.js";

export type AnswerStatus = "answered" | "refused" | "invalid";
export type AnswerMode = "extractive" | "generated";

export interface Citation {
  /** The number used as [n] in Answer.text. */
  n: number;
  sectionId: string;
  title: string;
  /** Words quoted verbatim (whitespace-normalised) from the cited section. */
  quote: string;
  kind: SectionKind;
  /** "project" when the cited text is a project-written glossary definition. */
  writtenBy?: "project";
}

export interface Answer {
  question: string;
  status: AnswerStatus;
  text: string;
  citations: Citation[];
  retrieved: Array<{ sectionId: string; score: number }>;
  mode: AnswerMode;
  timingsMs: { retrieve: number; generate?: number; total: number };
}

export interface ConversationTurn {
  question: string;
  answer?: Answer;
}

export interface AnswerOptions {
  /** Earlier turns of the same conversation, oldest first. */
  history?: ConversationTurn[];
  /** Restrict retrieval to these section kinds. */
  kinds?: SectionKind[];
  /**
   * Called with pieces of generated text as they stream in (generated mode only). What is
   * streamed is unverified; the Answer returned is what may be shown.
   */
  onText?: (delta: string) => void;
}

/** Example questions shown with refusals and as suggested prompts on every surface. */
export const EXAMPLE_QUESTIONS = [
  "How do I make sure people who are usually left out get a voice?",
  "What does the toolkit recommend for hiring?",
  "define implicit bias",
] as const;

/** One sentence naming what the guide covers, used by refusals on every surface. */
export const COVERAGE_SUMMARY =
  "ICMA's Practices for Effective Local Government Leadership, the ICMA Equity & Inclusion Toolkit and its recommendations, a glossary of equity terms, the Declaration of Ideals, and ICMA's workshops, programs and equity research.";

/** The signature of the one answer() every surface calls. */
export type AnswerFn = (question: string, options?: AnswerOptions) => Promise<Answer>;

/**
 * What `openPracticeGuide(config, logger)` in bot/practice-guide.ts returns: the index,
 * model and corpus opened once per process, and the one answer() every surface calls.
 */
export interface PracticeGuide {
  answer: AnswerFn;
  getSection(id: string): import("../../corpus/section.js").Section | undefined;
  /** Glossary entries whose term or alias matches `query` (prefix, substring, or small typo), best first. */
  searchGlossary(query: string, limit?: number): import("../../corpus/section.js").Section[];
  close(): Promise<void>;
}
