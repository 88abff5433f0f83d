/**
 * Cholesky factorization `A = L·Lᵀ` of a symmetric positive-definite matrix, and solves
 * with the factor. It is also the cheapest test of positive definiteness: the first
 * non-positive pivot says which leading minor fails.
 */
import { assertFinite, assertSymmetric, type Matrix } from './matrix.js';
import { solveTriangular } from './triangular.js';
import { dot } from './vector.js';

/** Options of {@link cholesky}. */
export interface CholeskyOptions {
  /** Largest accepted asymmetry `|a_ij − a_ji|`, relative to `max|a|` (default 1e-10). */
  symmetryTolerance?: number;
}

/**
 * The lower-triangular L with positive diagonal such that `A = L·Lᵀ`. Only the lower
 * triangle of A is read after the symmetry check. Throws, naming the pivot index, when A
 * is not positive definite.
 */
export function cholesky(a: Matrix, options: CholeskyOptions = {}): Matrix {
  const tolerance = options.symmetryTolerance ?? 1e-10;
  if (!(tolerance >= 0)) {
    throw new Error(`cholesky: symmetryTolerance must be a number ≥ 0, got ${tolerance}`);
  }
  assertFinite(a, 'cholesky');
  assertSymmetric(a, 'cholesky', tolerance);
  const n = a.rows;
  const l = new Float64Array(n * n);
  // Row by row (Cholesky–Banachiewicz): every inner product runs along two contiguous rows of L.
  for (let i = 0; i < n; i++) {
    const rowI = i * n;
    for (let j = 0; j <= i; j++) {
      const rowJ = j * n;
      const s = a.data[rowI + j] - dot(l, l, j, rowI, rowJ);
      if (i === j) {
        if (!(s > 0)) {
          throw new Error(
            `cholesky: the matrix is not positive definite: pivot ${i} is ${s} ≤ 0 ` +
              `(the leading ${i + 1}×${i + 1} block is not positive definite)`,
          );
        }
        l[rowI + i] = Math.sqrt(s);
      } else {
        l[rowI + j] = s / l[rowJ + j];
      }
    }
  }
  return { rows: n, cols: n, data: l };
}

/**
 * Solves `A·x = b` given the Cholesky factor `l` of A (from {@link cholesky}), by the two
 * triangular solves `L·y = b` and `Lᵀ·x = y`. `b` may be a vector or a matrix of columns.
 */
export function choleskySolve(l: Matrix, b: Float64Array): Float64Array;
export function choleskySolve(l: Matrix, b: Matrix): Matrix;
export function choleskySolve(l: Matrix, b: Float64Array | Matrix): Float64Array | Matrix {
  if (b instanceof Float64Array) {
    const y = solveTriangular(l, b, { lower: true });
    return solveTriangular(l, y, { lower: true, transpose: true });
  }
  const y = solveTriangular(l, b, { lower: true });
  return solveTriangular(l, y, { lower: true, transpose: true });
}
