/**
 * The banana, or twisted Gaussian, of Haario, Saksman and Tamminen (1999, "Adaptive proposal
 * distribution for random walk Metropolis"): take y ~ N(0, diag(s, 1, …, 1)) and bend it,
 * x_2 = y_2 − b(y_1² − s). The map has unit Jacobian, so the density stays normalized:
 *
 *   U(x) = x_1²/(2s) + ½ (x_2 + b(x_1² − s))² + ½ Σ_{i≥3} x_i².
 *
 * Exact moments: E[x] = 0, Var x_1 = s, Var x_2 = 1 + 2b²s², Var x_i = 1 (i ≥ 3).
 * (Haario et al. use s = 100 with b = 0.01 or 0.03; b = 0.1 gives a strongly bent banana.)
 */
import { type Key, normal } from '../core/random/index.js';
import { assertInteger, assertNonNegative, assertPositive } from '../core/validate.js';
import type { Energy } from './energy.js';
import { assertLength } from './validate.js';

/** Options of {@link bananaEnergy}. */
export interface BananaOptions {
  /** The twist b ≥ 0 (0 is a plain Gaussian); 0.1 by default. */
  curvature?: number;
  /** The variance s > 0 of x_1 before bending; 100 by default. */
  scale?: number;
  /** n ≥ 2 (coordinates 3…n are standard normal); 2 by default. */
  dimension?: number;
}

/** The banana with its exact normalizer, moments and sampler. */
export interface BananaEnergy extends Energy {
  /** b. */
  readonly curvature: number;
  /** s. */
  readonly scale: number;
  /** log Z = ½ log(2π s) + (n − 1)/2 · log 2π, exactly: U + log Z = −log p. */
  readonly logNormalizer: number;
  /** The exact mean (zero). */
  readonly mean: Float64Array;
  /** The exact marginal variances: [s, 1 + 2b²s², 1, …]. */
  readonly variances: Float64Array;
  /** `count` exact independent draws, deterministic in `key`. */
  sample(key: Key, count: number): Float64Array[];
  hessianVector(x: Float64Array, v: Float64Array, out: Float64Array): void;
  hessian(x: Float64Array): Float64Array;
}

/** The twisted Gaussian; `energyAndGradient` allocates nothing. */
export function bananaEnergy(options: BananaOptions = {}): BananaEnergy {
  const where = 'bananaEnergy';
  const { curvature: b = 0.1, scale: s = 100, dimension: n = 2 } = options;
  assertNonNegative(where, 'curvature', b);
  assertPositive(where, 'scale', s);
  assertInteger(where, 'dimension', n, 2);
  const variances = new Float64Array(n).fill(1);
  variances[0] = s;
  variances[1] = 1 + 2 * b * b * s * s;
  const logNormalizer = 0.5 * Math.log(2 * Math.PI * s) + 0.5 * (n - 1) * Math.log(2 * Math.PI);

  /** The bent coordinate y_2 = x_2 + b(x_1² − s). */
  const bent = (x: Float64Array) => x[1] + b * (x[0] * x[0] - s);
  const rest = (x: Float64Array) => {
    let r = 0;
    for (let i = 2; i < n; i++) r += x[i] * x[i];
    return 0.5 * r;
  };

  return {
    name: 'banana',
    dimension: n,
    curvature: b,
    scale: s,
    logNormalizer,
    mean: new Float64Array(n),
    variances,
    energy(x) {
      assertLength(where, 'x', x, n);
      const y = bent(x);
      return (0.5 * x[0] * x[0]) / s + 0.5 * y * y + rest(x);
    },
    energyAndGradient(x, gradient) {
      assertLength(where, 'x', x, n);
      assertLength(where, 'gradient', gradient, n);
      const y = bent(x);
      gradient[0] = x[0] / s + 2 * b * x[0] * y;
      gradient[1] = y;
      let r = 0;
      for (let i = 2; i < n; i++) {
        r += x[i] * x[i];
        gradient[i] = x[i];
      }
      return (0.5 * x[0] * x[0]) / s + 0.5 * y * y + 0.5 * r;
    },
    hessianVector(x, v, out) {
      assertLength(where, 'x', x, n);
      const y = bent(x);
      const h00 = 1 / s + 2 * b * y + 4 * b * b * x[0] * x[0];
      const h01 = 2 * b * x[0];
      out[0] = h00 * v[0] + h01 * v[1];
      out[1] = h01 * v[0] + v[1];
      for (let i = 2; i < n; i++) out[i] = v[i];
    },
    hessian(x) {
      assertLength(where, 'x', x, n);
      const y = bent(x);
      const h = new Float64Array(n * n);
      h[0] = 1 / s + 2 * b * y + 4 * b * b * x[0] * x[0];
      h[1] = 2 * b * x[0];
      h[n] = 2 * b * x[0];
      for (let i = 1; i < n; i++) h[i * n + i] = 1;
      return h;
    },
    sample(key, count) {
      assertInteger(`${where}.sample`, 'count', count, 0);
      const z = normal(key, count * n);
      const draws: Float64Array[] = [];
      for (let k = 0; k < count; k++) {
        const x = z.slice(k * n, (k + 1) * n);
        x[0] *= Math.sqrt(s);
        x[1] -= b * (x[0] * x[0] - s);
        draws.push(x);
      }
      return draws;
    },
  };
}
