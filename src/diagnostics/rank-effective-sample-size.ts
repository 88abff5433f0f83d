/**
 * Bulk and tail effective sample sizes (Vehtari et al. 2021, §4.3), the two numbers Stan and
 * ArviZ report. Bulk-ESS is the ESS of the rank-normalised split chains: it measures how well
 * the centre of the distribution is explored, and exists even without finite moments.
 * Tail-ESS is the smaller ESS of the indicators I(x ≤ q₀.₀₅) and I(x ≤ q₀.₉₅) on split chains:
 * how well the 5% and 95% quantiles are estimated. Rule of thumb: both above 100 per chain.
 */
import { assertDraws, type ChainDraws, splitChains } from './draws.js';
import { geyerEffectiveSampleSize } from './effective-sample-size.js';
import { quantile } from './quantile.js';
import { rankNormalize } from './rank-normalization.js';

/** Options of `tailEffectiveSampleSize`. */
export interface TailEffectiveSampleSizeOptions {
  /** The lower and upper tail probabilities, each in (0, 1); [0.05, 0.95] by default. */
  probabilities?: readonly [number, number];
}

/**
 * Bulk-ESS: the ESS of rank-normalised split chains (ArviZ `ess(method="bulk")`).
 *
 * @param draws `[chains][draws]`, at least 4 draws per chain, all finite.
 */
export function bulkEffectiveSampleSize(draws: ChainDraws): number {
  assertDraws('bulkEffectiveSampleSize', draws);
  return geyerEffectiveSampleSize(rankNormalize(splitChains(draws)));
}

/**
 * The ESS of the quantile at `probability`: the ESS of the indicator I(x ≤ q) on split chains,
 * q the pooled sample quantile (ArviZ `ess(method="quantile")`).
 *
 * @param draws `[chains][draws]`, at least 4 draws per chain, all finite.
 * @param probability in (0, 1).
 */
export function quantileEffectiveSampleSize(draws: ChainDraws, probability: number): number {
  assertDraws('quantileEffectiveSampleSize', draws);
  if (!(probability > 0 && probability < 1)) {
    throw new RangeError(`quantileEffectiveSampleSize: probability must be in (0, 1), got ${probability}`);
  }
  const q = quantile(draws, probability);
  const indicators = draws.map((chain) => Float64Array.from(chain, (x) => (x <= q ? 1 : 0)));
  return geyerEffectiveSampleSize(splitChains(indicators));
}

/**
 * Tail-ESS: the smaller of the quantile ESS at the two tail probabilities (ArviZ
 * `ess(method="tail")`).
 *
 * @param draws `[chains][draws]`, at least 4 draws per chain, all finite.
 */
export function tailEffectiveSampleSize(
  draws: ChainDraws,
  options: TailEffectiveSampleSizeOptions = {},
): number {
  assertDraws('tailEffectiveSampleSize', draws);
  const [low, high] = options.probabilities ?? [0.05, 0.95];
  return Math.min(quantileEffectiveSampleSize(draws, low), quantileEffectiveSampleSize(draws, high));
}
