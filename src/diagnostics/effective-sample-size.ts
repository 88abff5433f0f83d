/**
 * Effective sample size (ESS) of MCMC draws: Geyer's initial monotone sequence estimator over
 * several chains, as in Stan and ArviZ (Vehtari et al. 2021, §3.2; Geyer 1992).
 *
 * With m chains of n draws, W the mean within-chain variance and var⁺ = (n−1)/n·W + B/n the
 * pooled estimate of the marginal variance (B/n the variance of the chain means), the
 * autocorrelation at lag t pooled over chains is ρ̂ₜ = 1 − (W − mean γ̂ₜ)/var⁺. Between-chain
 * disagreement inflates var⁺ and so lowers the ESS. The sum τ̂ = −1 + 2·Σ ρ̂ₜ stops at the first
 * pair (ρ̂₂ₖ + ρ̂₂ₖ₊₁) that turns negative (initial positive sequence), and the pair sums are
 * forced to decrease (initial monotone sequence); ESS = m·n/τ̂.
 */
import { autocovariance } from './autocorrelation.js';
import { assertDraws, type ChainDraws, splitChains, variance } from './draws.js';

/** Options of `effectiveSampleSize` and `integratedAutocorrelationTime`. */
export interface EffectiveSampleSizeOptions {
  /**
   * Split each chain in halves first (default true), so that a trend within a chain counts as
   * disagreement between chains; false gives the plain multi-chain estimate.
   */
  split?: boolean;
}

/** The estimate τ̂ for chains of equal length (already split or normalised as wanted). */
function integratedTime(chains: ReadonlyArray<ArrayLike<number>>): number {
  const m = chains.length;
  const n = chains[0].length;
  let low = Number.POSITIVE_INFINITY;
  let high = Number.NEGATIVE_INFINITY;
  for (const chain of chains) {
    for (let t = 0; t < n; t++) {
      low = Math.min(low, chain[t]);
      high = Math.max(high, chain[t]);
    }
  }
  // Constant draws carry no autocorrelation to estimate: every draw counts (ArviZ does the same).
  if (high - low < 1e-15) return 1;
  const covariances = chains.map((chain) => autocovariance(chain));
  const chainMeans = chains.map((chain) => {
    let s = 0;
    for (let t = 0; t < n; t++) s += chain[t];
    return s / n;
  });
  const meanCovariance = (lag: number) => {
    let s = 0;
    for (let c = 0; c < m; c++) s += covariances[c][lag];
    return s / m;
  };
  const withinVariance = (meanCovariance(0) * n) / (n - 1);
  let pooledVariance = (withinVariance * (n - 1)) / n;
  if (m > 1) pooledVariance += variance(chainMeans, 1);
  const rho = new Float64Array(n);
  const correlation = (lag: number) => 1 - (withinVariance - meanCovariance(lag)) / pooledVariance;

  // Initial positive sequence: add pairs (even, odd lag) while their sum is positive.
  let even = 1;
  let odd = correlation(1);
  rho[0] = even;
  rho[1] = odd;
  let t = 1;
  while (t < n - 3 && even + odd > 0) {
    even = correlation(t + 1);
    odd = correlation(t + 2);
    if (even + odd >= 0) {
      rho[t + 1] = even;
      rho[t + 2] = odd;
    }
    t += 2;
  }
  const last = t - 2;
  // The last even term still carries information when positive (Stan's refinement).
  if (even > 0) rho[last + 1] = even;
  // Initial monotone sequence: pair sums must not increase.
  for (let k = 1; k <= last - 2; k += 2) {
    if (rho[k + 1] + rho[k + 2] > rho[k - 1] + rho[k]) {
      rho[k + 1] = (rho[k - 1] + rho[k]) / 2;
      rho[k + 2] = rho[k + 1];
    }
  }
  let sum = 0;
  for (let k = 0; k <= last; k++) sum += rho[k];
  const tau = -1 + 2 * sum + (last + 1 < n ? rho[last + 1] : 0);
  // Antithetic chains can give τ̂ near 0; cap the ESS at N·log₁₀(N) as Stan does.
  return Math.max(tau, 1 / Math.log10(m * n));
}

/**
 * ESS of chains used as given (no splitting, no normalisation); the common core of the public
 * estimators. Internal to the diagnostics.
 */
export function geyerEffectiveSampleSize(chains: ReadonlyArray<ArrayLike<number>>): number {
  return (chains.length * chains[0].length) / integratedTime(chains);
}

/**
 * The effective sample size of the mean of the draws (ArviZ `ess(method="mean")`, the ESS of
 * Stan before 2.22): how many independent draws would estimate the mean as precisely.
 *
 * @param draws `[chains][draws]`, at least 4 draws per chain, all finite.
 */
export function effectiveSampleSize(draws: ChainDraws, options: EffectiveSampleSizeOptions = {}): number {
  assertDraws('effectiveSampleSize', draws);
  return geyerEffectiveSampleSize(options.split === false ? draws : splitChains(draws));
}

/**
 * The integrated autocorrelation time τ = 1 + 2·Σₜ ρₜ: a draw is worth 1/τ of an independent
 * one, so ESS = (total draws)/τ. Estimated with the same initial monotone sequence.
 *
 * @param draws `[chains][draws]`, at least 4 draws per chain, all finite.
 */
export function integratedAutocorrelationTime(
  draws: ChainDraws,
  options: EffectiveSampleSizeOptions = {},
): number {
  assertDraws('integratedAutocorrelationTime', draws);
  return integratedTime(options.split === false ? draws : splitChains(draws));
}
