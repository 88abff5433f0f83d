/**
 * The replica-symmetric theory of the Hebbian Hopfield network at T = 0 (Amit, Gutfreund and
 * Sompolinsky 1985, 1987). With y = m / √(2αr), the retrieval overlap m = erf(y) solves
 *
 *   y [√(2α) + (2/√π) e^{−y²}] = erf(y),
 *
 * whose non-zero solution disappears at the storage capacity α_c ≈ 0.1379, where
 * m_c ≈ 0.9674 (about 1.6% of the bits wrong).
 *
 * The solver: f(y) = erf(y) − y[√(2α) + (2/√π)e^{−y²}] is negative just above 0 (f′(0) = −√(2α))
 * and for y > 1/√(2α); a retrieval solution exists when f rises above 0 in between, and the
 * stable one is the largest root, found by bisection to full precision. At α_c the local
 * maximum of f touches zero: the two non-zero roots merge (a saddle-node bifurcation).
 */
import { assertInRange } from '../../core/validate.js';

const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

/**
 * The error function erf(x) = (2/√π) ∫₀ˣ e^{−t²} dt, to about 1e-15 absolute. For |x| < 6 it
 * sums the series (2/√π) e^{−x²} Σ_n 2ⁿ x^{2n+1} / (1·3·…·(2n+1)), whose terms are all positive
 * (no cancellation); beyond, erf(x) = ±1 to double precision (erfc(6) ≈ 2e-17).
 */
export function erf(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  const absolute = Math.abs(x);
  if (absolute >= 6) return Math.sign(x);
  const square = absolute * absolute;
  let term = absolute;
  let sum = absolute;
  for (let n = 1; n < 200; n++) {
    term *= (2 * square) / (2 * n + 1);
    sum += term;
    if (term < 1e-17 * sum) break;
  }
  const value = Math.min(1, TWO_OVER_SQRT_PI * Math.exp(-square) * sum);
  return x < 0 ? -value : value;
}

/** f(y) = erf(y) − y[√(2α) + (2/√π)e^{−y²}]: its largest positive root is the retrieval solution. */
function agsResidual(y: number, alpha: number): number {
  return erf(y) - y * (Math.sqrt(2 * alpha) + TWO_OVER_SQRT_PI * Math.exp(-y * y));
}

/** Bisection for a sign change of `f` in [low, high] (f(low) and f(high) of opposite signs). */
function bisect(f: (y: number) => number, low: number, high: number): number {
  let fLow = f(low);
  for (let iteration = 0; iteration < 200 && high - low > 1e-15 * Math.max(1, high); iteration++) {
    const middle = 0.5 * (low + high);
    const fMiddle = f(middle);
    if (fMiddle === 0) return middle;
    if (fMiddle > 0 === fLow > 0) {
      low = middle;
      fLow = fMiddle;
    } else {
      high = middle;
    }
  }
  return 0.5 * (low + high);
}

/**
 * The local maximum of f beyond y = 1. From f′(y) = −√(2α) + (4/√π) y² e^{−y²}, f falls, rises,
 * then falls again; its rising part ends at the root y₂ > 1 of y² e^{−y²} = √(2απ)/4 (where
 * y² e^{−y²} decreases). Null when y² e^{−y²} never reaches that level (f only falls).
 */
function residualPeak(alpha: number): { y: number; value: number } | null {
  const level = (Math.sqrt(2 * alpha) * Math.sqrt(Math.PI)) / 4;
  if (level >= Math.exp(-1)) return null;
  const g = (y: number) => y * y * Math.exp(-y * y) - level;
  let high = 2;
  while (g(high) > 0) high *= 2;
  const y = bisect(g, 1, high);
  return { y, value: agsResidual(y, alpha) };
}

/** The AGS retrieval solution at one load α. */
export interface AgsSolution {
  /** The load α = P/N. */
  alpha: number;
  /** True when a retrieval solution exists (α ≤ α_c). */
  retrieval: boolean;
  /** y = m/√(2αr) at the stable retrieval solution (0 when there is none). */
  y: number;
  /** The overlap m = erf(y) (0 when there is none). */
  overlap: number;
  /** Fraction of wrong bits (1 − m)/2 (½ when there is no retrieval). */
  errorFraction: number;
}

/**
 * The T = 0 replica-symmetric retrieval overlap m(α) of the Hebbian Hopfield network.
 * At α = 0, m = 1 exactly.
 * @param alpha the load P/N, in [0, 10].
 */
export function agsRetrievalOverlap(alpha: number): AgsSolution {
  assertInRange('agsRetrievalOverlap', 'alpha', alpha, 0, 10);
  if (alpha === 0)
    return { alpha, retrieval: true, y: Number.POSITIVE_INFINITY, overlap: 1, errorFraction: 0 };
  // f(y) ≤ 1 − y√(2α) < 0 for y > 1/√(2α): every root lies below.
  const yMax = 1 / Math.sqrt(2 * alpha) + 1;
  const peak = residualPeak(alpha);
  if (peak === null || !(peak.value > 0))
    return { alpha, retrieval: false, y: 0, overlap: 0, errorFraction: 0.5 };
  const y = bisect((t) => agsResidual(t, alpha), peak.y, yMax);
  const overlap = erf(y);
  return { alpha, retrieval: true, y, overlap, errorFraction: (1 - overlap) / 2 };
}

/** The storage capacity of the replica-symmetric theory and the overlap there. */
export interface AgsCriticalPoint {
  /** α_c ≈ 0.1379: the largest load with a retrieval solution. */
  alpha: number;
  /** m_c ≈ 0.9674: the retrieval overlap at α_c. */
  overlap: number;
  /** (1 − m_c)/2 ≈ 0.016. */
  errorFraction: number;
}

/**
 * The critical load α_c, where the local maximum of f over y touches zero, by bisection on α
 * (to about 1e-15), with the overlap m_c = erf(y_c) at the tangency point.
 */
export function agsCriticalPoint(): AgsCriticalPoint {
  let low = 0.1;
  let high = 0.2;
  for (let iteration = 0; iteration < 60; iteration++) {
    const middle = 0.5 * (low + high);
    const peak = residualPeak(middle);
    if (peak !== null && peak.value > 0) low = middle;
    else high = middle;
  }
  const alpha = 0.5 * (low + high);
  const overlap = erf((residualPeak(alpha) as { y: number }).y);
  return { alpha, overlap, errorFraction: (1 - overlap) / 2 };
}
