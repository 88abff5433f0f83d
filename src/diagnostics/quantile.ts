/**
 * Sample quantiles with linear interpolation between order statistics (Hyndman & Fan type 7,
 * the default of R, NumPy and ArviZ): for sorted x₀ ≤ … ≤ x_{N−1} and h = (N − 1)·p, the
 * quantile is x_⌊h⌋ + (h − ⌊h⌋)·(x_⌊h⌋₊₁ − x_⌊h⌋).
 */
import { type ChainDraws, pooledDraws } from './draws.js';

/** The type-7 quantile of already sorted values (ascending). */
export function sortedQuantile(sorted: ArrayLike<number>, probability: number): number {
  if (!(probability >= 0 && probability <= 1)) {
    throw new RangeError(`quantile: probability must be in [0, 1], got ${probability}`);
  }
  const n = sorted.length;
  if (n === 0) throw new RangeError('quantile: values must not be empty');
  const h = (n - 1) * probability;
  const low = Math.floor(h);
  if (low >= n - 1) return sorted[n - 1];
  return sorted[low] + (h - low) * (sorted[low + 1] - sorted[low]);
}

/**
 * The type-7 quantile at `probability` of all draws of all chains.
 *
 * @param draws `[chains][draws]`.
 * @param probability in [0, 1].
 */
export function quantile(draws: ChainDraws, probability: number): number {
  return sortedQuantile(pooledDraws(draws).sort(), probability);
}
