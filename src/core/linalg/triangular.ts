/**
 * Triangular solves `op(T)·x = b` by forward or back substitution, for one right-hand side
 * (a vector) or many (the columns of a matrix). Only the relevant triangle of T is read.
 */
import type { Matrix } from './matrix.js';

/** Options of {@link solveTriangular}. */
export interface SolveTriangularOptions {
  /** True when T is lower triangular, false when upper; the other triangle is ignored. */
  lower: boolean;
  /** Solve `Tᵀ·x = b` instead of `T·x = b` (default false). */
  transpose?: boolean;
  /** Assume ones on the diagonal of T without reading it (default false). */
  unitDiagonal?: boolean;
}

/**
 * Solves `T·x = b` (or `Tᵀ·x = b`) for a triangular T. A vector `b` gives a vector; a
 * matrix `b` (one right-hand side per column) gives a matrix. Throws, naming the index,
 * if a diagonal entry is zero (T singular).
 */
export function solveTriangular(t: Matrix, b: Float64Array, options: SolveTriangularOptions): Float64Array;
export function solveTriangular(t: Matrix, b: Matrix, options: SolveTriangularOptions): Matrix;
export function solveTriangular(
  t: Matrix,
  b: Float64Array | Matrix,
  options: SolveTriangularOptions,
): Float64Array | Matrix {
  if (typeof options?.lower !== 'boolean') {
    throw new Error('solveTriangular: options.lower must be true (lower triangular) or false (upper)');
  }
  if (t.rows !== t.cols) {
    throw new Error(`solveTriangular: t must be square, got ${t.rows}×${t.cols}`);
  }
  const n = t.rows;
  const isVector = b instanceof Float64Array;
  const bRows = isVector ? b.length : b.rows;
  if (bRows !== n) {
    throw new Error(`solveTriangular: b must have t.rows = ${n} rows, got ${bRows}`);
  }
  const k = isVector ? 1 : b.cols;
  const x = Float64Array.from(isVector ? b : b.data);
  const transpose = options.transpose ?? false;
  const unitDiagonal = options.unitDiagonal ?? false;
  // op(T)[i][j] = t.data[i·rowStride + j·colStride]; op(T) is lower iff lower XOR transpose.
  const rowStride = transpose ? 1 : n;
  const colStride = transpose ? n : 1;
  const forward = options.lower !== transpose;
  const d = t.data;

  for (let step = 0; step < n; step++) {
    const i = forward ? step : n - 1 - step;
    const rowBase = i * k;
    // x[i,:] = (b[i,:] − Σ_j op(T)[i][j]·x[j,:]) / op(T)[i][i] over the already solved j.
    const jStart = forward ? 0 : i + 1;
    const jEnd = forward ? i : n;
    for (let j = jStart; j < jEnd; j++) {
      const tij = d[i * rowStride + j * colStride];
      if (tij === 0) continue;
      const jBase = j * k;
      for (let c = 0; c < k; c++) x[rowBase + c] -= tij * x[jBase + c];
    }
    if (!unitDiagonal) {
      const pivot = d[i * (n + 1)];
      if (pivot === 0) {
        throw new Error(`solveTriangular: the matrix is singular: diagonal entry t[${i}][${i}] is zero`);
      }
      for (let c = 0; c < k; c++) x[rowBase + c] /= pivot;
    }
  }
  return isVector ? x : { rows: n, cols: k, data: x };
}
