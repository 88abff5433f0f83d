/**
 * Symmetric eigensolver: `A = V·diag(λ)·Vᵀ` with orthonormal V.
 *
 * Two classic stages: Householder reflections reduce A to a tridiagonal T = QᵀAQ (O(n³),
 * backward stable), then the implicit QL algorithm with Wilkinson shifts diagonalizes T
 * (cubic convergence per eigenvalue). Eigenvectors are carried as rows while rotating so
 * every update runs over contiguous memory.
 */
import { assertFinite, assertSymmetric, type Matrix } from './matrix.js';
import { ascendingOrder, tridiagonalQl } from './tridiagonal-ql.js';
import { dot, householder } from './vector.js';

/** Options of {@link eigh}. */
export interface EighOptions {
  /**
   * Largest accepted asymmetry `|a_ij − a_ji|`, relative to `max|a|` (default 1e-10).
   * The solver uses the symmetric part `(A + Aᵀ)/2`.
   */
  symmetryTolerance?: number;
}

/** Eigen-decomposition of a symmetric matrix. */
export interface EighResult {
  /** Eigenvalues in ascending order. */
  values: Float64Array;
  /** Orthonormal eigenvectors as columns: column j belongs to `values[j]`. */
  vectors: Matrix;
}

/** Options of {@link eighTridiagonal}. */
export interface EighTridiagonalOptions {
  /** Compute the eigenvectors too (default true). */
  vectors?: boolean;
}

/** Eigen-decomposition of a symmetric tridiagonal matrix; `vectors` is absent when not asked for. */
export interface EighTridiagonalResult {
  /** Eigenvalues in ascending order. */
  values: Float64Array;
  /** Orthonormal eigenvectors as columns, when requested. */
  vectors?: Matrix;
}

function symmetryToleranceOf(options: EighOptions): number {
  const tolerance = options.symmetryTolerance ?? 1e-10;
  if (!(tolerance >= 0)) {
    throw new Error(`eigh: symmetryTolerance must be a number ≥ 0, got ${tolerance}`);
  }
  return tolerance;
}

/**
 * Householder tridiagonalization of the symmetric part of `a`: returns the diagonal and
 * off-diagonal of T and, if asked, Qᵀ (row-major n×n) with A = Q·T·Qᵀ.
 */
function tridiagonalize(
  a: Matrix,
  wantTransform: boolean,
): { diagonal: Float64Array; offDiagonal: Float64Array; qt: Float64Array | null } {
  const n = a.rows;
  const work = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) work[i * n + j] = 0.5 * (a.data[i * n + j] + a.data[j * n + i]);
  }
  const diagonal = new Float64Array(n);
  const offDiagonal = new Float64Array(Math.max(n - 1, 0));
  const reflectors: Float64Array[] = [];
  const taus = new Float64Array(n);
  const p = new Float64Array(n);

  for (let k = 0; k + 2 < n; k++) {
    const length = n - k - 1;
    const start = k + 1;
    // Row k right of the diagonal equals column k below it.
    const v = work.slice(k * n + start, k * n + n);
    const { tau, beta } = householder(v, 0, length);
    diagonal[k] = work[k * n + k];
    offDiagonal[k] = beta;
    taus[k] = tau;
    reflectors.push(v);
    if (tau === 0) continue;
    // Two-sided update B ← H·B·H of the trailing block as a symmetric rank-2 update:
    // p = tau·B·v, w = p − (tau/2)(pᵀv)·v, B ← B − v·wᵀ − w·vᵀ.
    for (let i = 0; i < length; i++) p[i] = tau * dot(work, v, length, (start + i) * n + start, 0);
    const half = 0.5 * tau * dot(p, v, length);
    for (let i = 0; i < length; i++) p[i] -= half * v[i];
    for (let i = 0; i < length; i++) {
      const base = (start + i) * n + start;
      const vi = v[i];
      const wi = p[i];
      for (let j = 0; j < length; j++) work[base + j] -= vi * p[j] + wi * v[j];
    }
  }
  if (n >= 2) {
    diagonal[n - 2] = work[(n - 2) * n + n - 2];
    offDiagonal[n - 2] = work[(n - 2) * n + n - 1];
  }
  if (n >= 1) diagonal[n - 1] = work[n * n - 1];
  if (!wantTransform) return { diagonal, offDiagonal, qt: null };

  // Qᵀ = H_{n−3}···H₀, accumulated from the right starting at the last reflector:
  // at stage k only rows and columns ≥ k + 1 differ from the identity.
  const qt = new Float64Array(n * n);
  for (let i = 0; i < n; i++) qt[i * n + i] = 1;
  for (let k = n - 3; k >= 0; k--) {
    const tau = taus[k];
    if (tau === 0) continue;
    const v = reflectors[k];
    const start = k + 1;
    const length = n - start;
    for (let r = start; r < n; r++) {
      const base = r * n + start;
      const s = tau * dot(qt, v, length, base, 0);
      if (s === 0) continue;
      for (let j = 0; j < length; j++) qt[base + j] -= s * v[j];
    }
  }
  return { diagonal, offDiagonal, qt };
}

/** Sorts eigenvalues ascending and turns eigenvector rows of `zt` (n×n) into matrix columns. */
function sortedPairs(values: Float64Array, zt: Float64Array | null): EighTridiagonalResult {
  const n = values.length;
  const order = ascendingOrder(values);
  const sorted = new Float64Array(n);
  for (let j = 0; j < n; j++) sorted[j] = values[order[j]];
  if (zt === null) return { values: sorted };
  const vectors = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    const row = order[j] * n;
    for (let k = 0; k < n; k++) vectors[k * n + j] = zt[row + k];
  }
  return { values: sorted, vectors: { rows: n, cols: n, data: vectors } };
}

/**
 * Eigenvalues (ascending) and orthonormal eigenvectors (columns) of a symmetric matrix.
 * Throws if `a` is not square, has a non-finite entry, or is not symmetric within
 * `symmetryTolerance`.
 */
export function eigh(a: Matrix, options: EighOptions = {}): EighResult {
  const tolerance = symmetryToleranceOf(options);
  assertFinite(a, 'eigh');
  assertSymmetric(a, 'eigh', tolerance);
  const { diagonal, offDiagonal, qt } = tridiagonalize(a, true);
  tridiagonalQl(diagonal, offDiagonal, qt, a.rows);
  const { values, vectors } = sortedPairs(diagonal, qt);
  return { values, vectors: vectors! };
}

/**
 * Eigenvalues only (ascending) of a symmetric matrix: about three times cheaper than
 * {@link eigh} because no transformation is accumulated.
 */
export function symmetricEigenvalues(a: Matrix, options: EighOptions = {}): Float64Array {
  const tolerance = symmetryToleranceOf(options);
  assertFinite(a, 'symmetricEigenvalues');
  assertSymmetric(a, 'symmetricEigenvalues', tolerance);
  const { diagonal, offDiagonal } = tridiagonalize(a, false);
  tridiagonalQl(diagonal, offDiagonal);
  return sortedPairs(diagonal, null).values;
}

/**
 * Eigen-decomposition of the symmetric tridiagonal matrix with the given `diagonal`
 * (length n) and `offDiagonal` (length n − 1; entry i couples rows i and i + 1).
 * Eigenvalues ascending; eigenvectors as columns when `vectors` is true (default).
 */
export function eighTridiagonal(
  diagonal: ArrayLike<number>,
  offDiagonal: ArrayLike<number>,
  options: EighTridiagonalOptions = {},
): EighTridiagonalResult {
  const n = diagonal.length;
  if (offDiagonal.length !== Math.max(n - 1, 0)) {
    throw new Error(
      `eighTridiagonal: offDiagonal must have diagonal.length − 1 = ${Math.max(n - 1, 0)} entries, ` +
        `got ${offDiagonal.length}`,
    );
  }
  for (const [name, values] of [
    ['diagonal', diagonal],
    ['offDiagonal', offDiagonal],
  ] as const) {
    for (let i = 0; i < values.length; i++) {
      if (!Number.isFinite(values[i])) {
        throw new Error(`eighTridiagonal: ${name} entries must be finite, but ${name}[${i}] = ${values[i]}`);
      }
    }
  }
  const d = Float64Array.from(diagonal);
  const wantVectors = options.vectors ?? true;
  let zt: Float64Array | null = null;
  if (wantVectors) {
    zt = new Float64Array(n * n);
    for (let i = 0; i < n; i++) zt[i * n + i] = 1;
  }
  tridiagonalQl(d, offDiagonal, zt, n);
  return sortedPairs(d, zt);
}
