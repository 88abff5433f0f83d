/**
 * Internal vector kernels shared by the solvers: dot products, norms, updates and the
 * Householder reflector. They work on a segment `[offset, offset + length)` of a
 * Float64Array so that rows of a row-major matrix need no copy.
 */
import { portableHypot } from '../math/hypot.js';

/**
 * `Σ x[xOffset + i] · y[yOffset + i]` for `i < length`. Four partial sums break the
 * dependency chain of one accumulator, which makes this about twice as fast in V8.
 */
export function dot(
  x: Float64Array,
  y: Float64Array,
  length: number = x.length,
  xOffset = 0,
  yOffset = 0,
): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let i = 0;
  for (; i + 3 < length; i += 4) {
    const a = xOffset + i;
    const b = yOffset + i;
    s0 += x[a] * y[b];
    s1 += x[a + 1] * y[b + 1];
    s2 += x[a + 2] * y[b + 2];
    s3 += x[a + 3] * y[b + 3];
  }
  for (; i < length; i++) s0 += x[xOffset + i] * y[yOffset + i];
  return s0 + s1 + (s2 + s3);
}

/**
 * The Euclidean norm of a segment. The plain sum of squares is used when it cannot
 * overflow or underflow; otherwise the entries are scaled by the largest one first.
 */
export function norm2(x: Float64Array, length: number = x.length, offset = 0): number {
  let sum = 0;
  for (let i = 0; i < length; i++) {
    const v = x[offset + i];
    sum += v * v;
  }
  // Sums of squares between these bounds lost no precision to under- or overflow.
  if (sum > 1e-290 && sum < 1e290) return Math.sqrt(sum);
  let largest = 0;
  for (let i = 0; i < length; i++) largest = Math.max(largest, Math.abs(x[offset + i]));
  if (largest === 0 || !Number.isFinite(largest)) return largest;
  sum = 0;
  for (let i = 0; i < length; i++) {
    const v = x[offset + i] / largest;
    sum += v * v;
  }
  return largest * Math.sqrt(sum);
}

/** `y[yOffset + i] += a · x[xOffset + i]` for `i < length` (unrolled like {@link dot}). */
export function axpy(
  a: number,
  x: Float64Array,
  y: Float64Array,
  length: number = x.length,
  xOffset = 0,
  yOffset = 0,
): void {
  if (a === 0) return;
  let i = 0;
  for (; i + 3 < length; i += 4) {
    const p = xOffset + i;
    const q = yOffset + i;
    y[q] += a * x[p];
    y[q + 1] += a * x[p + 1];
    y[q + 2] += a * x[p + 2];
    y[q + 3] += a * x[p + 3];
  }
  for (; i < length; i++) y[yOffset + i] += a * x[xOffset + i];
}

/**
 * Turns the segment `x = v[offset .. offset + length)` into a Householder vector in place
 * (LAPACK's dlarfg): afterwards `v[offset] = 1` and `H = I − tau·v·vᵀ` maps the original
 * `x` to `beta·e₁`. Returns `{ tau, beta }`; `tau = 0` means `H = I` (x already a multiple
 * of e₁). `beta` gets the sign opposite to `x₀` so that `x₀ − beta` never cancels.
 */
export function householder(v: Float64Array, offset: number, length: number): { tau: number; beta: number } {
  const alpha = v[offset];
  const tailNorm = length > 1 ? norm2(v, length - 1, offset + 1) : 0;
  if (tailNorm === 0) {
    v[offset] = 1;
    return { tau: 0, beta: alpha };
  }
  // portableHypot rather than Math.hypot, whose last bit differs between engines.
  const beta = (alpha >= 0 ? -1 : 1) * portableHypot(alpha, tailNorm);
  const tau = (beta - alpha) / beta;
  const inverse = 1 / (alpha - beta);
  for (let i = 1; i < length; i++) v[offset + i] *= inverse;
  v[offset] = 1;
  return { tau, beta };
}
