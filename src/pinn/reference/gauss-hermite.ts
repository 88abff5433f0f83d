/**
 * Gauss–Hermite quadrature: ∫ f(z) e^{−z²} dz ≈ Σᵢ wᵢ f(zᵢ), exact for polynomials of degree
 * < 2n.
 *
 * Nodes: the eigenvalues of the Jacobi matrix of the Hermite polynomials (Golub–Welsch: zero
 * diagonal, off-diagonal √(k/2)), then polished by Newton steps on the three-term recurrence.
 * Weights come from the recurrence, not from eigenvector components: wᵢ = e^{−zᵢ²}/(n φ_{n−1}(zᵢ)²)
 * with φ_k the orthonormal Hermite functions. The smallest weights (e^{−2n} for n nodes) would
 * lose all their relative accuracy as squared eigenvector entries, and they matter whenever the
 * integrand grows like e^{+z²}, as in the Cole–Hopf integrals of viscous Burgers. Their
 * logarithms are returned as well, so a caller can combine them with a large exponent before
 * exponentiating.
 */
import { tridiagonalQl } from '../../core/linalg/tridiagonal-ql.js';

/** The nodes (ascending) and weights of an n-point Gauss–Hermite rule for the weight e^{−z²}. */
export interface GaussHermiteRule {
  nodes: Float64Array;
  weights: Float64Array;
  /** ln wᵢ, accurate even where wᵢ underflows to 0. */
  logWeights: Float64Array;
}

/** The most nodes accepted (the Jacobi eigenproblem costs O(n²)). */
export const MAX_GAUSS_HERMITE_NODES = 4096;

/** φ_{n−1}(z) and φ_n(z), the orthonormal Hermite functions, as mantissas with a common ln scale. */
function hermiteFunctions(z: number, n: number): { previous: number; last: number; logScale: number } {
  // φ₀ = π^{−1/4} e^{−z²/2}; the e^{−z²/2} is kept in logScale so nothing underflows.
  let previous = 0;
  let last = Math.PI ** -0.25;
  let logScale = (-z * z) / 2;
  for (let k = 1; k <= n; k++) {
    const next = Math.sqrt(2 / k) * z * last - Math.sqrt((k - 1) / k) * previous;
    previous = last;
    last = next;
    // The polynomial part grows like z^k: rescale before it could overflow.
    if (Math.abs(last) > 1e150) {
      previous *= 1e-150;
      last *= 1e-150;
      logScale += 150 * Math.LN10;
    }
  }
  return { previous, last, logScale };
}

/** The n-point Gauss–Hermite rule (n an integer in [1, 4096]). */
export function gaussHermite(n: number): GaussHermiteRule {
  if (!Number.isInteger(n) || n < 1 || n > MAX_GAUSS_HERMITE_NODES) {
    throw new Error(`n must be an integer in [1, ${MAX_GAUSS_HERMITE_NODES}], got ${String(n)}`);
  }
  const nodes = new Float64Array(n);
  const offDiagonal = new Float64Array(Math.max(n - 1, 0));
  for (let k = 1; k < n; k++) offDiagonal[k - 1] = Math.sqrt(k / 2);
  tridiagonalQl(nodes, offDiagonal);
  nodes.sort();
  // The rule is symmetric: polish the non-negative half and mirror it, so ±zᵢ match exactly.
  const logWeights = new Float64Array(n);
  for (let i = Math.floor(n / 2); i < n; i++) {
    let z = i === (n - 1) / 2 ? 0 : nodes[i];
    for (let iteration = 0; iteration < 3 && z !== 0; iteration++) {
      // Newton on p_n, with p_n' = √(2n) p_{n−1} (the common factor e^{−z²/2} cancels).
      const { previous, last } = hermiteFunctions(z, n);
      z -= last / (Math.sqrt(2 * n) * previous);
    }
    const { previous, logScale } = hermiteFunctions(z, n);
    // wᵢ = e^{−z²}/(n φ_{n−1}(z)²), φ_{n−1} = previous · e^{logScale}.
    const logWeight = -z * z - Math.log(n) - 2 * (Math.log(Math.abs(previous)) + logScale);
    nodes[i] = z;
    nodes[n - 1 - i] = z === 0 ? 0 : -z;
    logWeights[i] = logWeight;
    logWeights[n - 1 - i] = logWeight;
  }
  return { nodes, weights: logWeights.map(Math.exp), logWeights };
}
