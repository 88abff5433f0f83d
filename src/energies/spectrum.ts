/**
 * Symmetric matrices with a prescribed spectrum: the raw material of ill-conditioned
 * quadratics and correlated Gaussians. A = Q·diag(λ)·Qᵀ with Q drawn from the Haar measure
 * on the orthogonal group, so every direction is equally likely to be stiff.
 */
import { type Matrix, matrix, qr } from '../core/linalg/index.js';
import { type Key, normal } from '../core/random/index.js';
import { assertInteger, assertPositive } from '../core/validate.js';

/**
 * `count` values log-spaced from `smallest` to `smallest · conditionNumber` (ascending):
 * λ_i = smallest · κ^{i/(count−1)}; a single value is `smallest`.
 */
export function logSpacedEigenvalues(count: number, conditionNumber: number, smallest = 1): Float64Array {
  const where = 'logSpacedEigenvalues';
  assertInteger(where, 'count', count, 1);
  assertPositive(where, 'conditionNumber', conditionNumber);
  if (conditionNumber < 1) {
    throw new RangeError(`${where}: conditionNumber must be ≥ 1, got ${conditionNumber}`);
  }
  assertPositive(where, 'smallest', smallest);
  const out = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    out[i] = count === 1 ? smallest : smallest * conditionNumber ** (i / (count - 1));
  }
  // Pin the top value so that max/min is κ to the last bit.
  if (count > 1) out[count - 1] = smallest * conditionNumber;
  return out;
}

/**
 * A Haar-random n×n orthogonal matrix: the Q of a QR factorization of a standard Gaussian
 * matrix with R's diagonal made positive (Mezzadri 2007); deterministic in `key`.
 */
export function randomOrthogonal(key: Key, dimension: number): Matrix {
  assertInteger('randomOrthogonal', 'dimension', dimension, 1);
  // linalg's qr already returns R with a non-negative diagonal, which is the sign fix.
  return qr(matrix(dimension, dimension, normal(key, dimension * dimension))).q;
}

/** Q·diag(λ)·Qᵀ, exactly symmetrized (so Cholesky's symmetry check sees no rounding gap). */
export function matrixFromSpectrum(rotation: Matrix, eigenvalues: ArrayLike<number>): Matrix {
  const n = eigenvalues.length;
  if (rotation.rows !== n || rotation.cols !== n) {
    throw new RangeError(
      `matrixFromSpectrum: rotation must be ${n}×${n} to match the eigenvalues, got ${rotation.rows}×${rotation.cols}`,
    );
  }
  const q = rotation.data;
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += q[i * n + k] * eigenvalues[k] * q[j * n + k];
      out[i * n + j] = s;
      out[j * n + i] = s;
    }
  }
  return { rows: n, cols: n, data: out };
}
