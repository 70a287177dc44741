// The seam between the bot core and a language model. The core hands over the question
// and the retrieved sections; whatever comes back is verified before anyone sees it.

export interface GeneratorSection {
  id: string;
  title: string;
  text: string;
}

export interface GeneratorInput {
  question: string;
  sections: GeneratorSection[];
}

export interface GeneratedCitation {
  n: number;
  sectionId: string;
  quote: string;
}

export interface GeneratedAnswer {
  /** False when the model says the sections do not answer the question. */
  covered: boolean;
  /** Answer text with [n] markers. */
  text: string;
  citations: GeneratedCitation[];
}

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
