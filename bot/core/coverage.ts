// Decides whether the corpus covers a question, from calibrated evidence rather than a
// list of topics.
//
// Method:
// 1. A question that asks for one specific fact (an amount, a count, a date, a person...) is
//    covered exactly when a top section states that fact about what was asked; see
//    bot/core/asked-facts.ts. This decides near-misses ("a full-day workshop", "last year's
//    keynote speaker") that share nearly every word with a section that does not answer them.
// 2. Every other question goes to a logistic model, fitted on the training set, over:
//   similarity   - cosine similarity of the question to the best retrieved chunk (USE lite),
//                  which recognises paraphrases that share no words with the sources;
//   coverage     - IDF-weighted share of the question's content words found in one single
//                  top section (title, text and search keywords);
//   askCoverage  - the same share for the question's last clause alone: a question that sets
//                  the scene before it asks ("A tornado hit our county... what do the
//                  communication practices say?") is judged on what it asks;
//   titleCoverage - the same share for the best top section's title alone: a question that
//                  names what it asks about ("the Governing for Equity report") is covered;
//   unknown      - IDF-weighted share of the question's words the corpus never uses at all
//                  ("weather", "Super Bowl", "recipe");
//   askUnknown   - the same share for the asking clause alone: "...what does the budgeting
//                  practice say about snow plows?" asks about what the corpus has no words for,
//                  however much of the scene before it the corpus knows;
//   askMissing   - the rarest asked word the best-matching top section lacks, as a share of
//                  the highest IDF: a near-miss usually shares every word with its section but
//                  one, and that one ("refund", "discount", "passing") is what it asks for,
//                  which a share of words dilutes;
//   textScore    - log of the best BM25 score per question word;
//   agreement    - 1 when vector search and full-text search rank the same section first;
//   length       - log of the number of content words (long questions carry filler words,
//                  so their coverage reads lower);
//   namedPractice - the question names a practice and finds its sections, asking in words
//                  the corpus uses;
//   namedPracticeNewWords - it names a practice but asks in a word the corpus never uses
//                  ("the budgeting practice on snow plows"). This was a rule that refused
//                  outright; held out by writer it refused 50 answerable questions for 42
//                  refusals (a paraphrase, "atmosphere" for climate, is a word the corpus
//                  never uses too), so the model now weighs it with the rest;
//   answeredAlike - the highest TF-IDF cosine of the question to a training question one of
//                  the top sections answered (retrieval/text/asked-before.ts);
//   unansweredAlike - the same for the near-misses made from the top sections: what a section
//                  leaves unsaid (a price, a year, a speaker) is what new writers ask it too;
//   words        - the question's own words and word pairs (questionWords): what a question
//                  asks for ("how often", "which vendor", "the passing score") says much about
//                  whether a corpus of principles can answer it, and no retrieval score sees it.
// The model (bot/core/coverage-model.json) is fitted by `npx tsx evals/tune-coverage.ts` on
// samples collected by `npx tsx evals/cross-fit-coverage.ts`: each training question judged
// against an index that does not hold it as a search question, on exactly the questions the
// model decides in the real pipeline (decideCoverage). Refusals are weighted up, so that what
// the sources do not say is refused even at some cost in over-refusal.
import type { CorpusStats } from "../../retrieval/text/corpus-stats.js";
import type { RetrievedSection } from "../../retrieval/retrieve-sections.js";
import { contentTerms, isStopWord, stem, tokenize } from "../../retrieval/text/text-terms.js";
import fittedModel from "./coverage-model.json" with { type: "json" };
import { askedFacts, askedFactsInFollowUp, askingClause, askingClauses, expandContractions, factReadings, statesFact, statingSentence, type FactKind } from "./asked-facts.js";

export const COVERAGE_FEATURES = ["similarity", "coverage", "askCoverage", "titleCoverage", "unknown", "length", "textScore", "agreement", "namedPractice", "askUnknown", "askMissing", "namedPracticeNewWords", "answeredAlike", "unansweredAlike"] as const;
export type CoverageFeatures = Record<(typeof COVERAGE_FEATURES)[number], number>;

export interface CoverageModel {
  bias: number;
  weights: CoverageFeatures;
  /** Weights of the question's words (see questionWords); a word not listed weighs nothing. */
  words: Record<string, number>;
  /** Covered when the model's probability is at least this. */
  threshold: number;
}

/** Fitted by `npx tsx evals/tune-coverage.ts` on the training set (see its header); do not edit by hand. */
export const DEFAULT_COVERAGE_MODEL: CoverageModel = fittedModel as CoverageModel;

export interface CoverageEvidence {
  covered: boolean;
  decidedBy: Exclude<CoverageRule, "whole-practice" | "named-dimension">;
  /** The model's probability; 1 or 0 when asked facts decided. */
  probability: number;
  features: CoverageFeatures;
  /** The specific facts asked, and the section and sentence stating each (null: none does). */
  facts: Array<{ kind: FactKind; clause: string; statedBy: RetrievedSection["section"] | null; sentence: string | null }>;
}

const SECTIONS_CONSIDERED = 3;
/** How many top sections may state an asked fact. */
const FACT_SECTIONS = 5;

export function coverageFeatures(
  question: string,
  questionTerms: readonly string[],
  retrieved: readonly RetrievedSection[],
  stats: CorpusStats,
  rules: { namedPractice: boolean; namedPracticeNewWords?: boolean } = { namedPractice: false },
): CoverageFeatures {
  const top = retrieved.slice(0, SECTIONS_CONSIDERED);
  const unique = [...new Set(questionTerms)];
  const totalWeight = unique.reduce((sum, t) => sum + stats.idf(t), 0);
  const unknownWeight = unique.filter((t) => !stats.knows(t)).reduce((sum, t) => sum + stats.idf(t), 0);
  // Over every retrieved section: a section found by full text alone has no similarity.
  const similarities = retrieved.map((r) => r.similarity).filter((s): s is number => s !== null);
  const coverages = top.map((r) => stats.coverage(unique, r.section.id));
  const bestBy = (score: (r: RetrievedSection) => number | null) =>
    retrieved.reduce<RetrievedSection | undefined>((best, r) => ((score(r) ?? -Infinity) > ((best && score(best)) ?? -Infinity) ? r : best), undefined);
  const topText = bestBy((r) => r.bm25);
  const topVector = bestBy((r) => r.similarity);
  // The ask of a question that first sets the scene ("A tornado hit our county... What do the
  // communication practices say about this?") is its last clause with words of its own.
  const asked = askTerms(question);
  const alike = stats.askedBefore.resemblance(question, top.map((r) => r.section.id));
  return {
    answeredAlike: alike.answered,
    unansweredAlike: alike.unanswered,
    askCoverage: top.length ? Math.max(...top.map((r) => stats.coverage(asked, r.section.id))) : 0,
    similarity: similarities.length ? Math.max(...similarities) : 0,
    coverage: coverages.length ? Math.max(...coverages) : 0,
    titleCoverage: top.length ? Math.max(...top.map((r) => stats.titleCoverage(unique, r.section))) : 0,
    unknown: totalWeight > 0 ? unknownWeight / totalWeight : 1,
    length: Math.log(1 + unique.length),
    textScore: Math.log(1 + (topText?.bm25 ?? 0) / Math.max(1, unique.length)),
    agreement: topText && topVector && topText.section.id === topVector.section.id ? 1 : 0,
    namedPractice: rules.namedPractice ? 1 : 0,
    namedPracticeNewWords: rules.namedPracticeNewWords ? 1 : 0,
    askUnknown: weightedShare(asked.filter((t) => !stats.knows(t)), asked, stats),
    askMissing: top.length ? Math.min(...top.map((r) => rarestMissing(asked, stats.termsOf(r.section.id), stats))) : 1,
  };
}

/** The highest IDF among `asked` terms the section lacks, over the highest IDF there is (0 when it lacks none). */
function rarestMissing(asked: readonly string[], has: ReadonlySet<string>, stats: CorpusStats): number {
  const ceiling = stats.idf("");
  return asked.reduce((rarest, t) => (has.has(t) ? rarest : Math.max(rarest, stats.idf(t) / ceiling)), 0);
}

/** The IDF-weighted share of `terms` that `part` holds (1 when there are no terms). */
function weightedShare(part: readonly string[], terms: readonly string[], stats: CorpusStats): number {
  const total = terms.reduce((sum, t) => sum + stats.idf(t), 0);
  return total > 0 ? part.reduce((sum, t) => sum + stats.idf(t), 0) / total : 1;
}

/**
 * The words the model weighs, stemmed: those of the asking clause ("a:often") and its word
 * pairs ("a:how_often"), and those of the whole question ("q:budget"). Small words count
 * only beside a word of substance: "how often", "which vendor" and "what percentage" are what
 * near-misses ask, but "what are", "and" or "the" alone say how one writer phrases questions,
 * not what a question asks (fitted with them, "What are the objectives of the cybersecurity
 * program?" lost 2.4 in log-odds to "what", "are" and "what are" alone).
 * (The asked words no top section uses were tried as well: 5-fold, they traded answered
 * questions for refusals without a clear gain, so they are left out.)
 */
export function questionWords(question: string): string[] {
  const expanded = expandContractions(question);
  const words = (text: string) => tokenize(text).map((raw) => ({ stem: stem(raw), small: isStopWord(raw) }));
  const ask = words(askingClause(expanded));
  const all = words(expanded);
  const pairs = ask.slice(1).flatMap((w, i) => (w.small && ask[i]!.small ? [] : [`a:${ask[i]!.stem}_${w.stem}`]));
  return [...new Set([...ask.filter((w) => !w.small).map((w) => `a:${w.stem}`), ...pairs, ...all.filter((w) => !w.small).map((w) => `q:${w.stem}`)])];
}

/**
 * A question that names one of the practices ("what do the communication practices say
 * about...") and finds that practice's sections among the top ones is asked of the corpus,
 * unless what it asks uses words the corpus never does ("the budgeting practice on snow plows").
 */
export function coveredByNamedPractice(question: string, retrieved: readonly RetrievedSection[], stats: CorpusStats, practiceId: string): boolean {
  return (
    retrieved.slice(0, SECTIONS_CONSIDERED).some((r) => r.section.id.startsWith(`${practiceId}.`)) &&
    asksInCorpusWords(askTerms(question), contentTerms(stats.titleOf(practiceId) ?? ""), stats)
  );
}

function askTerms(question: string): string[] {
  return [...new Set(contentTerms(askingClause(question)))];
}

/** Every word asked is one the corpus uses, or the start of a word of the practice's name ("tech"). */
function asksInCorpusWords(asked: readonly string[], nameTerms: readonly string[], stats: CorpusStats): boolean {
  return asked.every((t) => stats.knows(t) || (t.length >= 4 && nameTerms.some((n) => n.startsWith(t))));
}

export function coverageProbability(features: CoverageFeatures, words: readonly string[], model: CoverageModel): number {
  let z = model.bias;
  // A feature the model was fitted without weighs nothing.
  for (const name of COVERAGE_FEATURES) z += (model.weights[name] ?? 0) * features[name];
  for (const word of words) z += model.words[word] ?? 0;
  return 1 / (1 + Math.exp(-z));
}

/**
 * A follow-up searched joined to the previous question (or topic), and the sections that are
 * parts of what the previous answer cited (related-sections.ts: partsOfTheSameThing).
 */
export interface FollowUpOf {
  followUp: string;
  previous: string;
  previousParts?: ReadonlySet<string>;
}

/** Which rule decided: the tuner fits the model only on the questions the model decides. */
export type CoverageRule = "whole-practice" | "named-dimension" | "follow-up" | "nothing-retrieved" | "asked-facts" | "model";

export interface CoverageDecision {
  covered: boolean;
  decidedBy: CoverageRule;
  evidence: CoverageEvidence;
}

/**
 * The coverage decision, the one function answer() and the tuner both call. A practice asked
 * about as a whole, or one dimension named and asked about alone, is covered by it; otherwise
 * assessCoverage's evidence decides.
 */
export function decideCoverage(input: {
  searched: string;
  terms: readonly string[];
  hits: readonly RetrievedSection[];
  stats: CorpusStats;
  whole?: { id: string };
  /** A dimension named by practice, side and letter, and asked about alone ("Practice 3 management dimension B"). */
  dimension?: { id: string };
  named?: { id: string };
  /** Sections a follow-up pointed at in the previous answer ("the second one", "tell me more"). */
  pointedAt?: readonly string[];
  /** A follow-up searched joined to the previous question: its facts are judged as a follow-up's. */
  followUpOf?: FollowUpOf;
  model?: CoverageModel;
}): CoverageDecision {
  const evidence = assessCoverage(input.searched, input.terms, input.hits, input.stats, { namedPracticeId: input.named?.id, model: input.model, followUpOf: input.followUpOf });
  // A practice or dimension named does not state who wrote it or when: a value asked of it
  // (a person, a date, an amount...) that no top section states is refused as for any question.
  // What it says and how many items it has, its sections show.
  const unstatedValue = evidence.facts.some((f) => f.statedBy === null && f.kind !== "contents" && f.kind !== "count");
  if ((input.whole || input.dimension) && unstatedValue) return { covered: false, decidedBy: "asked-facts", evidence };
  if (input.whole) return { covered: true, decidedBy: "whole-practice", evidence };
  if (input.dimension) return { covered: true, decidedBy: "named-dimension", evidence };
  // Nor does an item pointed at ("the second one, how much is it?") state a value it lacks.
  if (input.pointedAt?.length) return { covered: !unstatedValue, decidedBy: unstatedValue ? "asked-facts" : "follow-up", evidence };
  return { covered: evidence.covered, decidedBy: evidence.decidedBy, evidence };
}

export function assessCoverage(
  question: string,
  questionTerms: readonly string[],
  retrieved: readonly RetrievedSection[],
  stats: CorpusStats,
  options: { namedPracticeId?: string; model?: CoverageModel; followUpOf?: FollowUpOf } = {},
): CoverageEvidence {
  const model = options.model ?? DEFAULT_COVERAGE_MODEL;
  if (retrieved.length === 0 || questionTerms.length === 0)
    return { covered: false, decidedBy: "nothing-retrieved", probability: 0, features: coverageFeatures(question, questionTerms, retrieved, stats), facts: [] };
  // A follow-up is judged on the facts it asks, never again on those the previous question asked
  // ("What are its key recommendations?" after "Who asked ICMA to create the toolkit?").
  const asked = options.followUpOf ? (askedFactsInFollowUp(options.followUpOf.followUp, options.followUpOf.previous) ?? []) : askedFacts(question);
  const facts = asked.map((fact) => {
    // Of the top sections that state the fact, the one whose stating sentence names most of
    // what was asked; retrieval order breaks ties.
    let best: { section: RetrievedSection["section"]; sentence: string; strength: number } | undefined;
    for (const { section } of retrieved.slice(0, FACT_SECTIONS)) {
      // A part of what the previous answer was about states its facts whatever the previous
      // question's other words ("what's it cost?" after "how big are the breakout groups?").
      const judged = options.followUpOf?.previousParts?.has(section.id) ? { ...fact, about: undefined } : fact;
      if (!factReadings(section, stats).some(({ sectionTerms, titleTerms }) => statesFact(judged, section, sectionTerms, titleTerms))) continue;
      const stating = statingSentence(fact, section);
      if (stating && (!best || stating.strength > best.strength)) best = { section, ...stating };
    }
    return { kind: fact.kind, clause: fact.clause, statedBy: best?.section ?? null, sentence: best?.sentence ?? null };
  });
  const features = coverageFeatures(question, questionTerms, retrieved, stats, {
    namedPractice: options.namedPracticeId !== undefined && coveredByNamedPractice(question, retrieved, stats, options.namedPracticeId),
    namedPracticeNewWords: options.namedPracticeId !== undefined && askTerms(question).some((t) => !stats.knows(t)),
  });
  // A question for specific facts is decided by whether top sections state them: one that
  // none states is not covered however close the words, and one whose facts are all stated is
  // (the words of factual questions, "how long", "who teaches", are also those of most
  // near-misses, so the model would refuse both).
  if (facts.length > 0) {
    const covered = facts.every((f) => f.statedBy !== null);
    return { covered, decidedBy: "asked-facts", probability: covered ? 1 : 0, features, facts };
  }
  const probability = coverageProbability(features, questionWords(question), model);
  return { covered: probability >= model.threshold || (!options.followUpOf && everyAskCovered(question, retrieved, stats, model)), decidedBy: "model", probability, features, facts };
}

/**
 * A question of two or more asks ("what is the HR practice about in general, and is knowing
 * the bargaining process part of it?") reads to the model as one long question whose words no
 * single section holds; it is covered when each asking clause is, on the same sections. Each
 * must be: "...and what does the budgeting practice say about snow plows?" is still refused.
 */
function everyAskCovered(question: string, retrieved: readonly RetrievedSection[], stats: CorpusStats, model: CoverageModel): boolean {
  const asks = askingClauses(question).filter((clause) => contentTerms(clause).length > 0);
  if (asks.length < 2) return false;
  return asks.every((clause) => coverageProbability(coverageFeatures(clause, contentTerms(clause), retrieved, stats), questionWords(clause), model) >= model.threshold);
}
