/**
 * Neal's funnel (Neal 2003, "Slice sampling"): v ~ N(0, s²) and x_i | v ~ N(0, e^v) for
 * i = 1…n−1, with the state laid out as (v, x_1, …, x_{n−1}). The scale of x changes by
 * orders of magnitude along v, so no single step size fits: the standard stress test of HMC
 * (divergences in the neck). Energy = −log density up to the constant `logNormalizer`:
 *
 *   U(v, x) = v²/(2s²) + Σ_i [ x_i² e^{−v}/2 + v/2 ].
 */
import { type Key, normal } from '../core/random/index.js';
import { assertInteger, assertPositive } from '../core/validate.js';
import type { Energy } from './energy.js';
import { assertLength } from './validate.js';

/** Options of {@link funnelEnergy}. */
export interface FunnelOptions {
  /** n ≥ 2: v plus n − 1 funnel coordinates; 10 by default (Neal's choice). */
  dimension?: number;
  /** The standard deviation s > 0 of v; 3 by default. */
  scale?: number;
}

/** Neal's funnel with its exact normalizer and exact sampler. */
export interface FunnelEnergy extends Energy {
  /** s, the standard deviation of v. */
  readonly scale: number;
  /** log Z = log(√(2π) s) + (n − 1)/2 · log 2π, exactly: U + log Z = −log p. */
  readonly logNormalizer: number;
  /** `count` exact independent draws (v first), deterministic in `key`. */
  sample(key: Key, count: number): Float64Array[];
  hessianVector(x: Float64Array, v: Float64Array, out: Float64Array): void;
  hessian(x: Float64Array): Float64Array;
}

/** Neal's funnel; `energyAndGradient` is one pass and allocates nothing. */
export function funnelEnergy(options: FunnelOptions = {}): FunnelEnergy {
  const where = 'funnelEnergy';
  const { dimension: n = 10, scale = 3 } = options;
  assertInteger(where, 'dimension', n, 2);
  assertPositive(where, 'scale', scale);
  const inverseVariance = 1 / (scale * scale);
  const coordinates = n - 1;
  const logNormalizer = Math.log(Math.sqrt(2 * Math.PI) * scale) + 0.5 * coordinates * Math.log(2 * Math.PI);

  /** Σ x_i² over the funnel coordinates. */
  const squaredNorm = (x: Float64Array) => {
    let s = 0;
    for (let i = 1; i < n; i++) s += x[i] * x[i];
    return s;
  };

  return {
    name: 'funnel',
    dimension: n,
    scale,
    logNormalizer,
    energy(x) {
      assertLength(where, 'x', x, n);
      const v = x[0];
      return 0.5 * v * v * inverseVariance + 0.5 * Math.exp(-v) * squaredNorm(x) + 0.5 * coordinates * v;
    },
    energyAndGradient(x, gradient) {
      assertLength(where, 'x', x, n);
      assertLength(where, 'gradient', gradient, n);
      const v = x[0];
      const precision = Math.exp(-v); // 1 / Var(x_i | v)
      let s = 0;
      for (let i = 1; i < n; i++) {
        s += x[i] * x[i];
        gradient[i] = precision * x[i];
      }
      gradient[0] = v * inverseVariance - 0.5 * precision * s + 0.5 * coordinates;
      return 0.5 * v * v * inverseVariance + 0.5 * precision * s + 0.5 * coordinates * v;
    },
    hessianVector(x, w, out) {
      assertLength(where, 'x', x, n);
      const precision = Math.exp(-x[0]);
      // H_vv = 1/s² + e^{−v}|x|²/2, H_vi = −e^{−v} x_i, H_ii = e^{−v}.
      let cross = 0;
      for (let i = 1; i < n; i++) {
        cross += x[i] * w[i];
        out[i] = precision * (w[i] - x[i] * w[0]);
      }
      out[0] = (inverseVariance + 0.5 * precision * squaredNorm(x)) * w[0] - precision * cross;
    },
    hessian(x) {
      assertLength(where, 'x', x, n);
      const precision = Math.exp(-x[0]);
      const h = new Float64Array(n * n);
      h[0] = inverseVariance + 0.5 * precision * squaredNorm(x);
      for (let i = 1; i < n; i++) {
        h[i] = -precision * x[i];
        h[i * n] = -precision * x[i];
        h[i * n + i] = precision;
      }
      return h;
    },
    sample(key, count) {
      assertInteger(`${where}.sample`, 'count', count, 0);
      const z = normal(key, count * n);
      const draws: Float64Array[] = [];
      for (let k = 0; k < count; k++) {
        const x = new Float64Array(n);
        x[0] = scale * z[k * n];
        const std = Math.exp(0.5 * x[0]);
        for (let i = 1; i < n; i++) x[i] = std * z[k * n + i];
        draws.push(x);
      }
      return draws;
    },
  };
}
