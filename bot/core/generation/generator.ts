// The seam between the bot core and a language model. The core hands over the question
// and the retrieved sections; whatever comes back is verified before anyone sees it.
import type { GeneratedAnswer } from "./generated-answer.js";

export interface GeneratorSection {
  id: string;
  title: string;
  text: string;
}

export interface GeneratorInput {
  question: string;
  sections: GeneratorSection[];
}

/** What a model proposes; its shape is the reply schema in generated-answer.ts. */
export type { GeneratedAnswer, GeneratedCitation } from "./generated-answer.js";

export interface GenerateOptions {
  signal?: AbortSignal;
  /** Called with each piece of text as it streams in, when the server streams. */
  onText?: (delta: string) => void;
}

export interface Generator {
  /** For logs and evals, e.g. "openai:gpt-4o-mini". Never includes keys or URLs with credentials. */
  readonly name: string;
  generate(input: GeneratorInput, options?: GenerateOptions): Promise<GeneratedAnswer>;
  /** Rewrites a follow-up question into a standalone one using earlier turns. */
  rewriteStandalone(question: string, history: Array<{ question: string; answerText?: string }>): Promise<string>;
}
