// Which fold a training question falls in: a hash of its id, so the folds are the same on
// every machine and a question keeps its fold when others are added. Shared by the search
// questions' hold-out (derive-search-questions.ts) and the coverage model's cross-fitting,
// which must agree on what was held out.
import { createHash } from "node:crypto";

export function foldOf(id: string, folds: number): number {
  return parseInt(createHash("sha1").update(id).digest("hex").slice(0, 8), 16) % folds;
}
