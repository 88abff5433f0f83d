/**
 * Internal: the implicit symmetric QL algorithm with Wilkinson shifts on a tridiagonal
 * matrix, shared by `eigh` (after Householder tridiagonalization) and by Lanczos.
 *
 * The rotations can be applied to any number of columns of the (transposed) eigenvector
 * matrix: all of them for eigenvectors, or only the last one when Lanczos needs just the
 * last components of its Ritz vectors, which costs O(n²) instead of O(n³).
 */

const EPSILON = Number.EPSILON;
/** QL converges in about two sweeps per eigenvalue; this many without a split means trouble. */
const MAX_SWEEPS_PER_EIGENVALUE = 60;

/**
 * `sqrt(a² + b²)` without spurious overflow or underflow; several times faster than
 * `Math.hypot`, which dominates the QL sweep otherwise.
 */
function hypot(a: number, b: number): number {
  const sum = a * a + b * b;
  // Inside these bounds neither square lost precision to underflow nor overflowed.
  if (sum > 1e-290 && sum < 1e290) return Math.sqrt(sum);
  const x = Math.abs(a);
  const y = Math.abs(b);
  const big = Math.max(x, y);
  if (big === 0 || big === Number.POSITIVE_INFINITY) return big;
  const ratio = Math.min(x, y) / big;
  return big * Math.sqrt(1 + ratio * ratio);
}

/**
 * Diagonalizes the symmetric tridiagonal matrix with diagonal `d` (length n) and
 * off-diagonal `offDiagonal` (`offDiagonal[i]` couples i and i+1, length ≥ n − 1).
 * On return `d` holds the eigenvalues (unsorted). If `z` is given it is an n×p row-major
 * array that is left-multiplied by the transposed rotations: starting from `z = I`, row i of
 * the result is the eigenvector of `d[i]`; starting from the last column of I, entry i is
 * the last component of that eigenvector. `offDiagonal` is not modified.
 */
export function tridiagonalQl(
  d: Float64Array,
  offDiagonal: ArrayLike<number>,
  z: Float64Array | null = null,
  p = 0,
): void {
  const n = d.length;
  const e = new Float64Array(n);
  for (let i = 0; i + 1 < n; i++) e[i] = offDiagonal[i];

  for (let l = 0; l < n; l++) {
    let sweeps = 0;
    for (;;) {
      // Find the first negligible off-diagonal entry at or after l: the block l..m splits off.
      let m = l;
      for (; m < n - 1; m++) {
        const scale = Math.abs(d[m]) + Math.abs(d[m + 1]);
        if (Math.abs(e[m]) <= EPSILON * scale) break;
      }
      if (m === l) break;
      if (sweeps++ >= MAX_SWEEPS_PER_EIGENVALUE) {
        throw new Error(
          `tridiagonalQl: no convergence for eigenvalue ${l} after ${MAX_SWEEPS_PER_EIGENVALUE} sweeps ` +
            '(is the input finite?)',
        );
      }
      // Wilkinson shift: the eigenvalue of the leading 2×2 block closer to d[l].
      let g = (d[l + 1] - d[l]) / (2 * e[l]);
      let r = hypot(g, 1);
      g = d[m] - d[l] + e[l] / (g + (g >= 0 ? r : -r));
      let s = 1;
      let c = 1;
      let shiftAccumulated = 0;
      let deflatedEarly = false;
      // Chase the bulge from the bottom of the block up to l with Givens rotations.
      for (let i = m - 1; i >= l; i--) {
        const f = s * e[i];
        const b = c * e[i];
        r = hypot(f, g);
        e[i + 1] = r;
        if (r === 0) {
          // Underflow: the block splits at i + 1; restart the sweep on the smaller block.
          d[i + 1] -= shiftAccumulated;
          e[m] = 0;
          deflatedEarly = true;
          break;
        }
        s = f / r;
        c = g / r;
        g = d[i + 1] - shiftAccumulated;
        r = (d[i] - g) * s + 2 * c * b;
        shiftAccumulated = s * r;
        d[i + 1] = g + shiftAccumulated;
        g = c * r - b;
        if (z !== null) {
          const rowI = i * p;
          const rowNext = rowI + p;
          for (let k = 0; k < p; k++) {
            const t = z[rowNext + k];
            const zi = z[rowI + k];
            z[rowNext + k] = s * zi + c * t;
            z[rowI + k] = c * zi - s * t;
          }
        }
      }
      if (deflatedEarly) continue;
      d[l] -= shiftAccumulated;
      e[l] = g;
      e[m] = 0;
    }
  }
}

/** Indices that sort `values` ascending (stable). */
export function ascendingOrder(values: Float64Array): Int32Array {
  const order = Array.from({ length: values.length }, (_, i) => i);
  order.sort((i, j) => values[i] - values[j] || i - j);
  return Int32Array.from(order);
}
