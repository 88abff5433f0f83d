/**
 * MCMC diagnostics: acceptance, autocorrelation (FFT), effective sample size (Geyer's initial
 * monotone sequence over several chains; bulk and tail), rank-normalised split R̂, Monte Carlo
 * standard errors, integrated autocorrelation time, divergence counts.
 *
 * Layout: a scalar quantity's draws are `[chains][draws]` (`draws[c][t]` is draw t of chain c,
 * chains of equal length); see `draws.ts`. For vector-valued samples, diagnose each coordinate
 * (`coordinateDraws(samples, i)`).
 *
 * ```ts
 * const x0 = coordinateDraws(samples, 0);       // samples[chain][draw] is a Float64Array
 * rHat(x0);                                     // < 1.01 when the chains agree
 * bulkEffectiveSampleSize(x0);                  // > 100 per chain for reliable summaries
 * monteCarloStandardError(x0);                  // error bar of the mean
 * ```
 */

export { type AcceptanceRecord, acceptanceRate, meanAcceptanceProbability } from './acceptance-rate.js';
export { autocorrelation, autocovariance } from './autocorrelation.js';
export { type BatchMeansOptions, batchMeansStandardError } from './batch-means.js';
export { countDivergences, type DivergenceRecord, divergenceRate } from './divergences.js';
export { type ChainDraws, coordinateDraws, type DrawsShape, splitChains } from './draws.js';
export {
  type EffectiveSampleSizeOptions,
  effectiveSampleSize,
  integratedAutocorrelationTime,
} from './effective-sample-size.js';
export { fft, inverseFft, nextPowerOfTwo } from './fft.js';
export { monteCarloStandardError } from './monte-carlo-standard-error.js';
export { normalQuantile } from './normal-quantile.js';
export { quantile } from './quantile.js';
export { rHat, splitRHat } from './r-hat.js';
export {
  bulkEffectiveSampleSize,
  quantileEffectiveSampleSize,
  type TailEffectiveSampleSizeOptions,
  tailEffectiveSampleSize,
} from './rank-effective-sample-size.js';
export { averageRanks, rankNormalize } from './rank-normalization.js';
