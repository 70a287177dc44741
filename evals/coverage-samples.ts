// One question as the coverage fit sees it: what decided it in the real pipeline, the
// features the coverage model weighs, and its label. Written by collect-coverage-features.ts,
// read by tune-coverage.ts.
import { readFileSync } from "node:fs";
import type { CoverageFeatures, CoverageRule } from "../bot/core/coverage.js";

export interface CoverageSample {
  id: string;
  q: string;
  /** A conversation's later turn: its 1-based place (absent for a question on its own or a first turn). */
  turn?: number;
  /** The question as searched (typos corrected; joined to the previous turn for a follow-up). */
  searched?: string;
  /** The label: answerable (answer or glossary) or to be refused. */
  inScope: boolean;
  subtype: string | null;
  /** Questions about the same section (or near-misses made from it) share a group; cross-validation keeps a group together. */
  group: string;
  /** The pipeline step that decided (coverage, glossary, nonexistent-item, small-talk...). */
  step: string;
  decidedBy?: CoverageRule;
  covered?: boolean;
  features?: CoverageFeatures;
  /** The top retrieved sections, best first (the model looks at three). */
  top?: string[];
  /** Every retrieved candidate with its fused score, cosine similarity and BM25 score. */
  hits?: Array<{ id: string; score: number; similarity: number | null; bm25: number | null; answeredAlike?: number }>;
  /** The sections that answer it (none for refusals). */
  expect?: string[];
}

export function readCoverageSamples(files: readonly string[]): CoverageSample[] {
  return files.flatMap((file) =>
    readFileSync(file, "utf8")
      .split("\n")
      .filter((line) => line.trim() !== "")
      .map((line) => JSON.parse(line) as CoverageSample),
  );
}
