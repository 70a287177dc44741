// Which fold a training question falls in: a hash of its id, so the folds are the same on
// every machine and a question keeps its fold when others are added. Shared by the search
// questions' hold-out (derive-search-questions.ts) and the coverage model's cross-fitting,
// which must agree on what was held out.
import { createHash } from "node:crypto";

export function foldOf(id: string, folds: number): number {
  return parseInt(createHash("sha1").update(id).digest("hex").slice(0, 8), 16) % folds;
}

/**
 * Cross-validation folds that hold out whole writers: the training files come from 34
 * helpers, each with a brief and a voice of its own, and each fold leaves out two to four of
 * them about different sections, so a held-out figure says how a model does on a writer it
 * never saw (as the test set's writer and real staff are). Questions are told apart by their
 * id's writer prefix ("tr-h-0042"). a, b, c, h and i wrote about the practices; d and j about
 * the documents; e glossary lookups and out-of-scope; f the top-up; g nonexistent items,
 * adversarial questions and conversations. k, l, m and n (session 7) each wrote about a
 * quarter of the sections in the section list's order: k the documents and the glossary's
 * first half, l the rest of the glossary and practices 1-5, m practices 5-10, n practices
 * 10-14; each joins a fold whose writers are about other sections. o, p, q and r (session 9) each
 * wrote about every fourth section, across all documents; u, v, x and y (session 10, the
 * conversations brief) each about every third (x and z the same sections as u, y and ab as
 * v, each in a fold of its own among them); ac, ad, ae and af (session 12, the same brief with
 * twice the near-misses, `brief-s12.md`) each about every fourth section, from the first; ag
 * and ai (session 13, the same brief) each about a quarter of the sections by hash; ak, al, am
 * and an (session 14, `brief-s14.md`) each about a quarter by another hash. Each
 * joined the fold with the fewest questions at the time.
 */
export const WRITER_FOLDS = [
  ["tr-a", "tr-i", "tr-k", "tr-p", "tr-x", "tr-ad", "tr-ak"],
  ["tr-b", "tr-j", "tr-n", "tr-v", "tr-ac", "tr-ai"],
  ["tr-c", "tr-h", "tr-o", "tr-r", "tr-z", "tr-af", "tr-am"],
  ["tr-d", "tr-g", "tr-l", "tr-u", "tr-ab", "tr-ag", "tr-an"],
  ["tr-e", "tr-f", "tr-m", "tr-q", "tr-y", "tr-ae", "tr-al"],
];

export function writerOf(id: string): string {
  return /^tr-[a-z]+/.exec(id)?.[0] ?? id;
}

/** The writer fold of a training question (an unknown writer by hash of its prefix). */
export function writerFoldOf(id: string): number {
  const writer = writerOf(id);
  const fold = WRITER_FOLDS.findIndex((writers) => writers.includes(writer));
  return fold >= 0 ? fold : foldOf(writer, WRITER_FOLDS.length);
}

export type FoldBy = "writer" | "id";

/**
 * The fold a training question is held out in: its writers' fold (the default, so a question
 * is judged against an index without any question by its own writer, as a new writer's are),
 * or its id's hash. By writer there are always WRITER_FOLDS.length folds.
 */
export function heldOutFoldOf(id: string, folds: number, by: FoldBy): number {
  if (by === "writer") {
    if (folds !== WRITER_FOLDS.length) throw new RangeError(`writer folds are ${WRITER_FOLDS.length}, not ${folds}`);
    return writerFoldOf(id);
  }
  return foldOf(id, folds);
}
