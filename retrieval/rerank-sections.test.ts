import { describe, expect, it } from "vitest";
import type { Section } from "../corpus/section.js";
import { DEFAULT_RERANK_MODEL, RERANK_FEATURES, rerankFeatures, rerankSections, type RerankModel } from "./rerank-sections.js";
import type { RetrievedSection } from "./retrieve-sections.js";
import { CorpusStats } from "./text/corpus-stats.js";

const section = (id: string, kind: Section["kind"], title: string, text: string): Section => ({ id, kind, title, text, parent: null, lines: [1, 1], source: null }) as Section;

const booking = section("workshops.booking", "workshop", "Workshops: price", "Half-day workshops for up to 50 participants.");
const humility = section("glossary.cultural-humility", "glossary", "Cultural humility", "Staying modest about what one knows of other cultures rather than trying to master them.");
const outreach = section("practices.2.leadership.b", "dimension", "Public outreach", "Ensuring robust public outreach in the policy-making process.");
const stats = new CorpusStats([booking, humility, outreach]);
const hit = (s: Section, score: number, similarity: number | null, bm25: number | null): RetrievedSection => ({ section: s, score, similarity, bm25 });

/** A model that weighs only how much of the question a section's words cover. */
const coverageOnly: RerankModel = { depth: 3, weights: Object.fromEntries(RERANK_FEATURES.map((f) => [f, f === "coverage" ? 4 : 0])) as RerankModel["weights"], kinds: {} };

describe("rerankFeatures", () => {
  it("reads each candidate's features from its fused score, not its place in the list", () => {
    const fused = [hit(booking, 0.5, 0.4, 3), hit(humility, 0.3, 0.45, null), hit(outreach, 0.2, null, 1)];
    const question = "being modest about other cultures";
    const inOrder = rerankFeatures(fused, question, question, stats);
    const shuffled = rerankFeatures([fused[2]!, fused[0]!, fused[1]!], question, question, stats);
    expect(shuffled).toEqual([inOrder[2], inOrder[0], inOrder[1]]);
    const at = (row: number[] | undefined, name: (typeof RERANK_FEATURES)[number]) => row![RERANK_FEATURES.indexOf(name)];
    expect(at(inOrder[0], "scoreShare")).toBe(1);
    expect(at(inOrder[1], "reciprocalRank")).toBe(0.5);
    expect(at(inOrder[2], "hasSimilarity")).toBe(0);
    expect(at(inOrder[1], "bm25Share")).toBe(0);
    expect(at(inOrder[1], "coverage")!).toBeGreaterThan(at(inOrder[0], "coverage")!);
  });
});

describe("rerankSections", () => {
  it("moves up the candidate whose words cover the question, within the reordered depth", () => {
    const fused = [hit(booking, 0.5, 0.4, 3), hit(outreach, 0.3, 0.3, 1), hit(humility, 0.2, 0.45, null)];
    const question = "being modest about other cultures";
    expect(rerankSections(fused, question, question, stats, coverageOnly).map((c) => c.section.id)).toEqual(["glossary.cultural-humility", "workshops.booking", "practices.2.leadership.b"]);
    // Past the depth, the fused order stands.
    expect(rerankSections(fused, question, question, stats, { ...coverageOnly, depth: 2 }).map((c) => c.section.id)).toEqual(["workshops.booking", "practices.2.leadership.b", "glossary.cultural-humility"]);
  });

  it("leaves the fused order alone when nothing tells the candidates apart", () => {
    const fused = [hit(booking, 0.5, 0.4, 3), hit(outreach, 0.3, 0.3, 1)];
    const flat = { ...coverageOnly, weights: { ...coverageOnly.weights, coverage: 0 } };
    const reranked = rerankSections(fused, "snow plows", "snow plows", stats, flat);
    expect(reranked.map((c) => c.section.id)).toEqual(fused.map((c) => c.section.id));
    expect(reranked.map((c) => c.score)).toEqual(fused.map((c) => c.score));
  });

  it("weighs each candidate's resemblance to the training questions it answers, and records it on the hit", () => {
    const asked = { ...humility, searchQuestions: ["how do I stay modest about other cultures"] } as Section;
    const bank = new CorpusStats([booking, asked, outreach]);
    const fused = [hit(booking, 0.5, 0.4, 3), hit(asked, 0.45, 0.4, 3)];
    const alikeOnly: RerankModel = { depth: 2, weights: Object.fromEntries(RERANK_FEATURES.map((f) => [f, f === "answeredAlike" ? 4 : 0])) as RerankModel["weights"], kinds: {} };
    const question = "how can I stay modest about other cultures";
    const reranked = rerankSections(fused, question, question, bank, alikeOnly);
    expect(reranked.map((c) => c.section.id)).toEqual(["glossary.cultural-humility", "workshops.booking"]);
    expect(reranked[0]!.answeredAlike).toBeGreaterThan(0.5);
    expect(reranked[1]!.answeredAlike).toBe(0);
    // A hit that carries the value (a tuner's sample) is read as it is.
    const carried = rerankFeatures([{ ...fused[0]!, answeredAlike: 0.9 }, { ...fused[1]!, answeredAlike: 0.1 }], question, question, bank);
    expect(carried.map((row) => row[RERANK_FEATURES.indexOf("answeredAlike")])).toEqual([0.9, 0.1]);
  });

  it("ships a fitted model that reorders at least two candidates", () => {
    expect(DEFAULT_RERANK_MODEL.depth).toBeGreaterThanOrEqual(2);
    expect(Object.keys(DEFAULT_RERANK_MODEL.weights).sort()).toEqual([...RERANK_FEATURES].sort());
  });
});
