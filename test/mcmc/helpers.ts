/**
 * Shared tools of the sampler tests: small Gaussian targets with exact moments, and
 * goodness-of-fit checks that account for autocorrelation.
 *
 * Thresholds: a check passes when its p-value exceeds `P_THRESHOLD` (1e-5) and every z-score
 * stays within `Z_LIMIT` (4.5, two-sided probability 6.8e-6). A Gaussian fit runs about ten such
 * checks, so a correct sampler fails it with probability about 1e-4 for a random seed; the
 * seeds are fixed, so outcomes are deterministic. Each sampler file also runs a broken sampler
 * (wrong acceptance ratio, too large an unadjusted step) through the same check and asserts it
 * is rejected, so the checks can fail.
 *
 * Error bars: the moment z-scores divide by √(Var_f · τ_f / n), with Var_f the exact variance of
 * the statistic under the target and τ_f its integrated autocorrelation time estimated from the
 * chain (Geyer's initial monotone sequence, from `src/diagnostics`). The Kolmogorov–Smirnov
 * test, which assumes independent draws, runs on the chain thinned by ⌈3τ⌉.
 */
import assert from 'node:assert/strict';
import { integratedAutocorrelationTime } from '../../src/diagnostics/effective-sample-size.js';
import type { DifferentiableEnergy } from '../../src/mcmc/index.js';
import { kolmogorovSmirnovTest, normalCdf } from '../core/random/statistics.js';

export { chiSquareTest, histogram, kolmogorovSmirnovTest, normalCdf } from '../core/random/statistics.js';

/** Smallest p-value a correct sampler is allowed. */
export const P_THRESHOLD = 1e-5;
/** Largest |z| a correct sampler is allowed. */
export const Z_LIMIT = 4.5;

/**
 * U(x) = ½ (x − μ)ᵀ Σ⁻¹ (x − μ) for a 1-D or 2-D Gaussian given by its mean and covariance
 * (row-major), with its gradient: the target whose exact distribution every check knows.
 */
export function gaussianEnergy(
  mean: number[],
  covariance: number[],
): DifferentiableEnergy & { dimension: number } {
  const d = mean.length;
  assert.ok(d === 1 || d === 2, 'gaussianEnergy: 1-D or 2-D only');
  let precision: number[];
  if (d === 1) precision = [1 / covariance[0]];
  else {
    const [a, b, c, e] = covariance;
    const det = a * e - b * c;
    precision = [e / det, -b / det, -c / det, a / det];
  }
  const energyAndGradient = (x: Float64Array, gradient: Float64Array): number => {
    let u = 0;
    for (let i = 0; i < d; i++) {
      let g = 0;
      for (let j = 0; j < d; j++) g += precision[i * d + j] * (x[j] - mean[j]);
      gradient[i] = g;
      u += 0.5 * (x[i] - mean[i]) * g;
    }
    return u;
  };
  const scratch = new Float64Array(d);
  return {
    name: `gaussian-${d}d`,
    dimension: d,
    energy: (x) => energyAndGradient(x, scratch),
    energyAndGradient,
  };
}

/** Coordinate `index` of row-major samples with `dimension` columns. */
export function column(samples: Float64Array, dimension: number, index: number): Float64Array {
  const n = samples.length / dimension;
  return Float64Array.from({ length: n }, (_, s) => samples[s * dimension + index]);
}

/** Every `every`-th entry of a series. */
export function thinSeries(series: Float64Array, every: number): Float64Array {
  return Float64Array.from({ length: Math.floor(series.length / every) }, (_, s) => series[s * every]);
}

/** Integrated autocorrelation time of one series (no splitting). */
export function autocorrelationTime(series: Float64Array): number {
  return integratedAutocorrelationTime([series], { split: false });
}

/** z-score of the mean of f(x) against its exact mean, with an autocorrelation-aware error bar. */
export function meanZScore(series: Float64Array, exactMean: number, exactVariance: number): number {
  let sum = 0;
  for (const v of series) sum += v;
  const tau = Math.max(1, autocorrelationTime(series));
  return (sum / series.length - exactMean) / Math.sqrt((exactVariance * tau) / series.length);
}

/** The outcome of a goodness-of-fit check: named p-values and z-scores. */
export interface Fit {
  pValues: Record<string, number>;
  zScores: Record<string, number>;
}

/**
 * Fits row-major samples to N(mean, covariance) (1-D or 2-D): whitens them with the Cholesky
 * factor, then tests each whitened coordinate z: KS against Φ (thinned by ⌈3τ⌉), and the means
 * of z (exact 0, variance 1) and z² (exact 1, variance 2), and in 2-D of z₀z₁ (0, variance 1).
 */
export function gaussianFit(samples: Float64Array, mean: number[], covariance: number[]): Fit {
  const d = mean.length;
  const n = samples.length / d;
  const whitened: Float64Array[] = [];
  if (d === 1) {
    const s = Math.sqrt(covariance[0]);
    whitened.push(Float64Array.from({ length: n }, (_, t) => (samples[t] - mean[0]) / s));
  } else {
    const l00 = Math.sqrt(covariance[0]);
    const l10 = covariance[2] / l00;
    const l11 = Math.sqrt(covariance[3] - l10 * l10);
    const z0 = new Float64Array(n);
    const z1 = new Float64Array(n);
    for (let t = 0; t < n; t++) {
      z0[t] = (samples[2 * t] - mean[0]) / l00;
      z1[t] = (samples[2 * t + 1] - mean[1] - l10 * z0[t]) / l11;
    }
    whitened.push(z0, z1);
  }
  const fit: Fit = { pValues: {}, zScores: {} };
  whitened.forEach((z, j) => {
    const tau = Math.max(1, autocorrelationTime(z));
    fit.pValues[`KS z${j}`] = kolmogorovSmirnovTest(thinSeries(z, Math.ceil(3 * tau)), normalCdf).pValue;
    fit.zScores[`mean z${j}`] = meanZScore(z, 0, 1);
    fit.zScores[`mean z${j}²`] = meanZScore(
      z.map((v) => v * v),
      1,
      2,
    );
  });
  if (d === 2) {
    fit.zScores['mean z0·z1'] = meanZScore(
      whitened[0].map((v, t) => v * whitened[1][t]),
      0,
      1,
    );
  }
  return fit;
}

/** True when every p-value exceeds P_THRESHOLD and every |z| ≤ Z_LIMIT. */
export function fitPasses(fit: Fit): boolean {
  return (
    Object.values(fit.pValues).every((p) => p > P_THRESHOLD) &&
    Object.values(fit.zScores).every((z) => Math.abs(z) <= Z_LIMIT)
  );
}

/** A readable summary of a fit for assertion messages. */
export function describeFit(fit: Fit): string {
  const p = Object.entries(fit.pValues).map(([k, v]) => `${k}: p=${v.toExponential(2)}`);
  const z = Object.entries(fit.zScores).map(([k, v]) => `${k}: z=${v.toFixed(2)}`);
  return [...p, ...z].join(', ');
}

/** Asserts that a correct sampler's samples fit. */
export function assertFits(label: string, fit: Fit): void {
  assert.ok(fitPasses(fit), `${label} should fit the target: ${describeFit(fit)}`);
}

/** Asserts that a broken sampler's samples are rejected by the same check (negative control). */
export function assertRejected(label: string, fit: Fit): void {
  assert.ok(!fitPasses(fit), `negative control ${label} should be rejected: ${describeFit(fit)}`);
}
