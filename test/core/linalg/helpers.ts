/**
 * Test helpers for the linear-algebra tests: seeded random matrices with prescribed
 * structure (symmetric, orthogonal, SPD with a given spectrum) and residual measures.
 */
import {
  add,
  diagonalMatrix,
  frobeniusNorm,
  identity,
  type Matrix,
  matrix,
  multiply,
  qr,
  scale,
  subtract,
  transpose,
} from '../../../src/core/linalg/index.js';
import { makeKey, normal } from '../../../src/core/random/index.js';

/** An m×n matrix of independent standard normal entries drawn from `seed`. */
export function randomMatrix(seed: number, rows: number, cols: number): Matrix {
  return matrix(rows, cols, normal(makeKey(seed), rows * cols));
}

/** A random symmetric matrix `(G + Gᵀ)/2` (a GOE sample up to scale). */
export function randomSymmetric(seed: number, n: number): Matrix {
  const g = randomMatrix(seed, n, n);
  return scale(add(g, transpose(g)), 0.5);
}

/** A Haar-like random orthogonal matrix: the Q factor of a Gaussian matrix. */
export function randomOrthogonal(seed: number, n: number): Matrix {
  return qr(randomMatrix(seed, n, n)).q;
}

/** The exactly symmetric matrix `Q·diag(values)·Qᵀ` with a random orthogonal Q. */
export function withSpectrum(seed: number, values: ArrayLike<number>): Matrix {
  const q = randomOrthogonal(seed, values.length);
  const a = multiply(multiply(q, diagonalMatrix(values)), transpose(q));
  return scale(add(a, transpose(a)), 0.5);
}

/** `‖AᵀA − I‖_F`: how far the columns of `a` are from orthonormal. */
export function orthonormalityError(a: Matrix): number {
  return frobeniusNorm(subtract(multiply(transpose(a), a), identity(a.cols)));
}

/** `‖x − y‖∞` of two vectors of the same length. */
export function maxDifference(x: ArrayLike<number>, y: ArrayLike<number>): number {
  if (x.length !== y.length) throw new Error(`maxDifference: lengths differ: ${x.length} and ${y.length}`);
  let worst = 0;
  for (let i = 0; i < x.length; i++) worst = Math.max(worst, Math.abs(x[i] - y[i]));
  return worst;
}

/** The Euclidean norm of a vector. */
export function norm(x: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < x.length; i++) sum += x[i] * x[i];
  return Math.sqrt(sum);
}

/** The 1D Dirichlet Laplacian tridiag(−1, 2, −1) as an operator `(x, out) => void`. */
export function laplacianOperator(n: number): (x: Float64Array, out: Float64Array) => void {
  return (x, out) => {
    out[0] = 2 * x[0] - (n > 1 ? x[1] : 0);
    for (let i = 1; i < n - 1; i++) out[i] = 2 * x[i] - x[i - 1] - x[i + 1];
    if (n > 1) out[n - 1] = 2 * x[n - 1] - x[n - 2];
  };
}

/** The k-th eigenvalue (k = 1 … n, ascending) of the n×n Laplacian, `2 − 2cos(kπ/(n + 1)) = 4sin²(kπ/(2n + 2))`. */
export function laplacianEigenvalue(n: number, k: number): number {
  const s = Math.sin((k * Math.PI) / (2 * n + 2));
  return 4 * s * s;
}
