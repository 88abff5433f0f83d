/**
 * Monte Carlo standard error (MCSE) of the mean of MCMC draws: the posterior standard deviation
 * over the square root of the effective sample size, sd/√ESS (ArviZ `mcse(method="mean")`).
 * It is the error bar of an MCMC estimate of E[x]: the estimate lies within ±2 MCSE of the
 * truth about 95% of the time once the chains have converged.
 */
import { assertDraws, type ChainDraws, pooledDraws, variance } from './draws.js';
import { effectiveSampleSize } from './effective-sample-size.js';

/**
 * MCSE of the mean: sd/√ESS, sd the standard deviation of all draws (n − 1 denominator), ESS
 * the split-chain `effectiveSampleSize`.
 *
 * @param draws `[chains][draws]`, at least 4 draws per chain, all finite.
 */
export function monteCarloStandardError(draws: ChainDraws): number {
  assertDraws('monteCarloStandardError', draws);
  const sd = Math.sqrt(variance(pooledDraws(draws), 1));
  return sd / Math.sqrt(effectiveSampleSize(draws));
}
