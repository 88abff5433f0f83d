/**
 * The correlated Gaussian N(μ, Σ) as an energy, U(x) = ½ (x − μ)ᵀ Σ⁻¹ (x − μ): the target on
 * which samplers are checked against exact moments (and where HMC's step size meets the
 * smallest standard deviation). Factored once by Cholesky, so exact draws are free.
 */
import { cholesky, choleskySolve, identity, type Matrix } from '../core/linalg/index.js';
import { type Key, normal } from '../core/random/index.js';
import { assertInteger, assertPositive, finiteArray } from '../core/validate.js';
import type { Energy } from './energy.js';
import { logSpacedEigenvalues, matrixFromSpectrum, randomOrthogonal } from './spectrum.js';
import { assertLength, assertSymmetricData, toSquareMatrix } from './validate.js';

/** Options of {@link gaussianEnergy}. */
export interface GaussianEnergyOptions {
  /** μ (length n); the origin by default. */
  mean?: ArrayLike<number>;
  /** Σ, symmetric positive definite: a linalg `Matrix`, n² numbers row-major, or an array of rows. */
  covariance: Matrix | ArrayLike<number> | readonly (readonly number[])[];
}

/** A Gaussian energy with its exact moments. Arrays are owned by the energy: do not mutate them. */
export interface GaussianEnergy extends Energy {
  /** μ. */
  readonly mean: Float64Array;
  /** Σ. */
  readonly covariance: Matrix;
  /** Σ⁻¹ (the Hessian of U). */
  readonly precision: Matrix;
  /** L, lower triangular with Σ = L·Lᵀ. */
  readonly choleskyFactor: Matrix;
  /** log Z = ½ n log 2π + ½ log det Σ, so that U(x) + log Z = −log N(x; μ, Σ). */
  readonly logNormalizer: number;
  /** `count` exact, independent draws μ + L·z (deterministic in `key`). */
  sample(key: Key, count: number): Float64Array[];
  hessianVector(x: Float64Array, v: Float64Array, out: Float64Array): void;
  hessian(x: Float64Array): Float64Array;
}

/** N(mean, covariance) as an energy; `energyAndGradient` costs n² and allocates nothing. */
export function gaussianEnergy(options: GaussianEnergyOptions): GaussianEnergy {
  const where = 'gaussianEnergy';
  if (options === null || typeof options !== 'object') {
    throw new TypeError(`${where}: options must be an object with a covariance`);
  }
  const { data: sigma, n } = toSquareMatrix(where, 'covariance', options.covariance);
  assertSymmetricData(where, 'covariance', sigma, n);
  const mean = options.mean === undefined ? new Float64Array(n) : finiteArray(where, 'mean', options.mean, n);
  const covariance: Matrix = { rows: n, cols: n, data: sigma };
  let factor: Matrix;
  try {
    factor = cholesky(covariance);
  } catch (error) {
    throw new RangeError(
      `${where}: covariance must be symmetric positive definite (${(error as Error).message})`,
    );
  }
  const p = choleskySolve(factor, identity(n)).data;
  // Symmetrize exactly: the solve leaves rounding-level asymmetry.
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) {
      const s = 0.5 * (p[i * n + j] + p[j * n + i]);
      p[i * n + j] = s;
      p[j * n + i] = s;
    }
  }
  let logDeterminantHalf = 0;
  for (let i = 0; i < n; i++) logDeterminantHalf += Math.log(factor.data[i * n + i]);
  const logNormalizer = 0.5 * n * Math.log(2 * Math.PI) + logDeterminantHalf;
  const offset = new Float64Array(n);

  /** out = P·(x − μ); returns ½ (x − μ)ᵀP(x − μ). */
  const apply = (x: Float64Array, out: Float64Array): number => {
    for (let i = 0; i < n; i++) offset[i] = x[i] - mean[i];
    let quadratic = 0;
    for (let i = 0; i < n; i++) {
      const row = i * n;
      let s = 0;
      for (let j = 0; j < n; j++) s += p[row + j] * offset[j];
      out[i] = s;
      quadratic += offset[i] * s;
    }
    return 0.5 * quadratic;
  };
  const scratch = new Float64Array(n);

  return {
    name: 'gaussian',
    dimension: n,
    mean,
    covariance,
    precision: { rows: n, cols: n, data: p },
    choleskyFactor: factor,
    logNormalizer,
    energy(x) {
      assertLength(where, 'x', x, n);
      return apply(x, scratch);
    },
    energyAndGradient(x, gradient) {
      assertLength(where, 'x', x, n);
      assertLength(where, 'gradient', gradient, n);
      return apply(x, gradient);
    },
    hessianVector(_x, v, out) {
      assertLength(where, 'v', v, n);
      for (let i = 0; i < n; i++) {
        let s = 0;
        for (let j = 0; j < n; j++) s += p[i * n + j] * v[j];
        out[i] = s;
      }
    },
    hessian: () => Float64Array.from(p),
    sample(key, count) {
      assertInteger(`${where}.sample`, 'count', count, 0);
      const z = normal(key, count * n);
      const draws: Float64Array[] = [];
      for (let k = 0; k < count; k++) {
        const x = Float64Array.from(mean);
        for (let i = 0; i < n; i++) {
          let s = 0;
          for (let j = 0; j <= i; j++) s += factor.data[i * n + j] * z[k * n + j];
          x[i] += s;
        }
        draws.push(x);
      }
      return draws;
    },
  };
}

/** Options of {@link randomCovariance}. */
export interface RandomCovarianceOptions {
  /** n ≥ 1. */
  dimension: number;
  /** κ = largest/smallest eigenvalue ≥ 1. */
  conditionNumber: number;
  /** Seed of the random eigenbasis. */
  key: Key;
  /** Smallest eigenvalue (smallest variance along a principal axis) > 0; 1 by default. */
  smallestEigenvalue?: number;
}

/** A covariance with a known spectrum. */
export interface RandomCovariance {
  /** Σ = Q·diag(λ)·Qᵀ. */
  covariance: Matrix;
  /** λ, ascending and log-spaced on [λmin, κ·λmin]. */
  eigenvalues: Float64Array;
  /** Q, Haar-random. */
  rotation: Matrix;
}

/**
 * A random covariance with eigenvalues log-spaced in [λmin, κ·λmin] and a Haar-random
 * eigenbasis (e.g. the 100-d correlated Gaussian of the HMC benchmarks).
 */
export function randomCovariance(options: RandomCovarianceOptions): RandomCovariance {
  const where = 'randomCovariance';
  if (options === null || typeof options !== 'object') {
    throw new TypeError(`${where}: options must be an object with dimension, conditionNumber and key`);
  }
  const { dimension, conditionNumber, key, smallestEigenvalue = 1 } = options;
  assertInteger(where, 'dimension', dimension, 1);
  assertPositive(where, 'conditionNumber', conditionNumber);
  if (conditionNumber < 1)
    throw new RangeError(`${where}: conditionNumber must be ≥ 1, got ${conditionNumber}`);
  const eigenvalues = logSpacedEigenvalues(dimension, conditionNumber, smallestEigenvalue);
  const rotation = randomOrthogonal(key, dimension);
  return { covariance: matrixFromSpectrum(rotation, eigenvalues), eigenvalues, rotation };
}
