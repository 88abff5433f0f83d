/**
 * Householder QR factorization `A = Q·R` of any m×n matrix.
 *
 * Householder reflections keep Q orthonormal to machine precision whatever the rank of A
 * (Gram–Schmidt does not). We factor the transpose internally so that each column of A is
 * a contiguous row, then fix signs so that R has a non-negative diagonal, which makes the
 * factorization unique for full-rank A.
 */
import { assertFinite, type Matrix } from './matrix.js';
import { dot, householder } from './vector.js';

/** Options of {@link qr}. */
export interface QrOptions {
  /**
   * `'reduced'` (default): Q is m×k and R is k×n with k = min(m, n).
   * `'complete'`: Q is m×m (an orthonormal basis of the whole space) and R is m×n.
   */
  mode?: 'reduced' | 'complete';
}

/** The factors of {@link qr}: Q with orthonormal columns, R upper triangular (trapezoidal if m < n). */
export interface QrResult {
  q: Matrix;
  r: Matrix;
}

/**
 * Householder QR: `A = Q·R` with `QᵀQ = I`, R upper triangular and `R[i][i] ≥ 0`.
 * Works for tall (m > n), square and wide (m < n) matrices, and for rank-deficient ones
 * (R then has zeros on its diagonal; Q stays orthonormal).
 */
export function qr(a: Matrix, options: QrOptions = {}): QrResult {
  const mode = options.mode ?? 'reduced';
  if (mode !== 'reduced' && mode !== 'complete') {
    throw new Error(`qr: mode must be 'reduced' or 'complete', got ${String(mode)}`);
  }
  assertFinite(a, 'qr');
  const m = a.rows;
  const n = a.cols;
  const k = Math.min(m, n);

  // work = Aᵀ (n×m): row j is column j of A, so reflectors act on contiguous segments.
  const work = new Float64Array(n * m);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) work[j * m + i] = a.data[i * n + j];
  }

  const reflectors: Float64Array[] = [];
  const taus = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    const length = m - j;
    const v = work.slice(j * m + j, j * m + m);
    const { tau, beta } = householder(v, 0, length);
    taus[j] = tau;
    reflectors.push(v);
    // Column j of the reduced matrix becomes beta·e_j.
    work[j * m + j] = beta;
    work.fill(0, j * m + j + 1, j * m + m);
    if (tau === 0) continue;
    // Apply H = I − tau·v·vᵀ to the remaining columns of A (rows of work).
    for (let c = j + 1; c < n; c++) {
      const base = c * m + j;
      const s = tau * dot(v, work, length, 0, base);
      if (s === 0) continue;
      for (let i = 0; i < length; i++) work[base + i] -= s * v[i];
    }
  }

  // Q = H₀·H₁···H_{k−1}·E, accumulated backwards on Qᵀ = Eᵀ·H_{k−1}···H₀ so every update
  // is a row operation; at stage j only rows r ≥ j differ from the identity.
  const p = mode === 'complete' ? m : k;
  const qt = new Float64Array(p * m);
  for (let r = 0; r < p; r++) qt[r * m + r] = 1;
  for (let j = k - 1; j >= 0; j--) {
    const tau = taus[j];
    if (tau === 0) continue;
    const v = reflectors[j];
    const length = m - j;
    for (let r = j; r < p; r++) {
      const base = r * m + j;
      const s = tau * dot(v, qt, length, 0, base);
      if (s === 0) continue;
      for (let i = 0; i < length; i++) qt[base + i] -= s * v[i];
    }
  }

  const rRows = mode === 'complete' ? m : k;
  const rData = new Float64Array(rRows * n);
  for (let j = 0; j < n; j++) {
    const top = Math.min(j, k - 1);
    for (let i = 0; i <= top; i++) rData[i * n + j] = work[j * m + i];
  }
  // Sign convention: flip row i of R and column i of Q together, so R[i][i] ≥ 0.
  for (let i = 0; i < k; i++) {
    if (rData[i * n + i] >= 0) continue;
    for (let j = i; j < n; j++) rData[i * n + j] = -rData[i * n + j];
    for (let c = 0; c < m; c++) qt[i * m + c] = -qt[i * m + c];
  }

  const qData = new Float64Array(m * p);
  for (let r = 0; r < p; r++) {
    for (let c = 0; c < m; c++) qData[c * p + r] = qt[r * m + c];
  }
  return { q: { rows: m, cols: p, data: qData }, r: { rows: rRows, cols: n, data: rData } };
}
