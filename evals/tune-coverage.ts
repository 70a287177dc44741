// `npx tsx evals/tune-coverage.ts`: measures the coverage evidence (similarity, coverage)
// for every golden question and grid-searches the refusal thresholds in bot/coverage.ts.
// It prints the candidates; a person copies the chosen ones into DEFAULT_THRESHOLDS.
import { loadConfig } from "../bot/config.js";
import { createLogger } from "../bot/logger.js";
import { assessCoverage, DEFAULT_THRESHOLDS, type CoverageThresholds } from "../bot/coverage.js";
import { CorpusStats } from "../retrieval/corpus-stats.js";
import { createEmbedder } from "../retrieval/embedder.js";
import { GlossaryIndex } from "../retrieval/glossary-lookup.js";
import { LanceStore } from "../retrieval/lance-store.js";
import { SpellingCorrector } from "../retrieval/spelling.js";
import { SectionRetriever, type RetrievedSection } from "../retrieval/retrieve-sections.js";
import { contentTerms } from "../retrieval/text-terms.js";
import { ingestCorpus } from "../scripts/ingest-corpus.js";
import { loadGoldenSet } from "./golden-set.js";

const config = loadConfig();
const logger = createLogger("warn");
const store = await LanceStore.open(config.lancedb);
const embedder = await createEmbedder(config, logger);
const { corpus } = await ingestCorpus({ config, logger, store, embedder });
const retriever = new SectionRetriever((await store.openActiveIndex())!, embedder, corpus.byId, new SpellingCorrector(corpus.sections));
const stats = new CorpusStats(corpus.sections);
const glossary = new GlossaryIndex(corpus.sections);

interface Sample {
  id: string;
  q: string;
  inScope: boolean;
  terms: string[];
  hits: RetrievedSection[];
}
const samples: Sample[] = [];
for (const item of await loadGoldenSet("evals/golden.jsonl")) {
  // Glossary lookups bypass the coverage decision, as in answer().
  if (item.kind !== "refusal" && glossary.lookupQuestion(item.q).length > 0) continue;
  const hits = await retriever.retrieveSections(item.q, { limit: 8 });
  samples.push({ id: item.id, q: item.q, inScope: item.kind !== "refusal", terms: contentTerms(item.q), hits });
}

function score(t: CoverageThresholds) {
  let refusedOut = 0;
  let answeredIn = 0;
  const out = samples.filter((s) => !s.inScope).length;
  const inScope = samples.length - out;
  for (const s of samples) {
    const covered = assessCoverage(s.terms, s.hits, stats, t).covered;
    if (!s.inScope && !covered) refusedOut++;
    if (s.inScope && covered) answeredIn++;
  }
  return { refusalRecall: refusedOut / out, refusalPrecision: answeredIn / inScope };
}

const results: Array<{ t: CoverageThresholds; refusalRecall: number; refusalPrecision: number }> = [];
for (let strong = 0.5; strong <= 0.85; strong += 0.01)
  for (let moderate = 0.25; moderate < strong; moderate += 0.01)
    for (let cov = 0.3; cov <= 0.95; cov += 0.05) {
      const t = { strongSimilarity: +strong.toFixed(2), moderateSimilarity: +moderate.toFixed(2), moderateCoverage: +cov.toFixed(2), lexicalOnlyCoverage: DEFAULT_THRESHOLDS.lexicalOnlyCoverage };
      results.push({ t, ...score(t) });
    }
results.sort((a, b) => b.refusalRecall - a.refusalRecall || b.refusalPrecision - a.refusalPrecision);
console.log("current", DEFAULT_THRESHOLDS, score(DEFAULT_THRESHOLDS));
console.table(results.slice(0, 15).map((r) => ({ ...r.t, recall: r.refusalRecall.toFixed(3), precision: r.refusalPrecision.toFixed(3) })));

const verbose = process.argv.includes("--verbose");
if (verbose) {
  for (const s of samples) {
    const e = assessCoverage(s.terms, s.hits, stats);
    const wrong = e.covered !== s.inScope;
    if (wrong) console.log(`${s.inScope ? "IN " : "OUT"} sim=${e.similarity?.toFixed(3)} cov=${e.coverage.toFixed(2)} ${s.id} ${s.q.slice(0, 90)} -> ${s.hits[0]?.section.id}`);
  }
}
store.close();
