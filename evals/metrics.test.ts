import { describe, expect, it } from "vitest";
import {
  aggregate,
  checkCitations,
  citesOffTopic,
  familyOf,
  countCitedSentences,
  firstHitRank,
  idHits,
  missingFacts,
  percentile,
  splitSentences,
  summarise,
} from "./metrics.js";
import { citation, golden, lookup, makeAnswer, score } from "./test-helpers.js";

describe("id matching", () => {
  it("counts a descendant as a hit on its ancestor, by whole segments", () => {
    expect(idHits("practices.3.leadership.a", "practices.3")).toBe(true);
    expect(idHits("practices.3", "practices.3")).toBe(true);
    expect(idHits("practices.30", "practices.3")).toBe(false);
    expect(idHits("practices.30.leadership.a", "practices.3")).toBe(false);
    // An ancestor does not hit a more specific expectation.
    expect(idHits("practices.3", "practices.3.leadership.a")).toBe(false);
  });

  it("ranks the first retrieved id that hits any expected id", () => {
    expect(firstHitRank(["practices.30", "glossary.equity", "practices.3.management.b"], ["practices.3"])).toBe(3);
    expect(firstHitRank(["practices.30", "practices.31"], ["practices.3"])).toBeNull();
    expect(firstHitRank(["toolkit", "glossary.equity"], ["practices.1", "glossary.equity"])).toBe(2);
  });
});

describe("retrieval metrics", () => {
  it("computes recall@1, recall@5 and MRR over in-scope cases only", () => {
    const scores = [
      // hit at rank 1
      score(golden({ id: "a", kind: "answer", expect: ["practices.3"] }), makeAnswer({ retrievedIds: ["practices.3.leadership.a"] })),
      // practices.30 must not count; the real hit is at rank 2
      score(
        golden({ id: "b", kind: "answer", expect: ["practices.3"] }),
        makeAnswer({ retrievedIds: ["practices.30", "practices.3"] }),
      ),
      // hit only at rank 6: outside the top 5
      score(
        golden({ id: "c", kind: "glossary", expect: ["glossary.implicit-bias"] }),
        makeAnswer({ retrievedIds: ["x.1", "x.2", "x.3", "x.4", "x.5", "glossary.implicit-bias"] }),
      ),
      // no hit at all
      score(golden({ id: "d", kind: "answer", expect: ["toolkit"] }), makeAnswer({ retrievedIds: ["practices.30"] })),
      // refusals have no expectations and do not count
      score(golden({ id: "r", kind: "refusal" }), makeAnswer({ status: "refused", retrievedIds: ["practices.30"] })),
    ];
    const m = aggregate(scores);
    expect(m.recallAt1).toBeCloseTo(1 / 4);
    expect(m.recallAt5).toBeCloseTo(2 / 4);
    expect(m.mrr).toBeCloseTo((1 + 1 / 2 + 1 / 6 + 0) / 4);
    expect(scores[3]!.failures).toContain("no expected id in the top 5 retrieved");
  });

  it("leaves retrieval metrics unmeasured when only refusals ran", () => {
    const m = aggregate([score(golden({ id: "r", kind: "refusal" }), makeAnswer({ status: "refused" }))]);
    expect(m.recallAt5).toBeNull();
    expect(m.mrr).toBeNull();
  });
});

describe("citation metrics", () => {
  it("flags a fabricated quote and an unknown section", () => {
    const result = checkCitations(
      {
        citations: [
          citation(1, "practices.3.leadership.a", "voices that are usually   left out"),
          citation(2, "practices.3", "Create a culture of excellence."),
          citation(3, "practices.99", "anything"),
        ],
      },
      lookup,
    );
    expect(result.verifiedNs).toEqual([1]);
    expect(result.problems.map((p) => p.problem)).toEqual(["quote-not-verbatim", "unknown-section"]);
  });

  it("a fabricated quote lowers citation validity below 1.0", () => {
    const honest = score(
      golden({ id: "a", kind: "answer", expect: ["practices.3"] }),
      makeAnswer({ citations: [citation(1, "practices.3", "culture of equity and inclusion")], text: "Build a culture [1]." }),
    );
    const fabricated = score(
      golden({ id: "b", kind: "answer", expect: ["practices.3"] }),
      makeAnswer({
        citations: [
          citation(1, "practices.3", "culture of equity"),
          citation(2, "practices.3.leadership.a", "Always hire the loudest voice."),
        ],
        text: "One [1]. Two [2].",
      }),
    );
    expect(aggregate([honest]).citationValidity).toBe(1);
    expect(aggregate([honest, fabricated]).citationValidity).toBeCloseTo(2 / 3);
    expect(fabricated.failures).toContain("1 citation(s) failed verification");
  });

  it("citation precision counts answered in-scope cases citing an expected section (prefix rule)", () => {
    const citesChild = score(
      golden({ id: "a", kind: "answer", expect: ["practices.3"] }),
      makeAnswer({ citations: [citation(1, "practices.3.leadership.a", "voices")] }),
    );
    const citesLookalike = score(
      golden({ id: "b", kind: "answer", expect: ["practices.3"] }),
      makeAnswer({ citations: [citation(1, "practices.30", "made-up section")] }),
    );
    const refused = score(golden({ id: "c", kind: "answer", expect: ["practices.3"] }), makeAnswer({ status: "refused" }));
    expect(citesChild.citesExpected).toBe(true);
    expect(citesLookalike.citesExpected).toBe(false);
    expect(refused.citesExpected).toBeNull();
    expect(aggregate([citesChild, citesLookalike, refused]).citationPrecision).toBeCloseTo(1 / 2);
  });
});

describe("groundedness", () => {
  it("finds facts case-insensitively, across whitespace, smart quotes and [n] markers", () => {
    const text = "Seek out  VOICES that are\nusually [1] left out; it\u2019s the core.";
    expect(missingFacts(text, ["voices that are usually left out", "it's the core", "budget figures"])).toEqual([
      "budget figures",
    ]);
  });

  it("fact coverage is the share of all facts found, over non-refusal cases", () => {
    const s1 = score(
      golden({ id: "a", kind: "answer", expect: ["practices.3"], facts: ["culture", "equity", "salary"] }),
      makeAnswer({ text: "A Culture of Equity." }),
    );
    const s2 = score(
      golden({ id: "b", kind: "glossary", expect: ["glossary.implicit-bias"], facts: ["awareness"] }),
      makeAnswer({ text: "without our awareness" }),
    );
    const m = aggregate([s1, s2]);
    expect(m.factCoverage).toBeCloseTo(3 / 4);
    expect(s1.facts.missing).toEqual(["salary"]);
    expect(s1.failures).toContain("1 of 3 facts missing");
  });

  it("splits sentences on punctuation and line breaks, keeping trailing markers with their sentence", () => {
    expect(splitSentences("First point. [1] Second point [2]. e.g. not a split.\n- A bullet [3]\n\n[4]")).toEqual([
      "First point. [1]",
      "Second point [2]. e.g. not a split.",
      "- A bullet [3]",
    ]);
  });

  it("counts only sentences with a marker pointing to a verified citation", () => {
    expect(countCitedSentences("One [1]. Two [2]. Three. Four [1, 3].", [1])).toEqual({ total: 4, cited: 2 });
    expect(countCitedSentences("", [1])).toEqual({ total: 0, cited: 0 });
  });

  it("cited-sentence share is computed over answered cases, with unverified markers not counting", () => {
    const answered = score(
      golden({ id: "a", kind: "answer", expect: ["practices.3"] }),
      makeAnswer({
        text: "Build a culture [1]. Hire loudly [2]. No citation here.",
        citations: [citation(1, "practices.3", "culture of equity"), citation(2, "practices.3", "hire loudly")],
      }),
    );
    const refused = score(golden({ id: "r", kind: "refusal" }), makeAnswer({ status: "refused", text: "Not covered. Try this." }));
    expect(aggregate([answered, refused]).citedSentenceShare).toBeCloseTo(1 / 3);
  });
});

describe("refusals", () => {
  it("refusal recall counts refused or invalid refusal cases; an answered one fails", () => {
    const scores = [
      score(golden({ id: "r1", kind: "refusal" }), makeAnswer({ status: "refused" })),
      score(golden({ id: "r2", kind: "refusal" }), makeAnswer({ status: "invalid" })),
      score(golden({ id: "r3", kind: "refusal" }), makeAnswer({ status: "answered", text: "It will be sunny." })),
    ];
    expect(aggregate(scores).refusalRecall).toBeCloseTo(2 / 3);
    expect(scores[2]!.failures).toEqual(["out-of-scope question answered"]);
    expect(scores[0]!.failures).toEqual([]);
  });

  it("a wrong refusal of an in-scope question lowers refusal precision", () => {
    const ok = score(
      golden({ id: "a", kind: "answer", expect: ["practices.3"] }),
      makeAnswer({ retrievedIds: ["practices.3"] }),
    );
    const g = score(
      golden({ id: "g", kind: "glossary", expect: ["glossary.implicit-bias"] }),
      makeAnswer({ retrievedIds: ["glossary.implicit-bias"] }),
    );
    const wronglyRefused = score(
      golden({ id: "b", kind: "answer", expect: ["practices.3"] }),
      makeAnswer({ status: "refused", retrievedIds: ["practices.3"] }),
    );
    expect(aggregate([ok, g]).refusalPrecision).toBe(1);
    expect(aggregate([ok, g, wronglyRefused]).refusalPrecision).toBeCloseTo(2 / 3);
    expect(wronglyRefused.failures).toEqual(["in-scope question not answered (status refused)"]);
  });
});

describe("latency and fallback", () => {
  it("uses nearest-rank percentiles", () => {
    const values = Array.from({ length: 20 }, (_, i) => i + 1);
    expect(percentile(values, 50)).toBe(10);
    expect(percentile(values, 95)).toBe(19);
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([], 50)).toBeNull();
    const m = aggregate(values.map((ms, i) => score(golden({ id: `r${i}`, kind: "refusal" }), makeAnswer({ status: "refused" }), ms)));
    expect(m.latencyP50Ms).toBe(10);
    expect(m.latencyP95Ms).toBe(19);
  });

  it("fallback rate is the share of answered generated-mode cases that came back extractive", () => {
    const g = golden({ id: "a", kind: "answer", expect: ["practices.3"] });
    const scores = [
      score(g, makeAnswer({ mode: "generated" }), 10, "generated"),
      score(g, makeAnswer({ mode: "extractive" }), 10, "generated"),
      score(g, makeAnswer({ mode: "generated" }), 10, "generated"),
      score(g, makeAnswer({ mode: "generated" }), 10, "generated"),
      score(golden({ id: "r", kind: "refusal" }), makeAnswer({ status: "refused" }), 10, "generated"),
    ];
    expect(aggregate(scores).fallbackRate).toBeCloseTo(1 / 4);
    expect(aggregate([score(g, makeAnswer({}))]).fallbackRate).toBeNull();
  });
});

describe("summarise", () => {
  it("reports overall and by kind", () => {
    const scores = [
      score(golden({ id: "a", kind: "answer", expect: ["practices.3"] }), makeAnswer({ retrievedIds: ["practices.3"] })),
      score(golden({ id: "r", kind: "refusal" }), makeAnswer({ status: "answered" })),
    ];
    const s = summarise(scores);
    expect(s.overall.cases).toBe(2);
    expect(s.byKind.answer?.recallAt1).toBe(1);
    expect(s.byKind.refusal?.refusalRecall).toBe(0);
    expect(s.byKind.refusal?.recallAt1).toBeNull();
    expect(s.byKind.glossary).toBeUndefined();
  });
});

describe("test-set metrics", () => {
  it("groups sections into families: one practice, the toolkit, one program", () => {
    expect(familyOf("practices.3.leadership.a")).toBe("practices.3");
    expect(familyOf("practices.intro")).toBe("practices");
    expect(familyOf("toolkit.recommendations.11")).toBe("toolkit");
    expect(familyOf("programs.cybersecurity-leadership.cost")).toBe("programs.cybersecurity-leadership");
    expect(citesOffTopic(["practices.3.management.c", "programs.cybersecurity-leadership.cost"], ["practices.3.leadership.a"])).toBe(true);
    expect(citesOffTopic(["practices.3.management.c"], ["practices.3.leadership.a"])).toBe(false);
  });

  it("reports refusal recall per subtype, the long-question answer rate, off-topic citations and second turns", () => {
    const refusal = (id: string, subtype: "near-miss" | "out-of-scope", status: "refused" | "answered") =>
      score(golden({ id, kind: "refusal", subtype }), makeAnswer({ status }));
    const answer = (id: string, q: string, status: "refused" | "answered") =>
      score(golden({ id, kind: "answer", q, expect: ["practices.13.management.b"] }), makeAnswer({ status }));
    const long = "our town of eight thousand people has a personnel manual from the nineties and every supervisor reads it differently so what should we do";
    const scores = [
      refusal("n1", "near-miss", "refused"),
      refusal("n2", "near-miss", "answered"),
      refusal("o1", "out-of-scope", "refused"),
      answer("l1", long, "answered"),
      answer("l2", long, "refused"),
      score(
        golden({ id: "t2", kind: "answer", q: "and the management side?", expect: ["practices.13"] }),
        makeAnswer({ status: "answered", retrievedIds: ["practices.13.management.b"] }),
        1,
        "extractive",
        2,
      ),
    ];
    const m = aggregate(scores);
    expect(m.refusalRecallNearMiss).toBe(0.5);
    expect(m.refusalRecallOutOfScope).toBe(1);
    expect(m.refusalRecallAdversarial).toBeNull();
    expect(m.answerRateLong).toBe(0.5);
    expect(m.turn2RecallAt5).toBe(1);
  });
});
