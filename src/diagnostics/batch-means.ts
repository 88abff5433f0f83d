/**
 * Batch-means standard error of the mean (Flegal & Jones 2010): an estimate independent of
 * autocorrelation modelling. Cut every chain into consecutive batches of b draws; when b is
 * much longer than the autocorrelation time the batch means are nearly independent, and the
 * asymptotic variance σ² of the chain (N·Var(mean) → σ²) is b times their variance. The
 * default b = ⌊√n⌋ is consistent for geometrically ergodic chains.
 */
import { assertDraws, type ChainDraws } from './draws.js';

/** Options of `batchMeansStandardError`. */
export interface BatchMeansOptions {
  /** Draws per batch, an integer in [1, n/2]; ⌊√n⌋ by default (n the draws per chain). */
  batchSize?: number;
}

/**
 * The standard error of the mean of all draws by batch means: √(σ̂²/N), with
 * σ̂² = b·Σₖ(Ȳₖ − Ȳ)²/(K − 1) over the K batches of all chains (Ȳ the mean of the batch means)
 * and N = K·b the draws used. Draws after the last full batch of a chain are left out.
 *
 * @param draws `[chains][draws]`, at least 4 draws per chain, all finite.
 */
export function batchMeansStandardError(draws: ChainDraws, options: BatchMeansOptions = {}): number {
  const { draws: n } = assertDraws('batchMeansStandardError', draws);
  const batchSize = options.batchSize ?? Math.floor(Math.sqrt(n));
  if (!(Number.isInteger(batchSize) && batchSize >= 1 && batchSize <= n / 2)) {
    throw new RangeError(
      `batchMeansStandardError: batchSize must be an integer in [1, ${Math.floor(n / 2)}] (half the draws per chain), got ${batchSize}`,
    );
  }
  const perChain = Math.floor(n / batchSize);
  const batchMeans: number[] = [];
  for (const chain of draws) {
    for (let k = 0; k < perChain; k++) {
      let s = 0;
      for (let t = k * batchSize; t < (k + 1) * batchSize; t++) s += chain[t];
      batchMeans.push(s / batchSize);
    }
  }
  const count = batchMeans.length;
  let grand = 0;
  for (const m of batchMeans) grand += m;
  grand /= count;
  let squares = 0;
  for (const m of batchMeans) squares += (m - grand) ** 2;
  const asymptoticVariance = (batchSize * squares) / (count - 1);
  return Math.sqrt(asymptoticVariance / (count * batchSize));
}
