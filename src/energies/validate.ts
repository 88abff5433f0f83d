/**
 * Argument checks shared by the library energies (internal; not re-exported from `index.ts`):
 * the general checks live in `core/validate.ts`; the matrix and length checks are the energies' own.
 *
 * Every failure names the factory, the parameter, the allowed range and the value received, so
 * a user can fix the call without reading the source. Hot paths check only lengths (one compare).
 */
import type { Matrix } from '../core/linalg/index.js';
import { finiteArray } from '../core/validate.js';

/** Whether `value` looks like a linalg `Matrix` record. */
function isMatrix(value: unknown): value is Matrix {
  return (
    value !== null &&
    typeof value === 'object' &&
    typeof (value as Matrix).rows === 'number' &&
    typeof (value as Matrix).cols === 'number' &&
    (value as Matrix).data instanceof Float64Array
  );
}

/**
 * A finite square matrix, copied into a fresh row-major Float64Array: accepts a linalg `Matrix`,
 * a row-major array of n² numbers, or an array of rows. Returns the data and n.
 */
export function toSquareMatrix(
  where: string,
  name: string,
  value: unknown,
): { data: Float64Array; n: number } {
  let data: Float64Array;
  let n: number;
  if (isMatrix(value)) {
    if (value.rows !== value.cols) {
      throw new RangeError(`${where}: ${name} must be square, got ${value.rows}×${value.cols}`);
    }
    n = value.rows;
    data = finiteArray(where, name, value.data, n * n);
  } else if (Array.isArray(value) && value.length > 0 && Array.isArray(value[0])) {
    n = value.length;
    data = new Float64Array(n * n);
    for (let i = 0; i < n; i++) data.set(finiteArray(where, `${name}[${i}]`, value[i], n), i * n);
  } else {
    const flat = finiteArray(where, name, value);
    n = Math.round(Math.sqrt(flat.length));
    if (n * n !== flat.length) {
      throw new RangeError(`${where}: ${name} must hold n² entries (row-major n×n), got ${flat.length}`);
    }
    data = flat;
  }
  if (n < 1) throw new RangeError(`${where}: ${name} must be at least 1×1, got 0×0`);
  return { data, n };
}

/** Throws unless `data` (n×n row-major) is symmetric to a relative `tolerance`. */
export function assertSymmetricData(
  where: string,
  name: string,
  data: Float64Array,
  n: number,
  tolerance = 1e-10,
) {
  let scale = 0;
  for (let i = 0; i < data.length; i++) scale = Math.max(scale, Math.abs(data[i]));
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const gap = Math.abs(data[i * n + j] - data[j * n + i]);
      if (gap > tolerance * scale) {
        throw new RangeError(
          `${where}: ${name} must be symmetric, but entries (${i}, ${j}) and (${j}, ${i}) differ by ${gap}`,
        );
      }
    }
  }
}

/** Throws unless the hot-path argument has the energy's dimension (a single compare). */
export function assertLength(where: string, name: string, x: ArrayLike<number>, n: number): void {
  if (x.length !== n) throw new RangeError(`${where}: ${name} must have length ${n}, got ${x.length}`);
}
