// The bot core, opened once per process: the index, the model and the corpus stored with
// the index, and one answer() for every surface. A reader never writes the index, except to
// build it on a first run when there is none. It re-reads the index pointer every few
// seconds (INDEX_REFRESH_SECONDS) and, when a re-ingest has activated a new generation,
// switches to it between questions, corpus included; a question in flight finishes on the
// generation it started with, which the writer keeps for a grace period. A serving process
// answers in worker threads (answer-pool.ts), each with a guide of its own opened here; its
// main thread opens only an index view (openIndexView: the sections and glossary, following
// re-ingests the same way) for /healthz and the surfaces' own lookups. With ANSWER_WORKERS=0
// a serving process answers here, one answer per event-loop turn.
import { setTimeout as sleep } from "node:timers/promises";
import type { Config } from "../platform/config.js";
import type { Logger } from "../platform/logger.js";
import { corpusHash, embedderIdentity } from "../../retrieval/index/build-index.js";
import { CorpusStats } from "../../retrieval/text/corpus-stats.js";
import type { Embedder } from "../../retrieval/embedder.js";
import { answerTurns } from "./answer-turns.js";
import { createEmbedder } from "./create-embedder.js";
import { GlossaryIndex } from "../../retrieval/glossary-lookup.js";
import { IngestLockedError } from "../../retrieval/index/ingest-lock.js";
import { ingestSections, waitForRunningIngest } from "../../retrieval/index/ingest-sections.js";
import { IndexDamagedError, LanceStore, type IndexSnapshot, type IndexState } from "../../retrieval/index/lance-store.js";
import { SpellingCorrector } from "../../retrieval/spelling.js";
import { DEFAULT_FUSION, SectionRetriever } from "../../retrieval/retrieve-sections.js";
import { CorpusError, loadCorpus } from "../../corpus/load-corpus.js";
import type { Section } from "../../corpus/section.js";
import type { AnswerFn, PracticeGuide } from "../core/answer-types.js";
import { createAnswerer, type Answerer } from "../core/answerer.js";
import { ExtractiveComposer } from "../core/compose-extractive.js";
import type { Generator } from "../core/generation/generator.js";
import { OpenAIGenerator } from "../core/generation/openai-generator.js";
import { createOpenAIClient } from "../platform/openai-client.js";

export interface OpenGuideOptions {
  /** Use this embedder instead of the configured one (tests inject counting or failing embedders); its caller closes it. */
  embedder?: Embedder | null;
  /**
   * A serving process answering on its main thread (ANSWER_WORKERS=0): answers start one per
   * event-loop turn, so a burst's requests are taken in and acked before answering starts.
   */
  serving?: boolean;
  /** Warn when the corpus files no longer match the index (default true; answer workers leave it to the main thread). */
  checkCorpus?: boolean;
  /** Use this generator instead of the configured one; null for extractive answers only. */
  generator?: Generator | null;
  /** Progress of a first-run build: (done, total) chunks embedded. */
  onBuildProgress?: (done: number, total: number) => void;
}

/** One index generation made ready to answer from. */
interface Generation {
  state: IndexState;
  answer: AnswerFn;
  decide: Answerer["decide"];
  sections: Map<string, Section>;
  glossary: GlossaryIndex;
}

/** The guide every surface uses, plus the pipeline's decision step for the tuner. */
export interface OpenedGuide extends PracticeGuide {
  decide: Answerer["decide"];
  /** The generation being answered from, for the server's /healthz. */
  index(): GuideIndexState;
  /** Tasks queued or running in each worker pool the guide runs, by pool ("embed"), read by /metrics at scrape time. */
  queueDepth(): Record<string, number>;
}

export interface GuideIndexState {
  /** The active generation's table, which changes with each activated re-ingest. */
  generation: string;
  builtAt: string;
  sections: number;
  /** Embedder identity of the stored vectors; null for a full-text index. */
  embedder: string | null;
  /** Why a newly activated generation could not be switched to, while it cannot. */
  problem?: string;
}

export async function openPracticeGuide(config: Config, logger: Logger, options: OpenGuideOptions = {}): Promise<OpenedGuide> {
  const store = await LanceStore.open(config.lancedb);
  const ownsEmbedder = options.embedder === undefined;
  const embedder = options.embedder !== undefined ? options.embedder : await createEmbedder(config, logger);
  const generator = options.generator !== undefined ? options.generator : config.llm ? new OpenAIGenerator(createOpenAIClient(config.llm), config.llm) : null;
  if (generator) logger.info({ generator: generator.name }, "Generated answers are on; every citation is verified before it is shown.");

  let snapshot: IndexSnapshot;
  try {
    snapshot = await openOrBuildIndex(config, logger, store, embedder, options.onBuildProgress);
  } catch (error) {
    store.close();
    if (ownsEmbedder) await embedder?.close?.();
    throw error;
  }
  if (options.checkCorpus !== false) warnIfCorpusMovedOn(config.corpusDir, snapshot.state, logger);
  const generations = followGenerations(config, logger, store, await prepareGeneration(snapshot), prepareGeneration);

  async function prepareGeneration(next: IndexSnapshot): Promise<Generation> {
    const { state, index } = next;
    const sectionList = next.sections;
    const sections = new Map(sectionList.map((s) => [s.id, s]));
    // Query vectors must come from the model that embedded the index; a reader never
    // re-embeds the index to suit its own configuration.
    const compatible = state.embedder !== null && embedderIdentity(embedder) === state.embedder;
    if (state.embedder !== null && !compatible)
      logger.warn(
        { index: state.embedder, configured: embedderIdentity(embedder) },
        `The index was embedded with ${state.embedder}, but the configured embedder is ${embedderIdentity(embedder) ?? "not loaded"}: answering with full-text search only. The stored vectors are left alone; run \`npm run ingest\` to re-embed with the configured embedder.`,
      );
    const stats = new CorpusStats(sectionList);
    const retriever = new SectionRetriever(index, compatible ? embedder : null, sections, new SpellingCorrector(sectionList), DEFAULT_FUSION, { stats });
    if (!retriever.hybrid && state.embedder === null)
      logger.warn("Answering with full-text search only (the index has no vectors): paraphrased questions may be refused more often.");
    const glossary = new GlossaryIndex(sectionList);
    const composer = new ExtractiveComposer(stats, compatible ? await index.readUnitVectors() : []);
    const { answer, decide } = createAnswerer({ config, logger, sections, retriever, stats, composer, glossary, generator });
    return { state, answer, decide, sections, glossary };
  }

  const nextTurn = options.serving ? answerTurns() : null;

  return {
    async answer(question, answerOptions) {
      if (nextTurn) await nextTurn();
      const generation = generations.current();
      try {
        return await generation.answer(question, answerOptions);
      } catch (error) {
        // A reader that has not yet noticed a switch can find its generation dropped (only
        // after the grace period, or by hand): switch and answer once more.
        if (await generations.refresh()) return generations.current().answer(question, answerOptions);
        throw error;
      }
    },
    decide: (question, answerOptions) => generations.current().decide(question, answerOptions),
    index: () => generations.health(),
    queueDepth: (): Record<string, number> => (embedder?.queueDepth ? { embed: embedder.queueDepth() } : {}),
    getSection: (id: string): Section | undefined => generations.current().sections.get(id),
    searchGlossary: (query: string, limit?: number) => generations.current().glossary.search(query, limit),
    async close() {
      await generations.stop();
      store.close();
      if (ownsEmbedder) await embedder?.close?.();
    },
  };
}

/** What a serving process's main thread keeps of the guide: no model, no answerer. */
export interface IndexView {
  index(): GuideIndexState;
  getSection(id: string): Section | undefined;
  searchGlossary(query: string, limit?: number): Section[];
  close(): Promise<void>;
}

/** One generation's sections and glossary, for the main thread of a serving process. */
interface LookupGeneration {
  state: IndexState;
  sections: Map<string, Section>;
  glossary: GlossaryIndex;
}

/**
 * The index for a serving process's main thread, which answers nothing itself: the active
 * generation's sections and glossary (what /healthz and the surfaces' own lookups read),
 * following re-ingests as openPracticeGuide does. It loads no model, except to build the index
 * on a first run when there is none (then the embedder the config asks for, in worker threads,
 * closed once the build is done), and it does the one check of the corpus files against the index.
 */
export async function openIndexView(config: Config, logger: Logger, options: Pick<OpenGuideOptions, "onBuildProgress"> = {}): Promise<IndexView> {
  const store = await LanceStore.open(config.lancedb);
  let snapshot: IndexSnapshot | null;
  try {
    snapshot = await store.openActiveSnapshot();
    if (!snapshot) {
      // On object storage a reader builds nothing (it waits for the ingest job): no model to load.
      const embedder = store.location.kind === "remote" ? null : await createEmbedder(config, logger, { offMainThread: true });
      try {
        snapshot = await openOrBuildIndex(config, logger, store, embedder, options.onBuildProgress);
      } finally {
        await embedder?.close?.();
      }
    }
  } catch (error) {
    store.close();
    throw error;
  }
  warnIfCorpusMovedOn(config.corpusDir, snapshot.state, logger);
  const prepare = async ({ state, sections }: IndexSnapshot): Promise<LookupGeneration> => ({
    state,
    sections: new Map(sections.map((s) => [s.id, s])),
    glossary: new GlossaryIndex(sections),
  });
  const generations = followGenerations(config, logger, store, await prepare(snapshot), prepare);
  return {
    index: () => generations.health(),
    getSection: (id) => generations.current().sections.get(id),
    searchGlossary: (query, limit) => generations.current().glossary.search(query, limit),
    async close() {
      await generations.stop();
      store.close();
    },
  };
}

interface Generations<G> {
  current(): G;
  /** Switches to a newly activated generation; true when it did. Never throws. */
  refresh(): Promise<boolean>;
  health(): GuideIndexState;
  stop(): Promise<void>;
}

/**
 * Follows the index pointer: one small table read every INDEX_REFRESH_SECONDS, on disk or
 * object storage, and when a re-ingest has activated a new generation, `prepare` makes it
 * ready and it becomes current (between questions: a question in flight keeps the one it took).
 */
function followGenerations<G extends { state: IndexState; sections: Map<string, Section> }>(
  config: Config,
  logger: Logger,
  store: LanceStore,
  first: G,
  prepare: (next: IndexSnapshot) => Promise<G>,
): Generations<G> {
  let current = first;
  let refreshing: Promise<boolean> | null = null;
  let lastProblem: string | null = null;
  const reportProblem = (problem: string | null) => {
    if (problem && problem !== lastProblem) logger.warn({ problem }, `Could not switch to the newly activated index, still answering from the one built at ${current.state.builtAt}: ${problem}`);
    lastProblem = problem;
  };
  function refresh(): Promise<boolean> {
    refreshing ??= (async () => {
      try {
        const state = await store.readState();
        if (!state || state.activeTable === current.state.activeTable) return false;
        const next = await prepare(await store.openSnapshot(state));
        const previous = current;
        current = next;
        reportProblem(null);
        logger.info(
          { table: state.activeTable, previousTable: previous.state.activeTable, sections: next.sections.size, builtAt: state.builtAt },
          "Switched to a newly activated index; new questions are answered from it.",
        );
        return true;
      } catch (error) {
        reportProblem((error as Error).message);
        return false;
      }
    })().finally(() => {
      refreshing = null;
    });
    return refreshing;
  }
  const timer = setInterval(() => void refresh(), config.indexRefreshMs);
  timer.unref();
  return {
    current: () => current,
    refresh,
    health: () => ({
      generation: current.state.activeTable,
      builtAt: current.state.builtAt,
      sections: current.sections.size,
      embedder: current.state.embedder,
      ...(lastProblem ? { problem: lastProblem } : {}),
    }),
    async stop() {
      clearInterval(timer);
      await refreshing;
    },
  };
}

/**
 * The active generation, opened for queries. Only when there is no index at all (a first
 * run, or an index of an older format) does a reader build one, under the writer's lock
 * (on a local folder only: on object storage it waits for the ingest job);
 * a damaged index is reported (IndexDamagedError), never rewritten here.
 */
async function openOrBuildIndex(
  config: Config,
  logger: Logger,
  store: LanceStore,
  embedder: Embedder | null,
  onProgress?: (done: number, total: number) => void,
): Promise<IndexSnapshot> {
  const existing = await store.openActiveSnapshot();
  if (existing) return existing;
  if (store.location.kind === "remote") return waitForIngestJob(config, logger, store);
  logger.info({ uri: config.lancedb.uri }, "No index yet: building it from the corpus (first run).");
  const corpus = loadCorpus(config.corpusDir);
  const writer = await LanceStore.open(config.lancedb, { write: true });
  try {
    await ingestSections({ sections: corpus.sections, embedder, store: writer, logger, graceMs: config.indexGraceMs, onProgress });
  } catch (error) {
    if (!(error instanceof IngestLockedError)) throw error;
    await waitForRunningIngest(store, logger, error);
  } finally {
    writer.close();
  }
  const built = await store.openActiveSnapshot();
  if (!built) throw new Error(`No index at ${config.lancedb.uri} after building it; run \`npm run ingest\` and read its errors.`);
  return built;
}

/** How long a reader on object storage waits for the ingest job to activate a first index. */
const REMOTE_FIRST_INDEX_WAIT_MS = 15 * 60_000;

/**
 * Object storage has no lock file, so replicas starting together against an empty location
 * must not each build an index: the one writer is the operator's ingest job. A reader waits
 * for it (re-reading the pointer every INDEX_REFRESH_SECONDS) and says so once.
 */
async function waitForIngestJob(config: Config, logger: Logger, store: LanceStore, timeoutMs = REMOTE_FIRST_INDEX_WAIT_MS): Promise<IndexSnapshot> {
  logger.warn({ uri: config.lancedb.uri }, "No index yet on object storage: waiting for the ingest job (`npm run ingest`, the single writer) to build it.");
  const deadline = Date.now() + timeoutMs;
  let halfWritten: IndexDamagedError | undefined;
  while (Date.now() < deadline) {
    await sleep(config.indexRefreshMs);
    try {
      const built = await store.openActiveSnapshot();
      if (built) return built;
    } catch (error) {
      // The writer is creating the pointer table: on object storage it is listed before its
      // first row can be read. Damage is only damage once the writer has had its time.
      if (!(error instanceof IndexDamagedError)) throw error;
      halfWritten = error;
    }
  }
  if (halfWritten) throw halfWritten;
  throw new Error(`No index at ${config.lancedb.uri} after ${Math.round(timeoutMs / 60_000)} minutes: run \`npm run ingest\` (one job) against it.`);
}

/**
 * Readers serve the index as built. When the YAML files no longer match it (an edit not yet
 * ingested, or an edit with an error in it) they say so once, and keep serving.
 */
function warnIfCorpusMovedOn(corpusDir: string, state: IndexState, logger: Logger): void {
  try {
    const onDisk = loadCorpus(corpusDir);
    if (corpusHash(onDisk.sections) !== state.corpusHash)
      logger.warn(
        { corpusDir, builtAt: state.builtAt },
        `The corpus in ${corpusDir} has changed since the index was built (${state.builtAt}); answering from the index as built. Run \`npm run ingest\` to serve the changes.`,
      );
  } catch (error) {
    if (!(error instanceof CorpusError)) throw error;
    logger.warn(
      { file: error.file, line: error.line },
      `Corpus error at ${error.message}; still answering from the last good index (built ${state.builtAt}). Fix the file and run \`npm run ingest\`.`,
    );
  }
}
