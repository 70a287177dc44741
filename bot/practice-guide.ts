// The bot core: opens the corpus, index and model once per process, and answers every
// surface's questions through one answer().
import type { Config } from "./config.js";
import type { Logger } from "./logger.js";
import { CorpusStats } from "../retrieval/corpus-stats.js";
import { createEmbedder, type Embedder } from "../retrieval/embedder.js";
import { GlossaryIndex } from "../retrieval/glossary-lookup.js";
import { LanceStore } from "../retrieval/lance-store.js";
import { SpellingCorrector } from "../retrieval/spelling.js";
import { SectionRetriever, type RetrievedSection } from "../retrieval/retrieve-sections.js";
import { contentTerms } from "../retrieval/text-terms.js";
import { findWholePractice, practiceWithDimensions } from "../retrieval/whole-practice.js";
import { ingestCorpus } from "../scripts/ingest-corpus.js";
import type { Section } from "../scripts/corpus/section.js";
import {
  COVERAGE_SUMMARY,
  EXAMPLE_QUESTIONS,
  type Answer,
  type AnswerOptions,
  type PracticeGuide,
} from "./answer-types.js";
import { ExtractiveComposer, type ComposedAnswer } from "./compose-extractive.js";
import { assessCoverage } from "./coverage.js";
import { makeStandaloneByRule } from "./follow-up.js";
import { checkQuestion } from "./question-input.js";
import { verifyCitations } from "./verify-citations.js";

export interface OpenGuideOptions {
  /** Use this embedder instead of the configured one (tests inject counting or failing embedders). */
  embedder?: Embedder | null;
}

const RETRIEVE_LIMIT = 8;
const SIDE_OF_PRACTICE = /\b(leadership|management)\s+(?:side|dimensions?|part|view)\b/i;

export function refusalText(): string {
  return [
    "The guide doesn't cover that, so I can't answer it from the sources.",
    `It covers ${COVERAGE_SUMMARY}`,
    "You could ask, for example:",
    ...EXAMPLE_QUESTIONS.map((q) => `- ${q}`),
  ].join("\n");
}

/**
 * Opens everything answer() needs, ingesting first when the index is missing or stale.
 */
export async function openPracticeGuide(config: Config, logger: Logger, options: OpenGuideOptions = {}): Promise<PracticeGuide> {
  const store = await LanceStore.open(config.lancedb);
  const embedder = options.embedder !== undefined ? options.embedder : await createEmbedder(config, logger);
  const { corpus } = await ingestCorpus({ config, logger, store, embedder, progressBar: true });
  const index = await store.openActiveIndex();
  if (!index) throw new Error(`No active index at ${config.lancedb.uri} after ingesting; run \`npm run ingest\` and read its errors.`);

  const sections = corpus.byId;
  const retriever = new SectionRetriever(index, embedder, sections, new SpellingCorrector(corpus.sections));
  const stats = new CorpusStats(corpus.sections);
  const composer = new ExtractiveComposer(stats);
  const glossary = new GlossaryIndex(corpus.sections);
  if (!retriever.hybrid) logger.warn("Answering with full-text search only (no embedder): paraphrased questions may be refused more often.");

  async function answer(rawQuestion: string, answerOptions: AnswerOptions = {}): Promise<Answer> {
    const started = performance.now();
    const elapsed = () => Math.round((performance.now() - started) * 10) / 10;
    const base = { question: rawQuestion, mode: "extractive" as const };
    const checked = checkQuestion(rawQuestion, config.maxQuestionChars);
    if (!checked.ok) {
      return { ...base, status: "invalid", text: checked.reply, citations: [], retrieved: [], timingsMs: { retrieve: 0, total: elapsed() } };
    }
    const kinds = answerOptions.kinds;
    const question = makeStandaloneByRule(checked.question, answerOptions.history);

    let composed: ComposedAnswer;
    let retrieved: Array<{ sectionId: string; score: number }>;
    const glossaryMatches = !kinds || kinds.includes("glossary") ? glossary.lookupQuestion(checked.question) : [];
    let retrieveMs: number;
    if (glossaryMatches.length > 0) {
      const entries = glossaryMatches.map((m) => m.section);
      composed = composer.composeGlossary(entries, sections);
      const ids = [...new Set([...entries.map((e) => e.id), ...entries.flatMap((e) => e.seeAlso ?? [])])];
      retrieved = ids.map((sectionId, i) => ({ sectionId, score: round(1 / (1 + i)) }));
      retrieveMs = elapsed();
    } else {
      const hits = await retriever.retrieveSections(question, { kinds, limit: RETRIEVE_LIMIT });
      retrieveMs = elapsed();
      const terms = contentTerms(question);
      const evidence = assessCoverage(question, terms, hits, stats);
      logger.debug({ question: checked.question, evidence, top: hits[0]?.section.id }, "coverage decision");
      if (!evidence.covered) {
        return {
          ...base,
          status: "refused",
          text: refusalText(),
          citations: [],
          retrieved: hits.map(toRetrieved),
          timingsMs: { retrieve: retrieveMs, total: elapsed() },
        };
      }
      const whole = !kinds || kinds.includes("dimension") ? findWholePractice(question, sections) : undefined;
      if (whole) {
        const side = SIDE_OF_PRACTICE.exec(question)?.[1]?.toLowerCase() as "leadership" | "management" | undefined;
        const parts = practiceWithDimensions(whole, sections.values());
        composed = composer.composeWholePractice(parts, side);
        const partIds = new Set(parts.map((p) => p.id));
        retrieved = [
          ...parts.map((p, i) => ({ sectionId: p.id, score: round(1 / (1 + i)) })),
          ...hits.filter((h) => !partIds.has(h.section.id)).map(toRetrieved),
        ];
      } else {
        composed = composer.compose(terms, hits);
        retrieved = hits.map(toRetrieved);
      }
    }

    const check = verifyCitations(composed, sections);
    if (!check.ok) {
      // Extractive quotes are cut from the sections themselves, so this is a bug, not bad input.
      logger.error({ problems: check.problems }, "An extractive citation failed verification; refusing rather than showing it.");
      return { ...base, status: "refused", text: refusalText(), citations: [], retrieved, timingsMs: { retrieve: retrieveMs, total: elapsed() } };
    }
    return { ...base, status: "answered", text: composed.text, citations: composed.citations, retrieved, timingsMs: { retrieve: retrieveMs, total: elapsed() } };
  }

  return {
    answer,
    getSection: (id: string): Section | undefined => sections.get(id),
    searchGlossary: (query: string, limit?: number) => glossary.search(query, limit),
    async close() {
      store.close();
    },
  };
}

function round(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}

function toRetrieved(hit: RetrievedSection): { sectionId: string; score: number } {
  return { sectionId: hit.section.id, score: round(hit.score) };
}
