/**
 * Complete elliptic integrals of the first and second kind by the arithmetic-geometric mean
 * (quadratic convergence: 5–6 iterations to full double precision).
 *
 *   K(k) = ∫₀^{π/2} dθ / √(1 − k² sin² θ) = π / (2 AGM(1, k')),   k' = √(1 − k²),
 *   E(k) = ∫₀^{π/2} √(1 − k² sin² θ) dθ = K(k) · (1 − Σ_{n≥0} 2^{n−1} c_n²),
 *
 * with c₀ = k and c_{n+1} = (a_n − b_n)/2 along the AGM (Abramowitz & Stegun 17.6).
 *
 * ⚠ These take the modulus k. Many libraries (SciPy's `ellipk`, Boost's `ellint_1` with m) take
 * the parameter m = k²; passing k where m is expected silently gives a different number.
 * Near k = 1 the complementary modulus k' is better known than k (1 − k² cancels), so the
 * `…FromComplement` forms take k' directly.
 */
import { assertFinite } from './validate.js';

/** AGM(a, b) of two numbers ≥ 0. */
export function arithmeticGeometricMean(a: number, b: number): number {
  assertFinite('arithmeticGeometricMean', 'a', a);
  assertFinite('arithmeticGeometricMean', 'b', b);
  if (a < 0 || b < 0) {
    throw new RangeError(`arithmeticGeometricMean: a and b must be ≥ 0, got ${a} and ${b}`);
  }
  for (let i = 0; i < 64 && Math.abs(a - b) > 1e-16 * a; i++) {
    const next = (a + b) / 2;
    b = Math.sqrt(a * b);
    a = next;
  }
  return (a + b) / 2;
}

function assertModulus(where: string, name: string, value: number): void {
  assertFinite(where, name, value);
  if (value < 0 || value > 1) throw new RangeError(`${where}: ${name} must be in [0, 1], got ${value}`);
}

/** K and E from k' and k (both given, for accuracy near either end). */
function completeIntegrals(complement: number, modulus: number): { first: number; second: number } {
  if (complement === 0) return { first: Number.POSITIVE_INFINITY, second: 1 };
  let a = 1;
  let b = complement;
  let c = modulus;
  let power = 0.5;
  let sum = power * c * c;
  for (let i = 0; i < 64 && Math.abs(a - b) > 1e-16 * a; i++) {
    c = (a - b) / 2;
    const next = (a + b) / 2;
    b = Math.sqrt(a * b);
    a = next;
    power *= 2;
    sum += power * c * c;
  }
  const first = Math.PI / (a + b);
  return { first, second: first * (1 - sum) };
}

/**
 * The complete elliptic integral of the first kind K(k) of modulus k ∈ [0, 1] (+∞ at k = 1).
 * ⚠ k is the modulus, not the parameter m = k².
 */
export function completeEllipticK(modulus: number): number {
  assertModulus('completeEllipticK', 'modulus', modulus);
  return completeIntegrals(Math.sqrt((1 - modulus) * (1 + modulus)), modulus).first;
}

/** K(k) from the complementary modulus k' = √(1 − k²) ∈ [0, 1], accurate as k → 1. */
export function completeEllipticKFromComplement(complementaryModulus: number): number {
  assertModulus('completeEllipticKFromComplement', 'complementaryModulus', complementaryModulus);
  const k = complementaryModulus;
  return completeIntegrals(k, Math.sqrt((1 - k) * (1 + k))).first;
}

/**
 * The complete elliptic integral of the second kind E(k) of modulus k ∈ [0, 1] (1 at k = 1).
 * ⚠ k is the modulus, not the parameter m = k².
 */
export function completeEllipticE(modulus: number): number {
  assertModulus('completeEllipticE', 'modulus', modulus);
  return completeIntegrals(Math.sqrt((1 - modulus) * (1 + modulus)), modulus).second;
}

/** E(k) from the complementary modulus k' = √(1 − k²) ∈ [0, 1], accurate as k → 1. */
export function completeEllipticEFromComplement(complementaryModulus: number): number {
  assertModulus('completeEllipticEFromComplement', 'complementaryModulus', complementaryModulus);
  const k = complementaryModulus;
  return completeIntegrals(k, Math.sqrt((1 - k) * (1 + k))).second;
}
