/**
 * Rosenbrock's banana-shaped valley, in the n-dimensional chain form
 *   U(x) = Σ_{i=0}^{n−2} [ b (x_{i+1} − x_i²)² + (a − x_i)² ].
 * The valley floor is easy to find and slow to follow: the classic test of curvature-aware
 * optimizers. Its Hessian is tridiagonal, so H·v costs O(n).
 */

import { assertFinite, assertInteger, assertPositive } from '../core/validate.js';
import type { Energy } from './energy.js';
import { assertLength } from './validate.js';

/** Options of {@link rosenbrockEnergy}. */
export interface RosenbrockOptions {
  /** n ≥ 2; 2 by default. */
  dimension?: number;
  /** The valley's target a (finite); 1 by default. */
  a?: number;
  /** The valley's stiffness b > 0; 100 by default. */
  b?: number;
}

/** The Rosenbrock energy with its known global minimum, where one is known in closed form. */
export interface RosenbrockEnergy extends Energy {
  readonly a: number;
  readonly b: number;
  /**
   * The global minimizer: (a, a²) in 2-D, and (a, …, a) in n-D when a² = a (a = 0 or 1, the
   * usual case). For other a in n > 2 dimensions no closed form exists and this is null.
   * (For 4 ≤ n ≤ 7 with a = 1 there is also a local minimum near (−1, 1, …, 1).)
   */
  readonly minimizer: Float64Array | null;
  /** U at the global minimizer: 0 whenever `minimizer` is not null. */
  readonly minimum: number | null;
  hessianVector(x: Float64Array, v: Float64Array, out: Float64Array): void;
  hessian(x: Float64Array): Float64Array;
}

/** The n-D chain Rosenbrock energy; `energyAndGradient` is one pass and allocates nothing. */
export function rosenbrockEnergy(options: RosenbrockOptions = {}): RosenbrockEnergy {
  const where = 'rosenbrockEnergy';
  const { dimension: n = 2, a = 1, b = 100 } = options;
  assertInteger(where, 'dimension', n, 2);
  assertFinite(where, 'a', a);
  assertPositive(where, 'b', b);
  let minimizer: Float64Array | null = null;
  if (n === 2) minimizer = Float64Array.of(a, a * a);
  else if (a * a === a) minimizer = new Float64Array(n).fill(a);

  // The Hessian is tridiagonal: H_ii below, and H_{i,i+1} = H_{i+1,i} = −4b·x_i.
  const diagonalAt = (x: Float64Array, i: number): number =>
    (i < n - 1 ? 12 * b * x[i] * x[i] - 4 * b * x[i + 1] + 2 : 0) + (i > 0 ? 2 * b : 0);

  return {
    name: 'rosenbrock',
    dimension: n,
    a,
    b,
    minimizer,
    minimum: minimizer === null ? null : 0,
    energy(x) {
      assertLength(where, 'x', x, n);
      let u = 0;
      for (let i = 0; i < n - 1; i++) {
        const valley = x[i + 1] - x[i] * x[i];
        const offset = a - x[i];
        u += b * valley * valley + offset * offset;
      }
      return u;
    },
    energyAndGradient(x, gradient) {
      assertLength(where, 'x', x, n);
      assertLength(where, 'gradient', gradient, n);
      gradient.fill(0);
      let u = 0;
      for (let i = 0; i < n - 1; i++) {
        const valley = x[i + 1] - x[i] * x[i];
        const offset = a - x[i];
        u += b * valley * valley + offset * offset;
        gradient[i] += -4 * b * x[i] * valley - 2 * offset;
        gradient[i + 1] += 2 * b * valley;
      }
      return u;
    },
    hessianVector(x, v, out) {
      assertLength(where, 'x', x, n);
      assertLength(where, 'v', v, n);
      for (let i = 0; i < n; i++) {
        let s = diagonalAt(x, i) * v[i];
        if (i < n - 1) s += -4 * b * x[i] * v[i + 1];
        if (i > 0) s += -4 * b * x[i - 1] * v[i - 1];
        out[i] = s;
      }
    },
    hessian(x) {
      assertLength(where, 'x', x, n);
      const h = new Float64Array(n * n);
      for (let i = 0; i < n; i++) {
        h[i * n + i] = diagonalAt(x, i);
        if (i < n - 1) {
          h[i * n + i + 1] = -4 * b * x[i];
          h[(i + 1) * n + i] = -4 * b * x[i];
        }
      }
      return h;
    },
  };
}
