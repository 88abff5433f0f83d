/**
 * Shared checks of the HMC and NUTS tests: moments against exact values with Monte Carlo
 * standard errors from the diagnostics, and Kolmogorov–Smirnov tests of thinned marginals.
 */
import assert from 'node:assert/strict';
import { monteCarloStandardError } from '../../../src/diagnostics/index.js';
import { coordinateChains, type MultiChainResult } from '../../../src/mcmc/index.js';
import { kolmogorovSmirnovTest, normalCdf } from '../../core/random/statistics.js';

/**
 * Asserts that the sample mean of every coordinate and the sample covariance entries listed in
 * `pairs` (computed about the exact mean) lie within `tolerance` Monte Carlo standard errors
 * of the exact values, the MCSE coming from the multi-chain ESS of the quantity itself.
 */
export function assertMomentsWithinMcse(
  result: MultiChainResult,
  mean: ArrayLike<number>,
  covariance: (i: number, j: number) => number,
  pairs: ReadonlyArray<readonly [number, number]>,
  tolerance: number,
): { worstZ: number } {
  let worstZ = 0;
  const check = (draws: Float64Array[], exact: number, what: string) => {
    let sum = 0;
    let count = 0;
    for (const chain of draws)
      for (const x of chain) {
        sum += x;
        count++;
      }
    const z = (sum / count - exact) / monteCarloStandardError(draws);
    worstZ = Math.max(worstZ, Math.abs(z));
    assert.ok(
      Math.abs(z) < tolerance,
      `${what}: estimate ${sum / count}, exact ${exact}, z = ${z.toFixed(2)}`,
    );
  };
  const dimension = result.shape[2];
  const coordinates = Array.from({ length: dimension }, (_, i) => coordinateChains(result, i));
  for (let i = 0; i < dimension; i++) check(coordinates[i], mean[i], `mean[${i}]`);
  for (const [i, j] of pairs) {
    const products = coordinates[i].map((chain, c) =>
      chain.map((x, t) => (x - mean[i]) * (coordinates[j][c][t] - mean[j])),
    );
    check(products, covariance(i, j), `covariance[${i}][${j}]`);
  }
  return { worstZ };
}

/** KS p-value of `draws` (assumed nearly independent) against N(mean, sd²). */
export function normalKsPValue(draws: ArrayLike<number>, mean: number, sd: number): number {
  return kolmogorovSmirnovTest(draws, (x) => normalCdf((x - mean) / sd)).pValue;
}

/** Every `thin`-th draw of every chain, pooled. */
export function thinned(chains: Float64Array[], thin: number): Float64Array {
  const out: number[] = [];
  for (const chain of chains) for (let t = thin - 1; t < chain.length; t += thin) out.push(chain[t]);
  return Float64Array.from(out);
}
