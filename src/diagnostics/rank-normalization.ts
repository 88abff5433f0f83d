/**
 * Rank normalisation (Vehtari, Gelman, Simpson, Carpenter & Bürkner 2021, "Rank-normalization,
 * folding, and localization: an improved R̂"): replace every draw, pooled over all chains, by
 * the normal score of its rank. The result has the same ordering but normal margins, so ESS
 * and R̂ computed on it exist and are meaningful even for heavy-tailed draws (Cauchy).
 */
import { type ChainDraws, pooledDraws } from './draws.js';
import { normalQuantile } from './normal-quantile.js';

/**
 * Ranks 1 … N of `values`, ties given their average rank (scipy's `rankdata(method="average")`).
 */
export function averageRanks(values: ArrayLike<number>): Float64Array {
  const n = values.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => values[a] - values[b]);
  const ranks = new Float64Array(n);
  let start = 0;
  while (start < n) {
    let end = start + 1;
    while (end < n && values[order[end]] === values[order[start]]) end++;
    // Positions start … end − 1 (0-based) share the ranks start + 1 … end.
    const rank = (start + 1 + end) / 2;
    for (let i = start; i < end; i++) ranks[order[i]] = rank;
    start = end;
  }
  return ranks;
}

/**
 * The rank-normalised draws z = Φ⁻¹((r − 3/8)/(N + 1/4)) with r the average rank of a draw
 * among all N draws of all chains (Blom's offset 3/8, as in Stan and ArviZ). Same layout
 * as the input, `[chains][draws]`.
 */
export function rankNormalize(draws: ChainDraws): Float64Array[] {
  const pooled = pooledDraws(draws);
  const total = pooled.length;
  const ranks = averageRanks(pooled);
  const out: Float64Array[] = [];
  let offset = 0;
  for (const chain of draws) {
    const z = new Float64Array(chain.length);
    for (let t = 0; t < chain.length; t++)
      z[t] = normalQuantile((ranks[offset + t] - 0.375) / (total + 0.25));
    out.push(z);
    offset += chain.length;
  }
  return out;
}
