/**
 * The double well U(x) = h·Σ_i (x_i² − 1)²: two minima at ±1 per coordinate, separated by a
 * barrier of height h at 0. The simplest landscape where temperature decides between staying
 * (optimization) and hopping (sampling), with the hopping rate given by Kramers' law.
 */

import { assertInteger, assertNonNegative, assertPositive } from '../core/validate.js';
import type { Energy } from './energy.js';
import { assertLength } from './validate.js';

/** Options of {@link doubleWellEnergy}. */
export interface DoubleWellOptions {
  /** The barrier height h > 0 (U(0) − U(±1) per coordinate); 1 by default. */
  barrier?: number;
  /** Number of independent coordinates n ≥ 1 (the sum form); 1 by default. */
  dimension?: number;
}

/** The double well with the constants of its Kramers theory. */
export interface DoubleWellEnergy extends Energy {
  /** h. */
  readonly barrier: number;
  /** The minima of one coordinate: [−1, +1] (U = 0 there). */
  readonly minima: readonly [number, number];
  /** U''(±1) = 8h, the stiffness of each well. */
  readonly curvatureAtMinimum: number;
  /** U''(0) = −4h, the (negative) curvature at the barrier top. */
  readonly curvatureAtBarrier: number;
  /**
   * Kramers' escape rate from one well to the other, per coordinate, at `temperature`,
   * valid when h/T ≫ 1 (relative error O(T/h)).
   * - Without `friction`: overdamped dynamics dx = −U'(x)dt + √(2T)dW,
   *   k = √(U''(1)·|U''(0)|)/(2π) · exp(−h/T).
   * - With friction γ (unit mass, dx = p dt, dp = −U'dt − γp dt + √(2γT)dW), Kramers'
   *   moderate-to-high-friction formula k = (√(γ²/4 + ω_b²) − γ/2)/ω_b · ω_0/(2π) · exp(−h/T),
   *   with ω_0² = U''(1), ω_b² = |U''(0)|.
   * The mean time between crossings is 1/k.
   */
  kramersRate(temperature: number, friction?: number): number;
  hessianVector(x: Float64Array, v: Float64Array, out: Float64Array): void;
  hessian(x: Float64Array): Float64Array;
}

/** U(x) = barrier·Σ(x_i² − 1)²; `energyAndGradient` allocates nothing. */
export function doubleWellEnergy(options: DoubleWellOptions = {}): DoubleWellEnergy {
  const where = 'doubleWellEnergy';
  const { barrier = 1, dimension: n = 1 } = options;
  assertPositive(where, 'barrier', barrier);
  assertInteger(where, 'dimension', n, 1);
  const curvatureAtMinimum = 8 * barrier;
  const curvatureAtBarrier = -4 * barrier;
  return {
    name: 'double-well',
    dimension: n,
    barrier,
    minima: [-1, 1],
    curvatureAtMinimum,
    curvatureAtBarrier,
    energy(x) {
      assertLength(where, 'x', x, n);
      let u = 0;
      for (let i = 0; i < n; i++) {
        const s = x[i] * x[i] - 1;
        u += s * s;
      }
      return barrier * u;
    },
    energyAndGradient(x, gradient) {
      assertLength(where, 'x', x, n);
      assertLength(where, 'gradient', gradient, n);
      let u = 0;
      for (let i = 0; i < n; i++) {
        const s = x[i] * x[i] - 1;
        u += s * s;
        gradient[i] = 4 * barrier * x[i] * s;
      }
      return barrier * u;
    },
    hessianVector(x, v, out) {
      assertLength(where, 'x', x, n);
      for (let i = 0; i < n; i++) out[i] = barrier * (12 * x[i] * x[i] - 4) * v[i];
    },
    hessian(x) {
      assertLength(where, 'x', x, n);
      const h = new Float64Array(n * n);
      for (let i = 0; i < n; i++) h[i * n + i] = barrier * (12 * x[i] * x[i] - 4);
      return h;
    },
    kramersRate(temperature, friction) {
      assertPositive('doubleWellEnergy.kramersRate', 'temperature', temperature);
      const arrhenius = Math.exp(-barrier / temperature);
      const wellFrequency = Math.sqrt(curvatureAtMinimum);
      const barrierFrequency = Math.sqrt(-curvatureAtBarrier);
      if (friction === undefined) return ((wellFrequency * barrierFrequency) / (2 * Math.PI)) * arrhenius;
      assertNonNegative('doubleWellEnergy.kramersRate', 'friction', friction);
      const transmission =
        (Math.sqrt((friction * friction) / 4 + barrierFrequency * barrierFrequency) - friction / 2) /
        barrierFrequency;
      return ((transmission * wellFrequency) / (2 * Math.PI)) * arrhenius;
    },
  };
}
