// One Adam update, shared by the fitting scripts (tune-coverage.ts, tune-rerank.ts): full-batch,
// from zero, the same constants everywhere, so every fit is deterministic and the same code.
export interface AdamMoments {
  m: Float64Array | number[];
  v: Float64Array | number[];
}

/** Updates parameter j's moments with its gradient g at `step` (1-based) and returns how much to subtract from it. */
export function adamDelta(moments: AdamMoments, j: number, g: number, step: number, rate: number): number {
  moments.m[j] = 0.9 * moments.m[j]! + 0.1 * g;
  moments.v[j] = 0.999 * moments.v[j]! + 0.001 * g * g;
  return (rate * (moments.m[j]! / (1 - 0.9 ** step))) / (Math.sqrt(moments.v[j]! / (1 - 0.999 ** step)) + 1e-8);
}
