/**
 * The draws of the `hmc` experiment checked against the exact target: per sampler, the worst
 * coordinate mean and variance in units of their Monte Carlo standard errors (MCSE = sd/√ESS),
 * the RMS of those z-scores, the relative Frobenius error of the covariance, the smallest ESS
 * per gradient evaluation, rank-normalised split R̂, divergences and the lower-tail fraction of
 * coordinate 0 (the funnel's neck).
 */
import { effectiveSampleSize, monteCarloStandardError, rHat } from '../diagnostics/index.js';
import type { Energy } from '../energies/index.js';
import { decodeFloat64 } from './framework/checkpoint-codec.js';

/** The two samplers compared, in report order. */
export const samplerNames = ['hmc', 'nuts'] as const;
/** `'hmc'` or `'nuts'`. */
export type SamplerName = (typeof samplerNames)[number];
/** The samplers' names in titles, tables and legends. */
export const samplerTitles: Record<SamplerName, string> = { hmc: 'HMC', nuts: 'NUTS' };

/** A target with the exact moments the draws are checked against. */
export interface ExactTarget {
  name: string;
  energy: Energy;
  mean: Float64Array;
  /** n×n row-major. */
  covariance: Float64Array;
  /** The exact marginal density of coordinate 0 (v for the funnel). */
  marginalDensity(x: number): number;
}

/** What one (sampler, chain) unit leaves in the checkpoint. */
export interface UnitRecord {
  /** draws × dimension, row-major, base64 float64. */
  draws: string;
  stepSize: number;
  warmupGradientEvaluations: number;
  gradientEvaluations: number;
  acceptanceSum: number;
  divergences: number;
  /** (x₀, x₁) of the points where a divergent transition started (a bounded number of them). */
  divergentPoints: number[];
}

/** What the analysis of one sampler's chains gives. */
export interface SamplerSummary {
  meanError: { mean: number; stderr: number };
  meanErrorCoordinate: number;
  meanErrorRms: number;
  varianceError: { mean: number; stderr: number };
  varianceErrorCoordinate: number;
  covarianceError: number;
  essPerGradient: number;
  essPerCoordinate: number[];
  minimumEss: number;
  rHat: number;
  divergences: number;
  acceptance: number;
  stepSize: number;
  gradientsPerDraw: number;
  lowerTail: { mean: number; stderr: number };
  /** [chains][draws] of coordinate 0. */
  firstCoordinate: Float64Array[];
  /** Coordinate 1 of every draw of every chain (for the funnel scatter). */
  secondCoordinate: Float64Array[];
  divergentPoints: number[];
}

/** Mean and MCSE of `draws`, with a fallback when the chains never moved (MCSE undefined). */
function meanAndError(draws: Float64Array[]): { mean: number; stderr: number } {
  let sum = 0;
  let count = 0;
  for (const chain of draws) {
    for (const value of chain) {
      sum += value;
      count++;
    }
  }
  const stderr = monteCarloStandardError(draws);
  return { mean: sum / count, stderr: Number.isFinite(stderr) ? stderr : 0 };
}

/** |estimate − exact| in standard errors: +∞ for a wrong value with no error bar, 0 for an exact one. */
function zScore(estimate: { mean: number; stderr: number }, exact: number): number {
  const error = Math.abs(estimate.mean - exact);
  if (estimate.stderr > 0) return error / estimate.stderr;
  return error === 0 ? 0 : Number.POSITIVE_INFINITY;
}

/**
 * Summarises the chains of one sampler (`units`, each `draws` × `dimension` draws) against the
 * exact moments of `target`.
 */
export function summarizeSampler(
  units: UnitRecord[],
  target: ExactTarget,
  dimension: number,
  draws: number,
): SamplerSummary {
  const chains = units.map((unit) => decodeFloat64(unit.draws));
  const coordinate = (i: number) =>
    chains.map((chain) => Float64Array.from({ length: draws }, (_, t) => chain[t * dimension + i]));
  const gradients = units.reduce((sum, unit) => sum + unit.gradientEvaluations, 0);
  let worstMean = { z: -1, index: 0, value: { mean: 0, stderr: 0 } };
  let worstVariance = { z: -1, index: 0, value: { mean: 0, stderr: 0 } };
  let squaredZ = 0;
  let finiteZ = 0;
  let minimumEss = Number.POSITIVE_INFINITY;
  let worstRHat = 0;
  const essPerCoordinate: number[] = [];
  for (let i = 0; i < dimension; i++) {
    const x = coordinate(i);
    const mu = target.mean[i];
    const mean = meanAndError(x);
    const z = zScore(mean, mu);
    if (Number.isFinite(z)) {
      squaredZ += z * z;
      finiteZ++;
    }
    if (z > worstMean.z) worstMean = { z, index: i, value: mean };
    const squares = x.map((chain) => chain.map((value) => (value - mu) ** 2));
    const variance = meanAndError(squares);
    const zVariance = zScore(variance, target.covariance[i * dimension + i]);
    if (zVariance > worstVariance.z) worstVariance = { z: zVariance, index: i, value: variance };
    // Chains that never moved have no ESS (0) and no R̂ (reported as 1e9, so its check fails).
    const ess = effectiveSampleSize(x);
    const finiteEss = Number.isFinite(ess) ? ess : 0;
    essPerCoordinate.push(finiteEss / gradients);
    minimumEss = Math.min(minimumEss, finiteEss);
    const r = rHat(x);
    worstRHat = Math.max(worstRHat, Number.isFinite(r) ? r : 1e9);
  }
  // The covariance about the exact mean, E[(x − μ)(x − μ)ᵀ], from all draws.
  const estimate = new Float64Array(dimension * dimension);
  const centred = new Float64Array(dimension);
  for (const chain of chains) {
    for (let t = 0; t < draws; t++) {
      for (let i = 0; i < dimension; i++) centred[i] = chain[t * dimension + i] - target.mean[i];
      for (let i = 0; i < dimension; i++) {
        const ci = centred[i];
        for (let j = 0; j <= i; j++) estimate[i * dimension + j] += ci * centred[j];
      }
    }
  }
  let difference = 0;
  let norm = 0;
  const total = chains.length * draws;
  for (let i = 0; i < dimension; i++) {
    for (let j = 0; j <= i; j++) {
      const weight = i === j ? 1 : 2;
      const exact = target.covariance[i * dimension + j];
      difference += weight * (estimate[i * dimension + j] / total - exact) ** 2;
      norm += weight * exact * exact;
    }
  }
  const first = coordinate(0);
  const threshold = target.mean[0] - Math.sqrt(target.covariance[0]);
  const lowerTail = meanAndError(first.map((chain) => chain.map((value) => (value < threshold ? 1 : 0))));
  return {
    meanError: worstMean.value,
    meanErrorCoordinate: worstMean.index,
    meanErrorRms: finiteZ > 0 ? Math.sqrt(squaredZ / finiteZ) : 0,
    varianceError: worstVariance.value,
    varianceErrorCoordinate: worstVariance.index,
    covarianceError: Math.sqrt(difference / norm),
    essPerGradient: minimumEss / gradients,
    essPerCoordinate,
    minimumEss,
    rHat: worstRHat,
    divergences: units.reduce((sum, unit) => sum + unit.divergences, 0),
    acceptance: units.reduce((sum, unit) => sum + unit.acceptanceSum, 0) / total,
    stepSize: units.reduce((sum, unit) => sum + unit.stepSize, 0) / units.length,
    gradientsPerDraw: gradients / total,
    lowerTail,
    firstCoordinate: first,
    secondCoordinate: coordinate(Math.min(1, dimension - 1)),
    divergentPoints: units.flatMap((unit) => unit.divergentPoints),
  };
}
