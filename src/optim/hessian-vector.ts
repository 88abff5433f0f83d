/**
 * Hessian-vector products for an energy: exact when the energy provides `hessianVector`
 * (autodiff) or a dense `hessian`, otherwise by a central difference of gradients,
 * `H·v ≈ (∇U(x + εv) − ∇U(x − εv)) / 2ε`, whose error is O(ε²) truncation plus O(u/ε)
 * rounding (u the unit roundoff); ε = u^{1/3}·(1 + ‖x‖)/‖v‖ balances the two, giving about
 * 10 correct digits for smooth energies.
 */
import type { LinearOperator } from '../core/linalg/index.js';
import type { Energy } from '../energies/energy.js';

/** How H·v is computed: from the energy's own Hessian, or by finite differences of ∇U. */
export type HessianVectorSource = 'exact' | 'finite-differences';

/** The Hessian-vector operator of `energy` at `position` and how it is computed. */
export function hessianVectorOperator(
  energy: Energy,
  position: Float64Array,
): { apply: LinearOperator; source: HessianVectorSource } {
  const n = position.length;
  if (energy.hessianVector) {
    const hessianVector = energy.hessianVector.bind(energy);
    return { apply: (v, out) => hessianVector(position, v, out), source: 'exact' };
  }
  if (energy.hessian) {
    const h = energy.hessian(position);
    if (h.length !== n * n) {
      throw new Error(
        `hessianVectorOperator: energy.hessian returned ${h.length} entries, expected n² = ${n * n}`,
      );
    }
    return {
      apply(v, out) {
        for (let i = 0; i < n; i++) {
          let s = 0;
          for (let j = 0; j < n; j++) s += h[i * n + j] * v[j];
          out[i] = s;
        }
      },
      source: 'exact',
    };
  }
  let positionNorm = 0;
  for (let i = 0; i < n; i++) positionNorm += position[i] * position[i];
  positionNorm = Math.sqrt(positionNorm);
  const shifted = new Float64Array(n);
  const plus = new Float64Array(n);
  const minus = new Float64Array(n);
  return {
    apply(v, out) {
      let vNorm = 0;
      for (let i = 0; i < n; i++) vNorm += v[i] * v[i];
      vNorm = Math.sqrt(vNorm);
      if (vNorm === 0) {
        out.fill(0);
        return;
      }
      const epsilon = (Math.cbrt(Number.EPSILON) * (1 + positionNorm)) / vNorm;
      for (let i = 0; i < n; i++) shifted[i] = position[i] + epsilon * v[i];
      energy.energyAndGradient(shifted, plus);
      for (let i = 0; i < n; i++) shifted[i] = position[i] - epsilon * v[i];
      energy.energyAndGradient(shifted, minus);
      for (let i = 0; i < n; i++) out[i] = (plus[i] - minus[i]) / (2 * epsilon);
    },
    source: 'finite-differences',
  };
}
