/**
 * Shared helpers of the lattice tests: reference Int8Array lattices and arithmetic, and the
 * statistics of a chain's time series.
 *
 * Statistical threshold: a z-score (difference over its autocorrelation-corrected standard error,
 * from batch means with 40 batches) must stay within Z_LIMIT = 4.5. For a Student t with 39
 * degrees of freedom that fails with probability about 6e-5 per check, so a correct kernel fails
 * one of the ~30 checks below with probability under 0.2%; seeds are fixed, so the outcome is
 * deterministic, and negative controls show the checks can fail.
 */
import { batchMeansStandardError } from '../../src/diagnostics/index.js';

/** Largest |z| accepted by the statistical checks. */
export const Z_LIMIT = 4.5;

/** Batches used for the batch-means standard error. */
export const BATCHES = 40;

/** Mean of a series. */
export function mean(values: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i];
  return sum / values.length;
}

/** Batch-means standard error of the mean of one correlated series (40 batches). */
export function standardError(values: Float64Array): number {
  const batchSize = Math.floor(values.length / BATCHES);
  return batchMeansStandardError([values.subarray(0, batchSize * BATCHES)], { batchSize });
}

/** |x| of every entry. */
export function absolute(values: Float64Array): Float64Array {
  return values.map(Math.abs);
}

/** Row-major ±1 spins `spins[row·L + column]` from 32-bit words, one bit per spin. */
export function randomSpins(size: number, words: Uint32Array): Int8Array {
  const spins = new Int8Array(size * size);
  for (let i = 0; i < spins.length; i++) spins[i] = (words[i >> 5] >>> (i & 31)) & 1 ? 1 : -1;
  return spins;
}

/** Sum of the four periodic neighbours of (row, column) on a row-major L × L lattice. */
export function neighbourSum(spins: Int8Array, size: number, row: number, column: number): number {
  const up = (row + size - 1) % size;
  const down = (row + 1) % size;
  const left = (column + size - 1) % size;
  const right = (column + 1) % size;
  return (
    spins[up * size + column] +
    spins[down * size + column] +
    spins[row * size + left] +
    spins[row * size + right]
  );
}

/** E = −J Σᵢ sᵢ (s_right + s_down) − h Σᵢ sᵢ and M = Σᵢ sᵢ, by plain arithmetic. */
export function energyAndMagnetization(
  spins: Int8Array,
  size: number,
  coupling = 1,
  field = 0,
): { energy: number; magnetization: number } {
  let bonds = 0;
  let magnetization = 0;
  for (let row = 0; row < size; row++) {
    for (let column = 0; column < size; column++) {
      const s = spins[row * size + column];
      bonds += s * (spins[row * size + ((column + 1) % size)] + spins[((row + 1) % size) * size + column]);
      magnetization += s;
    }
  }
  return { energy: -coupling * bonds - field * magnetization, magnetization };
}
