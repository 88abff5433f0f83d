/**
 * LU factorization with partial pivoting, `P·A = L·U`, and the determinant it gives.
 *
 * Partial pivoting (the largest entry of each column becomes the pivot) keeps the
 * multipliers |l_ij| ≤ 1, which makes Gaussian elimination backward stable in practice.
 */
import { assertFinite, assertSquare, type Matrix } from './matrix.js';
import { solveTriangular } from './triangular.js';

/** The factors of {@link luFactor}. */
export interface LuFactorization {
  /** L (unit lower, diagonal not stored) and U (upper) packed into one n×n matrix. */
  lu: Matrix;
  /** Row permutation: row i of P·A is row `permutation[i]` of A. */
  permutation: Int32Array;
  /** The sign of the permutation, +1 or −1 (the determinant of P). */
  permutationSign: number;
  /** `max_i |a_ik|` for each column k of A: the scale the singularity test compares pivots with. */
  columnScales: Float64Array;
}

/**
 * Factors a square matrix as `P·A = L·U`. Never throws for singular A (a zero pivot
 * leaves its column uneliminated); {@link luSolve} and `solve` check the pivots.
 */
export function luFactor(a: Matrix): LuFactorization {
  assertSquare(a, 'luFactor');
  assertFinite(a, 'luFactor');
  const n = a.rows;
  const lu = Float64Array.from(a.data);
  const permutation = Int32Array.from({ length: n }, (_, i) => i);
  const columnScales = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < n; k++) columnScales[k] = Math.max(columnScales[k], Math.abs(lu[i * n + k]));
  }
  let permutationSign = 1;
  for (let k = 0; k < n; k++) {
    let pivotRow = k;
    let pivotSize = Math.abs(lu[k * n + k]);
    for (let i = k + 1; i < n; i++) {
      const size = Math.abs(lu[i * n + k]);
      if (size > pivotSize) {
        pivotSize = size;
        pivotRow = i;
      }
    }
    if (pivotRow !== k) {
      for (let j = 0; j < n; j++) {
        const t = lu[k * n + j];
        lu[k * n + j] = lu[pivotRow * n + j];
        lu[pivotRow * n + j] = t;
      }
      const t = permutation[k];
      permutation[k] = permutation[pivotRow];
      permutation[pivotRow] = t;
      permutationSign = -permutationSign;
    }
    const pivot = lu[k * n + k];
    if (pivot === 0) continue;
    // Row operations on contiguous row segments: row_i ← row_i − l_ik·row_k.
    for (let i = k + 1; i < n; i++) {
      const multiplier = lu[i * n + k] / pivot;
      lu[i * n + k] = multiplier;
      if (multiplier === 0) continue;
      for (let j = k + 1; j < n; j++) lu[i * n + j] -= multiplier * lu[k * n + j];
    }
  }
  return { lu: { rows: n, cols: n, data: lu }, permutation, permutationSign, columnScales };
}

/**
 * Throws if U has a pivot that is zero or below rounding level, `|u_kk| ≤ n·ε·max_i|a_ik|`:
 * a solve would then return noise amplified by 1/ε or more.
 */
export function assertNonsingular(factorization: LuFactorization, caller: string): void {
  const { lu, columnScales } = factorization;
  const n = lu.rows;
  for (let k = 0; k < n; k++) {
    const pivot = Math.abs(lu.data[k * n + k]);
    const threshold = n * Number.EPSILON * columnScales[k];
    if (pivot === 0 || pivot <= threshold) {
      throw new Error(
        `${caller}: the matrix is singular: pivot ${k} of its LU factorization is ${lu.data[k * n + k]}` +
          (pivot === 0 ? '' : `, below the rounding level n·ε·max|column ${k}| = ${threshold}`),
      );
    }
  }
}

/** Solves `A·x = b` from the factorization of A; `b` is a vector or a matrix of columns. */
export function luSolve(factorization: LuFactorization, b: Float64Array): Float64Array;
export function luSolve(factorization: LuFactorization, b: Matrix): Matrix;
export function luSolve(factorization: LuFactorization, b: Float64Array | Matrix): Float64Array | Matrix {
  assertNonsingular(factorization, 'luSolve');
  const { lu, permutation } = factorization;
  const n = lu.rows;
  const isVector = b instanceof Float64Array;
  const bRows = isVector ? b.length : b.rows;
  if (bRows !== n) throw new Error(`luSolve: b must have ${n} rows, got ${bRows}`);
  const k = isVector ? 1 : b.cols;
  const source = isVector ? b : b.data;
  const permuted = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    permuted.set(source.subarray(permutation[i] * k, permutation[i] * k + k), i * k);
  }
  const rhs: Matrix = { rows: n, cols: k, data: permuted };
  const y = solveTriangular(lu, rhs, { lower: true, unitDiagonal: true });
  const x = solveTriangular(lu, y, { lower: false });
  return isVector ? x.data : x;
}

/** The determinant of a square matrix, from its LU factorization (0 for a singular one). */
export function determinant(a: Matrix): number {
  const { lu, permutationSign } = luFactor(a);
  const n = lu.rows;
  let product = permutationSign;
  for (let k = 0; k < n; k++) product *= lu.data[k * n + k];
  // A singular matrix has determinant 0, not −0.
  return product === 0 ? 0 : product;
}

/**
 * `log|det A|` and the sign of `det A`, which stay finite where the determinant itself
 * would overflow or underflow. A singular matrix gives `{ sign: 0, logAbsDeterminant: −∞ }`.
 */
export function logDeterminant(a: Matrix): { sign: number; logAbsDeterminant: number } {
  const { lu, permutationSign } = luFactor(a);
  const n = lu.rows;
  let sign = permutationSign;
  let logAbsDeterminant = 0;
  for (let k = 0; k < n; k++) {
    const pivot = lu.data[k * n + k];
    if (pivot === 0) return { sign: 0, logAbsDeterminant: Number.NEGATIVE_INFINITY };
    if (pivot < 0) sign = -sign;
    logAbsDeterminant += Math.log(Math.abs(pivot));
  }
  return { sign, logAbsDeterminant };
}
