// The shape of one corpus section, shared by ingestion, retrieval and the bot core.
export const SECTION_KINDS = [
  "practice",
  "dimension",
  "toolkit",
  "recommendation",
  "ideals",
  "glossary",
  "workshop",
  "program",
  "research",
  "resource",
] as const;

export type SectionKind = (typeof SECTION_KINDS)[number];

export interface SectionSource {
  /** Seed file name in ../shared/seeds. */
  file: string;
  /** First and last line (1-based, inclusive) of the section in the seed file. */
  lines: [number, number];
}

export interface Section {
  id: string;
  kind: SectionKind;
  title: string;
  text: string;
  parent: string | null;
  /** Null for text written by this project (glossary definitions). */
  source: SectionSource | null;
  /** "project" when the text is our own words rather than a source's. */
  writtenBy?: "project";
  /** Glossary only: other names people use for the term. */
  aliases?: string[];
  /** Glossary only: source sections where the term is used. */
  seeAlso?: string[];
  /**
   * A section whose statements hold for every section of this kind: the workshops' price and
   * booking address are those of each workshop, so "how much is the Design Thinking workshop?"
   * is stated by it, though it names no workshop.
   */
  aboutEvery?: SectionKind;
  /**
   * Project-written search keywords (corpus/search-keywords/): everyday words for what the
   * section says. Indexed for search only, never shown or quoted as the section's words.
   */
  keywords?: string[];
  /**
   * Questions staff asked of this section, from the training questions
   * (corpus/search-questions/, derived by evals/derive-search-questions.ts). Indexed for
   * search only, so paraphrases reach the section; never shown, quoted, or counted as the
   * section's words when deciding whether it answers a question.
   */
  searchQuestions?: string[];
  /**
   * Questions staff asked about this section that it does not answer (the training set's
   * near-misses made from it: a price it does not give, a year, a person), from
   * corpus/unanswered-questions/, derived beside searchQuestions. Never indexed for search:
   * the coverage model weighs how closely a new question resembles these against how closely
   * it resembles the answered ones (retrieval/text/asked-before.ts).
   */
  unansweredQuestions?: string[];
}
