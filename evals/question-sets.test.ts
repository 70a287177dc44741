// The training, dev and held-out writers' questions are only as good as their labels: an expected id that is no
// section, or a fact its sections do not state, teaches the tuners and the eval something
// false (a fact no answer can quote counts as a miss forever). New writers' files are checked
// here as they land. The sealed test set is read only by the eval runner.
import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadCorpus } from "../corpus/load-corpus.js";
import { loadGoldenSets } from "./golden-set.js";
import { hitsAnyExpected, normaliseForFacts } from "./metrics.js";

const trainingDir = path.join(import.meta.dirname, "training-set");
const heldOutDir = path.join(import.meta.dirname, "held-out-writers");
const files = [
  path.join(import.meta.dirname, "golden.jsonl"),
  ...[trainingDir, heldOutDir].flatMap((dir) =>
    readdirSync(dir)
      .filter((f) => f.endsWith(".jsonl"))
      .map((f) => path.join(dir, f)),
  ),
];

describe("training and dev questions", async () => {
  const corpus = loadCorpus(path.join(import.meta.dirname, "..", "corpus"));
  const cases = await loadGoldenSets(files);

  it("expect only sections the corpus has", () => {
    const unknown = cases.flatMap((c) => c.expect.filter((id) => ![...corpus.byId.keys()].some((sectionId) => hitsAnyExpected(sectionId, [id]))).map((id) => `${c.id}: ${id}`));
    expect(unknown).toEqual([]);
  });

  it("give facts that their expected sections state", () => {
    const unstated = cases.flatMap((c) => {
      const texts = corpus.sections.filter((s) => hitsAnyExpected(s.id, c.expect)).map((s) => normaliseForFacts(s.text));
      return c.facts.filter((fact) => !texts.some((t) => t.includes(normaliseForFacts(fact)))).map((fact) => `${c.id}: ${fact}`);
    });
    expect(unstated).toEqual([]);
  });

  it("have unique ids across files", () => {
    const ids = cases.map((c) => c.id);
    expect(ids.length).toBeGreaterThan(7000);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
