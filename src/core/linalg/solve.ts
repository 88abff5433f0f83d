/**
 * General square solves `A·x = b` and the inverse, through LU with partial pivoting.
 * Prefer `solve` to `inverse(a)` times b: it is cheaper and more accurate.
 */
import { assertNonsingular, luFactor, luSolve } from './lu.js';
import { identity, type Matrix } from './matrix.js';

/**
 * Solves `A·x = b` for a square, nonsingular A. A vector `b` gives a vector; a matrix `b`
 * (one right-hand side per column) gives a matrix. Throws, naming the failing pivot, when A
 * is singular to working precision.
 */
export function solve(a: Matrix, b: Float64Array): Float64Array;
export function solve(a: Matrix, b: Matrix): Matrix;
export function solve(a: Matrix, b: Float64Array | Matrix): Float64Array | Matrix {
  const rows = b instanceof Float64Array ? b.length : b.rows;
  if (a.rows !== a.cols) throw new Error(`solve: a must be square, got ${a.rows}×${a.cols}`);
  if (rows !== a.rows) throw new Error(`solve: b must have a.rows = ${a.rows} rows, got ${rows}`);
  const factorization = luFactor(a);
  assertNonsingular(factorization, 'solve');
  return b instanceof Float64Array ? luSolve(factorization, b) : luSolve(factorization, b);
}

/** The inverse `A⁻¹` of a square, nonsingular matrix (throws like {@link solve} otherwise). */
export function inverse(a: Matrix): Matrix {
  if (a.rows !== a.cols) throw new Error(`inverse: a must be square, got ${a.rows}×${a.cols}`);
  const factorization = luFactor(a);
  assertNonsingular(factorization, 'inverse');
  return luSolve(factorization, identity(a.rows));
}
