// The Answer is the single shape every surface renders; its JSON form is a public contract.
import type { SectionKind } from "../../corpus/section.js";

export type AnswerStatus = "answered" | "refused" | "invalid";
export type AnswerMode = "extractive" | "generated";

/**
 * Why a refused answer was refused, a closed set (metrics count refusals by it): the coverage
 * model judged the question outside the corpus, nothing was retrieved, a specific fact asked
 * is stated by no section, a named practice holds nothing on what was asked, an item asked for
 * does not exist, a question about the assistant itself, a request the guide does not do
 * (make things up, take sides, find out about people), the model judged the sections do not
 * answer it, or an extractive citation failed verification (a bug).
 */
export const REFUSAL_KINDS = [
  "out-of-scope",
  "nothing-retrieved",
  "unstated-fact",
  "not-in-named-practice",
  "nonexistent-item",
  "about-the-assistant",
  "out-of-role",
  "model-not-covered",
  "citation-unverified",
] as const;
export type RefusalKind = (typeof REFUSAL_KINDS)[number];

/**
 * Why an answer fell back to extractive although a generator is configured, a closed set: the
 * generator's failure (GeneratorFailure), no citation of its answer verified, or an error that
 * is not a GeneratorError.
 */
export const FALLBACK_REASONS = ["timeout", "rate-limited", "server-error", "network", "malformed", "refused-by-server", "aborted", "nothing-verified", "unexpected-error"] as const;
export type FallbackReason = (typeof FALLBACK_REASONS)[number];

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
  /** Refused answers: why. */
  refusal?: RefusalKind;
  /** With a generator configured, an answer that fell back to extractive: why. */
  fallback?: FallbackReason;
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

/** The signature of the one answer() every surface calls. */
export type AnswerFn = (question: string, options?: AnswerOptions) => Promise<Answer>;

/**
 * What `openPracticeGuide(config, logger)` in bot/app/open-practice-guide.ts returns: the index,
 * model and corpus opened once per process, and the one answer() every surface calls.
 */
export interface PracticeGuide {
  answer: AnswerFn;
  getSection(id: string): import("../../corpus/section.js").Section | undefined;
  /** Glossary entries whose term or alias matches `query` (prefix, substring, or small typo), best first. */
  searchGlossary(query: string, limit?: number): import("../../corpus/section.js").Section[];
  close(): Promise<void>;
}
