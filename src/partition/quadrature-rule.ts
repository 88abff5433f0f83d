/**
 * Fixed quadrature rules on [lower, upper] for thermodynamic integration, where every node costs
 * a Monte Carlo run and so the rule is chosen before any integrand value is known.
 *
 * - Gauss–Legendre with n nodes is exact for polynomials of degree 2n − 1; for the analytic
 *   ⟨E⟩(β) of a finite system it converges exponentially in n. Nodes are the roots of P_n, found
 *   by Newton's method from Tricomi's initial guesses; weights 2/((1 − x²) P_n'(x)²).
 * - Composite Simpson on an odd number of equally spaced points, error O(h⁴), which includes
 *   both ends (so ⟨E⟩ at the target β comes for free).
 */
import { assertFinite, assertInteger } from '../core/validate.js';

/** Nodes and weights: ∫ f ≈ Σ weights[k]·f(nodes[k]). Nodes ascend. */
export interface QuadratureRule {
  readonly nodes: Float64Array;
  readonly weights: Float64Array;
}

function checkInterval(where: string, lower: number, upper: number): void {
  assertFinite(where, 'lower', lower);
  assertFinite(where, 'upper', upper);
  if (!(upper > lower)) throw new RangeError(`${where}: upper must be > lower (${lower}), got ${upper}`);
}

/** The n-point Gauss–Legendre rule on [lower, upper], n an integer in [1, 1000]. */
export function gaussLegendreRule(count: number, lower: number, upper: number): QuadratureRule {
  const where = 'gaussLegendreRule';
  assertInteger(where, 'count', count, 1, 1000);
  checkInterval(where, lower, upper);
  const nodes = new Float64Array(count);
  const weights = new Float64Array(count);
  const middle = (lower + upper) / 2;
  const half = (upper - lower) / 2;
  for (let i = 0; i < Math.ceil(count / 2); i++) {
    // Root i of P_n, counted from the right end; the roots are symmetric about 0.
    let x = Math.cos((Math.PI * (i + 0.75)) / (count + 0.5));
    let derivative = 0;
    for (let iteration = 0; iteration < 100; iteration++) {
      let previous = 1;
      let current = x;
      for (let k = 2; k <= count; k++) {
        const next = ((2 * k - 1) * x * current - (k - 1) * previous) / k;
        previous = current;
        current = next;
      }
      derivative = (count * (x * current - previous)) / (x * x - 1);
      const step = current / derivative;
      x -= step;
      if (Math.abs(step) < 1e-16) break;
    }
    const weight = 2 / ((1 - x * x) * derivative * derivative);
    nodes[count - 1 - i] = middle + half * x;
    nodes[i] = middle - half * x;
    weights[count - 1 - i] = half * weight;
    weights[i] = half * weight;
  }
  return { nodes, weights };
}

/** Composite Simpson on `count` equally spaced points including both ends; count odd, ≥ 3. */
export function simpsonRule(count: number, lower: number, upper: number): QuadratureRule {
  const where = 'simpsonRule';
  assertInteger(where, 'count', count, 3, 1e6);
  if (count % 2 === 0)
    throw new RangeError(`${where}: count must be odd (an even number of intervals), got ${count}`);
  checkInterval(where, lower, upper);
  const spacing = (upper - lower) / (count - 1);
  const nodes = Float64Array.from({ length: count }, (_, k) =>
    k === count - 1 ? upper : lower + k * spacing,
  );
  const weights = Float64Array.from(
    { length: count },
    (_, k) => ((k === 0 || k === count - 1 ? 1 : k % 2 === 1 ? 4 : 2) * spacing) / 3,
  );
  return { nodes, weights };
}
