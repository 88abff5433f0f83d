/**
 * The quadratic energy U(x) = ½ xᵀAx − bᵀx with A symmetric positive definite: the landscape
 * every optimizer is first judged on. Its minimizer solves Ax = b, its Hessian is A everywhere,
 * and gradient descent on it is stable exactly for stepSize < 2/λmax(A).
 */
import { cholesky, choleskySolve, type Matrix } from '../core/linalg/index.js';
import type { Key } from '../core/random/index.js';
import { assertInteger, assertPositive, finiteArray } from '../core/validate.js';
import type { Energy } from './energy.js';
import { logSpacedEigenvalues, matrixFromSpectrum, randomOrthogonal } from './spectrum.js';
import { assertLength, assertSymmetricData, toSquareMatrix } from './validate.js';

/** Options of {@link quadraticEnergy}. */
export interface QuadraticEnergyOptions {
  /** A, symmetric positive definite: a linalg `Matrix`, n² numbers row-major, or an array of rows. */
  matrix: Matrix | ArrayLike<number> | readonly (readonly number[])[];
  /** b (length n); zero by default. */
  vector?: ArrayLike<number>;
  /** Name reported by the energy; "quadratic" by default. */
  name?: string;
}

/** A quadratic energy with its exact solution. Arrays are owned by the energy: do not mutate them. */
export interface QuadraticEnergy extends Energy {
  /** A (a copy of the input). */
  readonly matrix: Matrix;
  /** b. */
  readonly vector: Float64Array;
  /** x* = A⁻¹b. */
  readonly minimizer: Float64Array;
  /** U(x*) = −½ bᵀA⁻¹b. */
  readonly minimum: number;
  /** Writes A·v into `out` (the Hessian does not depend on x). */
  hessianVector(x: Float64Array, v: Float64Array, out: Float64Array): void;
  /** A copy of A, row-major. */
  hessian(x: Float64Array): Float64Array;
}

function isDiagonal(data: Float64Array, n: number): boolean {
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) if (i !== j && data[i * n + j] !== 0) return false;
  }
  return true;
}

/**
 * U(x) = ½ xᵀAx − bᵀx. Checks that A is symmetric and positive definite (by Cholesky, which
 * also gives the minimizer). A diagonal A takes an O(n) path; a dense one costs n² per gradient.
 * `energyAndGradient` allocates nothing; `gradient` must not alias `x`.
 */
export function quadraticEnergy(options: QuadraticEnergyOptions): QuadraticEnergy {
  const where = 'quadraticEnergy';
  if (options === null || typeof options !== 'object') {
    throw new TypeError(`${where}: options must be an object with a matrix, got ${String(options)}`);
  }
  const { data: a, n } = toSquareMatrix(where, 'matrix', options.matrix);
  assertSymmetricData(where, 'matrix', a, n);
  const b =
    options.vector === undefined ? new Float64Array(n) : finiteArray(where, 'vector', options.vector, n);
  const diagonal = isDiagonal(a, n);
  const mat: Matrix = { rows: n, cols: n, data: a };
  let minimizer: Float64Array;
  if (diagonal) {
    minimizer = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      if (!(a[i * n + i] > 0)) {
        throw new RangeError(
          `${where}: matrix must be positive definite, but diagonal entry ${i} is ${a[i * n + i]}`,
        );
      }
      minimizer[i] = b[i] / a[i * n + i];
    }
  } else {
    let factor: Matrix;
    try {
      factor = cholesky(mat);
    } catch (error) {
      throw new RangeError(
        `${where}: matrix must be symmetric positive definite (${(error as Error).message})`,
      );
    }
    minimizer = choleskySolve(factor, b);
  }
  let bx = 0;
  for (let i = 0; i < n; i++) bx += b[i] * minimizer[i];
  const minimum = 0 - 0.5 * bx; // +0, not −0, when b = 0
  const diagonalEntries = new Float64Array(n);
  for (let i = 0; i < n; i++) diagonalEntries[i] = a[i * n + i];

  /** out = A·v (out must not alias v). */
  const multiply = (v: Float64Array, out: Float64Array) => {
    if (diagonal) {
      for (let i = 0; i < n; i++) out[i] = diagonalEntries[i] * v[i];
      return;
    }
    for (let i = 0; i < n; i++) {
      const row = i * n;
      let s = 0;
      for (let j = 0; j < n; j++) s += a[row + j] * v[j];
      out[i] = s;
    }
  };

  const name = options.name ?? 'quadratic';
  return {
    name,
    dimension: n,
    matrix: mat,
    vector: b,
    minimizer,
    minimum,
    energy(x) {
      assertLength(name, 'x', x, n);
      let quadratic = 0;
      let linear = 0;
      if (diagonal) {
        for (let i = 0; i < n; i++) quadratic += diagonalEntries[i] * x[i] * x[i];
      } else {
        for (let i = 0; i < n; i++) {
          const row = i * n;
          let s = 0;
          for (let j = 0; j < n; j++) s += a[row + j] * x[j];
          quadratic += x[i] * s;
        }
      }
      for (let i = 0; i < n; i++) linear += b[i] * x[i];
      return 0.5 * quadratic - linear;
    },
    energyAndGradient(x, gradient) {
      assertLength(name, 'x', x, n);
      assertLength(name, 'gradient', gradient, n);
      multiply(x, gradient);
      // U = ½ xᵀ(Ax) − bᵀx, read off Ax before b is subtracted.
      let quadratic = 0;
      let linear = 0;
      for (let i = 0; i < n; i++) {
        quadratic += x[i] * gradient[i];
        linear += b[i] * x[i];
        gradient[i] -= b[i];
      }
      return 0.5 * quadratic - linear;
    },
    hessianVector(_x, v, out) {
      assertLength(name, 'v', v, n);
      multiply(v, out);
    },
    hessian: () => Float64Array.from(a),
  };
}

/** Options of {@link illConditionedQuadratic}. */
export interface IllConditionedQuadraticOptions {
  /** n ≥ 1. */
  dimension: number;
  /** κ = λmax/λmin ≥ 1. */
  conditionNumber: number;
  /** With a key the eigenbasis is a Haar-random rotation; without one, A is diagonal. */
  key?: Key;
  /** λmin > 0; 1 by default (the spectrum is log-spaced on [λmin, κ·λmin]). */
  smallestEigenvalue?: number;
  /** x*; the origin by default (then b = 0 and the minimum is 0). */
  minimizer?: ArrayLike<number>;
}

/** A quadratic whose spectrum is known by construction. */
export interface IllConditionedQuadratic extends QuadraticEnergy {
  /** The eigenvalues of A, ascending, log-spaced. */
  readonly eigenvalues: Float64Array;
  /** κ = λmax/λmin. */
  readonly conditionNumber: number;
  /** The orthogonal eigenbasis Q (A = Q·diag(λ)·Qᵀ); null when A is diagonal. */
  readonly rotation: Matrix | null;
}

/**
 * A quadratic with eigenvalues log-spaced in [λmin, κ·λmin]: the canonical test of how
 * optimizers suffer from conditioning (GD needs O(κ) steps, heavy ball and CG O(√κ)).
 */
export function illConditionedQuadratic(options: IllConditionedQuadraticOptions): IllConditionedQuadratic {
  const where = 'illConditionedQuadratic';
  if (options === null || typeof options !== 'object') {
    throw new TypeError(`${where}: options must be an object with dimension and conditionNumber`);
  }
  const { dimension, conditionNumber, key } = options;
  assertInteger(where, 'dimension', dimension, 1);
  assertPositive(where, 'conditionNumber', conditionNumber);
  if (conditionNumber < 1)
    throw new RangeError(`${where}: conditionNumber must be ≥ 1, got ${conditionNumber}`);
  const smallest = options.smallestEigenvalue ?? 1;
  assertPositive(where, 'smallestEigenvalue', smallest);
  const eigenvalues = logSpacedEigenvalues(dimension, conditionNumber, smallest);
  const rotation = key === undefined ? null : randomOrthogonal(key, dimension);
  let a: Float64Array;
  if (rotation === null) {
    a = new Float64Array(dimension * dimension);
    for (let i = 0; i < dimension; i++) a[i * dimension + i] = eigenvalues[i];
  } else {
    a = matrixFromSpectrum(rotation, eigenvalues).data;
  }
  const target =
    options.minimizer === undefined
      ? new Float64Array(dimension)
      : finiteArray(where, 'minimizer', options.minimizer, dimension);
  const b = new Float64Array(dimension);
  for (let i = 0; i < dimension; i++) {
    let s = 0;
    for (let j = 0; j < dimension; j++) s += a[i * dimension + j] * target[j];
    b[i] = s;
  }
  const base = quadraticEnergy({
    matrix: { rows: dimension, cols: dimension, data: a },
    vector: b,
    name: 'ill-conditioned-quadratic',
  });
  // Report the minimizer as given (the solve would add rounding of order κ·ε).
  let bx = 0;
  for (let i = 0; i < dimension; i++) bx += b[i] * target[i];
  return Object.assign(base, {
    minimizer: target,
    minimum: 0 - 0.5 * bx,
    eigenvalues,
    conditionNumber,
    rotation,
  });
}
