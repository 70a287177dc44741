// The answer pipeline, built from parts it is given: the corpus, a retriever, the composer,
// the glossary and an optional generator. openPracticeGuide wires these from one index
// generation and swaps in a new answerer when a re-ingest activates a new one; a question
// runs start to finish on the answerer it began with.
import type { Logger } from "pino";
import type { CorpusStats } from "../../retrieval/text/corpus-stats.js";
import type { GlossaryIndex } from "../../retrieval/glossary-lookup.js";
import type { RetrievalResult, RetrievedSection, Retriever } from "../../retrieval/retrieve-sections.js";
import { contentTerms } from "../../retrieval/text/text-terms.js";
import { asksWhichPractice, findNamedDimension, findWholePractice, namedPractice, practiceWithDimensions, preferPractice } from "../../retrieval/whole-practice.js";
import type { Section } from "../../corpus/section.js";
import { PRACTICE_GROUPS_ID, familyOf, parseDimensionId } from "../../corpus/id-scheme.js";
import type { Answer, AnswerFn, AnswerOptions, FallbackReason, RefusalKind } from "./answer-types.js";
import { nonexistentItemReply, outOfRoleReply, refusalText, type NonexistentItem } from "./wording.js";
import { missingListedItem } from "./listed-items.js";
import { missingNumberedItem, namedRecommendations } from "./numbered-items.js";
import { glossaryEntriesFor, partsOfTheSameThing, workshopsTiedTo } from "./related-sections.js";
import { glossaryEntryAsked, missingNamedThing } from "./unknown-names.js";
import { smallTalk, type SmallTalk } from "./small-talk.js";
import { asksAboutTheAssistant } from "./about-the-assistant.js";
import { outOfRole, type OutOfRole } from "./out-of-role.js";
import type { ExtractiveComposer, ComposedAnswer } from "./compose-extractive.js";
import { askedFacts, askingClause, askingClauses, questionClauses } from "./asked-facts.js";
import { assessCoverage, decideCoverage, DEFAULT_COVERAGE_MODEL, type CoverageDecision } from "./coverage.js";
import {
  COMPARED_FOLLOW_UP_WORDS,
  followUpPracticeSide,
  glossaryFollowUpTerm,
  previousGlossaryEntry,
  previousFirstSection,
  previousFirstTitle,
  aboutPrevious,
  joinedWithPrevious,
  leansOnPrevious,
  makeStandaloneByRule,
  moreFromPrevious,
  itemBeside,
  practiceOfPrevious,
  nthDimensionOfPrevious,
  pointedAtCitation,
  pointedAtListItem,
  previousQuestion,
  previousPractice,
  previousCitedIds,
  reasonForPrevious,
  groupOfPrevious,
  pointedAtPracticeListed,
  sideAskedFor,
  sideNamed,
  glossaryEntryFollowedUp,
  entryUsesAsked,
  relatedAsked,
  pointsBackAtPractice,
  partAskedFor,
  otherPartAskedFor,
  termAskedAfterEntry,
  type PracticeSide,
} from "./follow-up.js";
import { checkQuestion } from "./question-input.js";
import { GeneratorError } from "./generation/generator-errors.js";
import type { Generator } from "./generation/generator.js";
import { reconcileGenerated } from "./generation/reconcile-generated.js";
import { verifyCitations } from "./verify-citations.js";
import { newTopicFirst } from "./new-topic-first.js";
import { complementarySections } from "./complementary-sections.js";

export interface AnswererParts {
  config: { maxQuestionChars: number };
  logger: Logger;
  sections: ReadonlyMap<string, Section>;
  retriever: Retriever;
  stats: CorpusStats;
  composer: ExtractiveComposer;
  glossary: GlossaryIndex;
  generator: Generator | null;
}

/** Sections handed to the generator: enough to synthesise across, few enough to stay fast. */
const GENERATION_SECTIONS = 6;

const RETRIEVE_LIMIT = 8;
/** With a model configured, coverage-model refusals above this share of the threshold go to the model to judge. */
const LLM_JUDGES_ABOVE = 0.5;

/**
 * Where the pipeline stopped deciding, as answer() runs it: the tuner fits the coverage
 * model on exactly these decisions, so it is fitted on the pipeline that runs.
 */
export type Decision =
  | { step: "check-input"; reply: string }
  | { step: "small-talk"; talk: SmallTalk }
  | { step: "about-the-assistant" }
  | { step: "out-of-role"; kind: OutOfRole }
  | { step: "glossary"; entries: Section[] }
  | { step: "nonexistent-item"; item: NonexistentItem }
  | ({ step: "coverage" } & Interpretation & { coverage: CoverageDecision });

/** What the retrieved sections mean for the question (before the coverage decision). */
interface Interpretation {
  /** The question made standalone from earlier turns (the asked one when there are none). */
  standalone: string;
  /** The question as searched (typos corrected). */
  searched: string;
  terms: string[];
  hits: RetrievedSection[];
  queryVector: number[] | null;
  /** A practice asked about as a whole (or the other side of the previous answer's practice). */
  whole?: Section;
  side?: PracticeSide;
  /** A practice the question names, answered from first when it is what is finally asked. */
  named?: Section;
  /** One dimension the question names by practice, side and letter, asked about alone. */
  dimension?: Section;
  /** "tell me more": the quotes the previous answer showed, not to be shown again. */
  shown?: string[];
  /** How many toolkit recommendations the question names by number, answered from them alone. */
  recommendationsNamed?: number;
  /** "Which practice is that under?": the practice, answered by its name and definition. */
  itsPractice?: Section;
}

export interface Answerer {
  answer: AnswerFn;
  /** Runs the pipeline up to and including the coverage decision, without composing. */
  decide(question: string, options?: AnswerOptions): Promise<Decision>;
}

/** The one answer() every surface calls, over the parts of one index generation. */
export function createAnswerer(parts: AnswererParts): Answerer {
  const { config, logger, sections, retriever, stats, composer, glossary, generator } = parts;

  // --- The steps, in the order they run ---

  /** check input → small talk → about the assistant → out of role → glossary → items that don't exist → follow-up → retrieve → interpret → decide coverage */
  async function decide(rawQuestion: string, options: AnswerOptions = {}): Promise<Decision> {
    const checked = checkQuestion(rawQuestion, config.maxQuestionChars);
    if (!checked.ok) return { step: "check-input", reply: checked.reply };
    // One name per state of the question: raw as typed, asked (cleaned), standalone (with the
    // earlier turns), searched (typos corrected, in the interpretation).
    const asked = checked.question;
    const history = options.history ?? [];
    const talk = smallTalk(asked);
    if (talk) return { step: "small-talk", talk };
    if (asksAboutTheAssistant(asked)) return { step: "about-the-assistant" };
    const role = outOfRole(asked);
    if (role) return { step: "out-of-role", kind: role };
    const entries = lookUpGlossary(asked, options.kinds);
    if (entries.length > 0) return { step: "glossary", entries };
    const followedEntry = glossaryAllowed(options.kinds) ? glossaryFollowUp(asked, history) : [];
    if (followedEntry.length > 0) return { step: "glossary", entries: followedEntry };
    const inGlossary = glossaryAllowed(options.kinds) ? glossaryEntryAsked(asked, sections, stats) : null;
    if (inGlossary && "entry" in inGlossary) return { step: "glossary", entries: [inGlossary.entry] };
    const practiceInContext = history.length > 0 && leansOnPrevious(asked) ? Number(previousPractice(history)?.split(".")[1]) || undefined : undefined;
    const missing = missingNumberedItem(asked, sections, practiceInContext) ?? (inGlossary && "missing" in inGlossary ? inGlossary.missing : null) ?? missingNamedThing(asked, sections, stats);
    if (missing) return { step: "nonexistent-item", item: missing };
    // "And the next one?" past the end of the list the previous answer was from.
    const besideMissing = itemBeside(asked, history, (id) => sections.has(id));
    if (besideMissing && "missing" in besideMissing) return { step: "nonexistent-item", item: besideMissing.missing };
    const pointed = pointedAtFollowUp(asked, history);
    const pointedAt = pointed?.sections;
    const standalone = pointed ? joinedWithPrevious(asked, history) : await resolveFollowUp(asked, history);
    const previous = previousQuestion(history);
    const previousParts = history.length > 0 ? partsOfTheSameThing(previousCitedIds(history), sections) : undefined;
    const decideFor = async (query: string, topic = previous) => {
      const interpretation = { ...interpret(asked, query, await retrieve(query, options.kinds), options, pointedAt), shown: pointed?.shown, itsPractice: pointed?.itsPractice ? sections.get(pointed.sections[0]!) : undefined };
      // Searched joined to the previous question (or topic), the follow-up's facts are judged as a follow-up's.
      const followUpOf = topic && (query === joinedWithPrevious(asked, history) || topic !== previous) ? { followUp: asked, previous: topic, previousParts } : undefined;
      return { step: "coverage" as const, ...interpretation, coverage: decideCoverage({ ...interpretation, stats, pointedAt, followUpOf }) };
    };
    const decision = await decideFor(standalone);
    // An item numbered past the end of a list is told apart once the list is found.
    const listed = missingListedItem(asked, decision.hits.map((h) => h.section), sections, stats);
    if (listed) return { step: "nonexistent-item", item: listed };
    // A short follow-up searched on its own may still continue the previous turn: when only
    // the search joined to the previous question is covered, that is what was asked.
    const short = asked.split(/\s+/).length <= COMPARED_FOLLOW_UP_WORDS;
    if (!decision.coverage.covered && history.length > 0 && standalone === asked && short) {
      const joined = await decideFor(joinedWithPrevious(asked, history));
      if (joined.coverage.covered) return joined;
    }
    // A follow-up asking a fact ("how much is it if I'm a member?") that neither search finds
    // stated, after a question whose scene drowned its subject, is searched with the topic the
    // previous answer began with: the title of its first section. The fact must then be stated
    // about that topic (by half its words), so this answers only what the sources state of it.
    const topic = previousFirstTitle(history);
    if (!decision.coverage.covered && topic && decision.coverage.decidedBy === "asked-facts" && askedFacts(asked, true).length > 0) {
      const onTopic = await decideFor(`${asked} (${topic})`, topic);
      if (onTopic.coverage.covered && onTopic.coverage.decidedBy === "asked-facts") return onTopic;
    }
    return decision;
  }

  /** Sections of the previous answer a follow-up points at: an ordinal item, or "tell me more" (with the quotes already shown). */
  function pointedAtFollowUp(asked: string, history: NonNullable<AnswerOptions["history"]>): { sections: string[]; shown?: string[]; itsPractice?: boolean } | undefined {
    // "Is there a workshop tied to that practice?", "what does the glossary say about the first
    // of those?": what the corpus's own cross-references relate to the previous answer.
    const related = relatedAsked(asked, history, {
      workshopsOf: (practiceId) => workshopsTiedTo(practiceId, sections.values()).map((s) => s.id),
      entriesFor: (sectionId) => (sections.has(sectionId) ? glossaryEntriesFor(sections.get(sectionId)!, sections.values()).map((s) => s.id) : []),
    });
    if (related.length > 0) return { sections: related };
    // An item of a list written inline in the previous answer ("(4) Adopt Equitable
    // Compensation Practices") is the section named by it; else the nth list line or citation.
    const exists = (id: string) => sections.has(id);
    const group = groupOfPrevious(asked, history, PRACTICE_GROUPS_ID);
    if (group && sections.has(group)) return { sections: [group] };
    const practice = practiceOfPrevious(asked, history);
    if (practice && sections.has(practice)) return { sections: [practice], itsPractice: sections.get(practice)!.kind === "practice" };
    const besideItem = itemBeside(asked, history, exists);
    const beside = (besideItem && "id" in besideItem ? besideItem.id : undefined) ?? nthDimensionOfPrevious(asked, history, exists);
    if (beside) return { sections: [beside] };
    // "The first one you listed, what's that practice about?" after a workshop's practice groups.
    const practiceListed = pointedAtPracticeListed(asked, history, exists);
    if (practiceListed) return { sections: [practiceListed], itsPractice: true };
    const listed = pointedAtListItem(asked, history);
    // Named by its title or text, or a glossary term ("affinity groups" is the entry Affinity group).
    const named = listed && ([...sections.values()].find((section) => [section.title, section.title.replace(/^[^:]*:\s*/, ""), section.text].some((name) => sameWords(name, listed))) ?? glossary.resolveTerm(listed)?.section);
    if (named) return { sections: [named.id] };
    const item = pointedAtCitation(asked, history);
    if (item && sections.has(item)) return { sections: [item] };
    // "The sixth one?" after an answer that began with a dimension and has no sixth item.
    const nth = nthDimensionOfPrevious(asked, history, exists, true);
    if (nth) return { sections: [nth] };
    const about = aboutPrevious(asked, history) ?? reasonForPrevious(asked, history);
    if (about && sections.has(about)) return { sections: [about] };
    // "How does that play out when we're hiring?" after a glossary answer: that entry.
    const entry = leansOnPrevious(asked) ? glossaryEntryFollowedUp(asked, history) : undefined;
    if (entry && sections.has(entry)) return { sections: [entry] };
    const more = moreFromPrevious(asked, history);
    return more && { sections: more.sections.filter((id) => sections.has(id)), shown: more.shown };
  }

  /**
   * After a glossary answer, "And explicit?" or "how's that different from structural racism?"
   * asks for another entry (the term alone, or with the previous term's last word: "explicit
   * bias"), compared with the previous one when the follow-up compares.
   */
  function glossaryFollowUp(asked: string, history: NonNullable<AnswerOptions["history"]>): Section[] {
    // After an answer about the glossary itself, "does it cover allyship?" asks for that entry.
    const aboutGlossary = previousFirstSection(history) === "toolkit.glossary";
    const previousId = previousGlossaryEntry(history) ?? (aboutGlossary ? "toolkit.glossary" : undefined);
    const asking = previousId && glossaryFollowUpTerm(asked);
    if (!previousId || !asking || (aboutGlossary && asking.compare)) return [];
    const previous = sections.get(previousId);
    const head = previous?.title.trim().split(/\s+/).at(-1) ?? "";
    const found = glossary.resolveTerm(asking.term) ?? glossary.resolveTerm(`${asking.term} ${head}`);
    if (!found || !previous || found.section.id === previous.id) return [];
    return asking.compare ? [previous, found.section] : [found.section];
  }

  function glossaryAllowed(kinds: AnswerOptions["kinds"]): boolean {
    return !kinds || kinds.includes("glossary");
  }

  function lookUpGlossary(question: string, kinds: AnswerOptions["kinds"]): Section[] {
    if (!glossaryAllowed(kinds)) return [];
    return glossary.lookupQuestion(question).map((m) => m.section);
  }

  async function retrieve(question: string, kinds: AnswerOptions["kinds"]): Promise<RetrievalResult> {
    return retriever.search(question, { kinds, limit: RETRIEVE_LIMIT, focus: askingClause(question) });
  }

  function interpret(
    asked: string,
    standalone: string,
    { sections: retrievedHits, query: searched, queryVector }: RetrievalResult,
    options: AnswerOptions,
    pointedAt?: readonly string[],
  ): Interpretation {
    // Judged and composed from the question as searched, with its typos corrected.
    const terms = contentTerms(searched);
    const kinds = options.kinds;
    // A question that names a practice as a whole, or asks for the other side of the practice
    // the previous answer came from, is covered by that practice.
    const sideFollowUp = followUpPracticeSide(asked, options.history);
    const whole =
      !kinds || kinds.includes("dimension")
        ? sideFollowUp
          ? sections.get(sideFollowUp.practiceId)
          : findWholePractice(standalone, sections)
        : undefined;
    // A question that names a practice is covered when it finds that practice, and answered
    // from it first when it is the practice the question finally asks about.
    // A follow-up naming a practice of its own ("is there something like that in the community
    // engagement practice?") asks about that one, not the practice its joined search repeats.
    const namedByFollowUp = whole || !options.history?.length || pointsBackAtPractice(asked) ? undefined : namedPractice(asked, sections);
    const named = whole ? undefined : (namedByFollowUp ?? namedPractice(standalone, sections));
    // Within a practice, the side a question asks for ("the management side") comes first.
    const sideAsked = sideNamed(asked);
    const namedAsked = named !== undefined && (namedByFollowUp !== undefined || pointsBackAtPractice(asked) || namedPractice(askingClause(searched), sections)?.id === named.id);
    let hits = namedAsked ? preferPractice(retrievedHits, named.id, sideAsked) : retrievedHits;
    // A follow-up that leans on an answer drawn from one practice narrows within it (the
    // practice its joined search names is the previous question's, so that does not stop it).
    const within = options.history?.length && leansOnPrevious(asked) ? previousPractice(options.history) : undefined;
    if (within && !namedAsked) hits = preferPractice(hits, within, sideAsked);
    // "Is there an ICMA program that trains managers on that?": that part's sections first.
    const part = namedAsked ? undefined : partAskedFor(asked);
    if (part) hits = [...hits.filter((h) => h.section.id.startsWith(part)), ...hits.filter((h) => !h.section.id.startsWith(part))];
    // "Which of the practices talks about groups like that?" after a glossary entry: that part's
    // best section first. Only that one moves; the rest keep their ranks (moving them all pushed
    // the right section out of the top five when the follow-up named a part but asked of another).
    const otherPart = options.history?.length && !namedAsked && !part ? otherPartAskedFor(asked, options.history) : undefined;
    const bestOfPart = otherPart ? hits.find((h) => h.section.id.startsWith(otherPart)) : undefined;
    if (bestOfPart) hits = pinFirst(hits, [bestOfPart.section.id]);
    // "Is there a name for that?" after a glossary entry asks for another entry.
    const shownEntry = options.history?.length ? termAskedAfterEntry(asked, options.history) : undefined;
    const nextEntry = shownEntry && hits[0]?.section.id === shownEntry ? hits.find((h) => h.section.kind === "glossary" && h.section.id !== shownEntry) : undefined;
    if (nextEntry) hits = pinFirst(hits, [nextEntry.section.id]);
    // Asked whether ICMA has a program for it, the program itself answers (its overview), not one of its parts.
    const program = (part ?? otherPart) === "programs." && hits[0] ? familyOf(hits[0].section.id) : undefined;
    if (program && program !== hits[0]?.section.id) hits = pinFirst(hits, [program]);
    // A short follow-up to a glossary answer ("give me an example", "what does the I stand
    // for?") is about that entry unless it names another part of the corpus.
    const entry = options.history?.length && !within && !namedAsked ? glossaryEntryFollowedUp(asked, options.history) : undefined;
    // "Which practice talks about that?" after one: where the sources use the term, first.
    const uses = options.history?.length && !namedAsked ? entryUsesAsked(asked, options.history, (id) => sections.get(id)?.seeAlso ?? []) : [];
    hits = pinFirst(hits, entry ? [entry] : uses);
    // A follow-up asking something new is answered from the section that holds its new words,
    // not again from the one the previous answer came from (new-topic-first.ts).
    const previousAsked = options.history?.length ? previousQuestion(options.history) : undefined;
    if (previousAsked && !entry && uses.length === 0) hits = [...newTopicFirst(hits, asked, { question: previousAsked, citedIds: previousCitedIds(options.history) }, stats)];
    // A recommendation named by its number is answered from first (the follow-up's own number, not one its joined search repeats).
    const recommendations = pointedAt?.length ? [] : namedRecommendations(asked, sections);
    hits = pinFirst(hits, recommendations.map((r) => r.id));
    // Sections a follow-up pointed at come first, in the order it named them.
    if (pointedAt?.length) {
      const pointed = pointedAt.map((id, i) => ({ section: sections.get(id)!, score: 1 / (1 + i), similarity: null, bm25: null }));
      hits = [...pointed, ...hits.filter((h) => !pointedAt.includes(h.section.id))];
    }
    // A dimension named by its letter ("Practice 3 management dimension B", or "and management
    // E?" after an answer from Practice 12) is answered from first, and covered when asked alone.
    const lettered =
      !kinds || kinds.includes("dimension")
        ? // The follow-up's own letter first: joined, "...Practice 12 leadership dimension B? And management E?" names B first.
          // A follow-up that pointed at a dimension ("the one right after it") is not about the letter its joined search repeats.
          // Nor is a follow-up joined to the previous question by rule about the letter that question named.
          findNamedDimension(asked, sections, options.history?.length ? previousPractice(options.history) : undefined) ??
          (pointedAt?.length || (options.history?.length && standalone === joinedWithPrevious(asked, options.history)) ? undefined : findNamedDimension(standalone, sections))
        : undefined;
    if (lettered) hits = [{ section: lettered.section, score: 1, similarity: null, bm25: null }, ...hits.filter((h) => h.section.id !== lettered.section.id)];
    const side = sideFollowUp?.side ?? sideAskedFor(standalone);
    if (lettered) return { standalone, searched, terms, hits, queryVector, side, named, dimension: lettered.alone ? lettered.section : undefined };
    return { standalone, searched, terms, hits, queryVector, whole: pointedAt?.length ? undefined : whole, side, named, recommendationsNamed: recommendations.length || undefined };
  }

  /** The sections named first, in that order (as retrieved when they were, else found by rule), then the other hits. */
  function pinFirst(hits: RetrievedSection[], ids: readonly string[]): RetrievedSection[] {
    const known = ids.filter((id) => sections.has(id));
    if (known.length === 0) return hits;
    const found = new Map(hits.map((h) => [h.section.id, h]));
    const pinned = known.map((id) => found.get(id) ?? { section: sections.get(id)!, score: 1, similarity: null, bm25: null });
    return [...pinned, ...hits.filter((h) => !known.includes(h.section.id))];
  }

  /** compose → generate or fall back → verify */
  async function answer(rawQuestion: string, answerOptions: AnswerOptions = {}): Promise<Answer> {
    const started = performance.now();
    const elapsed = () => round1(performance.now() - started);
    let retrieveMs = 0;
    const reply = (status: Answer["status"], body: Pick<Answer, "text" | "citations" | "retrieved">, extra: Partial<Answer> = {}): Answer => ({
      question: rawQuestion,
      status,
      mode: "extractive",
      ...body,
      timingsMs: { retrieve: retrieveMs, total: elapsed() },
      ...extra,
    });
    const refusal = (kind: RefusalKind, retrieved: Answer["retrieved"] = [], unstatedFact = false, extra: Partial<Answer> = {}) =>
      reply("refused", { text: refusalText(unstatedFact), citations: [], retrieved }, { refusal: kind, ...extra });

    const decision = await decide(rawQuestion, answerOptions);
    retrieveMs = elapsed();
    if (decision.step === "check-input") return reply("invalid", { text: decision.reply, citations: [], retrieved: [] });
    if (decision.step === "small-talk") return reply("invalid", { text: decision.talk.reply, citations: [], retrieved: [] });
    if (decision.step === "about-the-assistant") return refusal("about-the-assistant");
    if (decision.step === "out-of-role") return reply("refused", { text: outOfRoleReply(decision.kind), citations: [], retrieved: [] }, { refusal: "out-of-role" });
    if (decision.step === "nonexistent-item") return reply("refused", { text: nonexistentItemReply(decision.item), citations: [], retrieved: [] }, { refusal: "nonexistent-item" });
    if (decision.step === "glossary") {
      const ids = [...new Set([...decision.entries.map((e) => e.id), ...decision.entries.flatMap((e) => e.seeAlso ?? [])])];
      return verified(composer.composeGlossary(decision.entries, sections), ranked(ids));
    }

    const { standalone, searched, terms, hits, queryVector, whole, side, coverage } = decision;
    const { evidence } = coverage;
    const facts = evidence.facts.map((f) => ({ kind: f.kind, clause: f.clause, statedBy: f.statedBy?.id ?? null }));
    logger.debug({ question: standalone, ...evidence, facts, decidedBy: coverage.decidedBy, top: hits[0]?.section.id, whole: whole?.id }, "coverage decision");
    // With a model configured, a question the coverage model is unsure of is the model's to
    // judge on the retrieved sections; a clear miss, or a rule's refusal, is refused here.
    const modelJudges = generator !== null && !coverage.covered && coverage.decidedBy === "model" && evidence.probability >= LLM_JUDGES_ABOVE * DEFAULT_COVERAGE_MODEL.threshold;
    if (!coverage.covered && !modelJudges) return refusal(refusalKindOf(coverage), hits.map(toRetrieved), evidence.facts.length > 0);

    let composed: ComposedAnswer;
    let retrieved: Answer["retrieved"];
    if (decision.itsPractice) {
      composed = composer.composeWholePractice([decision.itsPractice]);
      retrieved = hits.map(toRetrieved);
    } else if (whole) {
      const parts = practiceWithDimensions(whole, sections.values());
      composed = composer.composeWholePractice(parts, side);
      const partIds = new Set(parts.map((p) => p.id));
      retrieved = [...ranked([...partIds]), ...hits.filter((h) => !partIds.has(h.section.id)).map(toRetrieved)];
    } else {
      const statedFacts = evidence.facts.flatMap((f) => (f.statedBy && f.sentence ? [{ section: f.statedBy, sentence: f.sentence }] : []));
      const clauses = questionClauses(searched).map(contentTerms);
      // A follow-on section is quoted only when it would answer the question on its own: the
      // coverage decision, on that one section (issue: padding from sections half as good).
      // A dimension asked about alone is answered from it alone, and recommendations named by number from them.
      const answering = decision.dimension
        ? hits.slice(0, 1)
        : decision.recommendationsNamed
          ? hits.slice(0, decision.recommendationsNamed)
          : decision.shown || decision.coverage.decidedBy !== "model"
            ? hits
            : hits.filter((hit, i) => i === 0 || answersAlone(searched, terms, hit));
      // Asked which practice, an answer led by one of its dimensions names that practice first.
      const dimensionLed = parseDimensionId(answering[0]?.section.id ?? "");
      const practiceAsked = dimensionLed && asksWhichPractice(askingClause(searched)) ? sections.get(dimensionLed.practiceId) : undefined;
      // A question asking two things ("what is the HR practice about, and is bargaining part
      // of it?") also gets the sections answering the clauses its best section leaves unanswered.
      // A follow-up's asks are read from its own words: its joined search repeats the previous
      // question, whose asks the previous answer already met. Not one asking a stated fact.
      const asksAnew = !decision.dimension && !decision.recommendationsNamed && !decision.shown && statedFacts.length === 0;
      const ownAsks = answerOptions.history?.length ? rawQuestion.trim() : searched;
      const lookedUp = asksAnew ? askingClauses(ownAsks).flatMap((c) => lookUpGlossary(c, answerOptions.kinds).slice(0, 1)) : [];
      const complements = asksAnew && answering[0] ? complementarySections(ownAsks, answering[0].section, hits.map((h) => h.section), lookedUp, sections.values(), stats) : [];
      composed = composer.compose({ terms, clauses, vector: queryVector, shown: decision.shown && new Set(decision.shown) }, answering, statedFacts, practiceAsked, complements);
      retrieved = hits.map(toRetrieved);
    }

    let fallback: Pick<Answer, "fallback"> = {};
    if (generator) {
      const context = retrieved.slice(0, GENERATION_SECTIONS).map((r) => sections.get(r.sectionId)!);
      const generateStarted = performance.now();
      const generated = await generateVerified(generator, standalone, context, answerOptions.onText);
      const timingsMs = () => ({ retrieve: retrieveMs, generate: round1(performance.now() - generateStarted), total: elapsed() });
      // The model's own verdict that the sections do not answer it is a refusal, not a fallback.
      if (generated === "not-covered")
        return reply("refused", { text: refusalText(), citations: [], retrieved }, { mode: "generated", refusal: "model-not-covered", timingsMs: timingsMs() });
      if ("fallback" in generated) fallback = generated;
      else return reply("answered", { ...generated, retrieved }, { mode: "generated", timingsMs: timingsMs() });
    }
    // The extractive decision stands when generation failed; the answer says why it fell back.
    if (!coverage.covered) return refusal(refusalKindOf(coverage), hits.map(toRetrieved), evidence.facts.length > 0, fallback);
    return verified(composed, retrieved, fallback);

    function verified(candidate: ComposedAnswer, retrievedList: Answer["retrieved"], extra: Partial<Answer> = {}): Answer {
      const check = verifyCitations(candidate, sections);
      if (check.ok) return reply("answered", { ...candidate, retrieved: retrievedList }, extra);
      // Extractive quotes are cut from the sections themselves, so this is a bug, not bad input.
      logger.error({ problems: check.problems }, "An extractive citation failed verification; refusing rather than showing it.");
      return refusal("citation-unverified", retrievedList, false, extra);
    }
  }

  function answersAlone(question: string, terms: readonly string[], hit: RetrievedSection): boolean {
    return assessCoverage(question, terms, [hit], stats).covered;
  }

  /** The question made standalone from earlier turns: by the model when configured, else by rule. */
  async function resolveFollowUp(question: string, history: NonNullable<AnswerOptions["history"]>): Promise<string> {
    if (history.length === 0) return question;
    if (generator) {
      try {
        return await generator.rewriteStandalone(question, history.map((t) => ({ question: t.question, answerText: t.answer?.text })));
      } catch (error) {
        logger.warn({ generator: generator.name, reason: reasonOf(error), fallback: "rule" }, "Follow-up rewrite failed; using the built-in rule.");
      }
    }
    return makeStandaloneByRule(question, history);
  }

  /**
   * A generated answer with only verified citations; "not-covered" when the model judged the
   * sections do not answer the question; or why (logged) it falls back to extractive.
   */
  async function generateVerified(gen: Generator, question: string, context: Section[], onText?: (delta: string) => void) {
    const started = performance.now();
    const fellBack = (reason: FallbackReason, extra: Record<string, unknown> = {}): { fallback: FallbackReason } => {
      logger.warn(
        { generator: gen.name, reason, fallback: "extractive", generateMs: Math.round(performance.now() - started), ...extra },
        "generation fell back to extractive",
      );
      return { fallback: reason };
    };
    try {
      const candidate = await gen.generate({ question, sections: context.map(({ id, title, text }) => ({ id, title, text })) }, { onText });
      const reconciled = reconcileGenerated(candidate, new Map(context.map((s) => [s.id, s])));
      if (!candidate.covered) {
        logger.info({ generator: gen.name, generateMs: Math.round(performance.now() - started) }, "the model judged the sources do not answer the question; refusing");
        return "not-covered" as const;
      }
      if (!reconciled) {
        const dropped: Record<string, number> = {};
        for (const d of reconcileDropped(candidate, context)) dropped[d] = (dropped[d] ?? 0) + 1;
        return fellBack("nothing-verified", { dropped });
      }
      return { text: reconciled.text, citations: reconciled.citations };
    } catch (error) {
      return fellBack(reasonOf(error));
    }
  }

  return { answer, decide };
}

function reasonOf(error: unknown): FallbackReason {
  return error instanceof GeneratorError ? error.reason : "unexpected-error";
}

/** The refusal kind of a coverage decision that did not cover the question. */
function refusalKindOf(coverage: CoverageDecision): RefusalKind {
  if (coverage.decidedBy === "nothing-retrieved") return "nothing-retrieved";
  if (coverage.decidedBy === "asked-facts") return "unstated-fact";
  // Refused by the model with a practice named and asked about in a word the corpus never uses.
  if (coverage.evidence.features.namedPracticeNewWords === 1) return "not-in-named-practice";
  return "out-of-scope";
}

/** Why each citation of a candidate that verified nothing was dropped (for the log line). */
function reconcileDropped(candidate: Parameters<typeof reconcileGenerated>[0], context: Section[]): string[] {
  const check = verifyCitations(candidate, context);
  return check.problems.map((p) => p.problem);
}

/** The same words, whatever the case and punctuation ("Adopt Equitable Compensation Practices"). */
function sameWords(a: string, b: string): boolean {
  const words = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, " ").trim();
  return words(a) === words(b);
}

function round(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}

function round1(ms: number): number {
  return Math.round(ms * 10) / 10;
}

/** Sections chosen by rule (glossary lookups, whole practices), scored by their order. */
function ranked(ids: readonly string[]): Answer["retrieved"] {
  return ids.map((sectionId, i) => ({ sectionId, score: round(1 / (1 + i)) }));
}

function toRetrieved(hit: RetrievedSection): { sectionId: string; score: number } {
  return { sectionId: hit.section.id, score: round(hit.score) };
}
