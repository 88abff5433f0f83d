/** Small physical systems with known answers, for the integrator tests. */
import type { Energy } from '../../src/energies/index.js';

/** The harmonic oscillator U = ½ Σ k_i q_i² (one stiffness per coordinate). */
export function harmonic(stiffness: readonly number[]): Energy {
  const n = stiffness.length;
  return {
    name: 'harmonic',
    dimension: n,
    energy: (q) => stiffness.reduce((s, k, i) => s + 0.5 * k * q[i] * q[i], 0),
    energyAndGradient(q, g) {
      let u = 0;
      for (let i = 0; i < n; i++) {
        u += 0.5 * stiffness[i] * q[i] * q[i];
        g[i] = stiffness[i] * q[i];
      }
      return u;
    },
  };
}

/** The pendulum U = −cos q (one degree of freedom, nonlinear). */
export const pendulum: Energy = {
  name: 'pendulum',
  dimension: 1,
  energy: (q) => -Math.cos(q[0]),
  energyAndGradient(q, g) {
    g[0] = Math.sin(q[0]);
    return -Math.cos(q[0]);
  },
};

/** Uniform gravity U = g·q_last (a linear potential: constant force). */
export function freeFall(gravity: number, dimension = 2): Energy {
  return {
    name: 'free-fall',
    dimension,
    energy: (q) => gravity * q[dimension - 1],
    energyAndGradient(q, g) {
      g.fill(0);
      g[dimension - 1] = gravity;
      return gravity * q[dimension - 1];
    },
  };
}

/** The Kepler problem U = −1/|q| in the plane (GM = 1). */
export const kepler: Energy = {
  name: 'kepler',
  dimension: 2,
  energy: (q) => -1 / Math.hypot(q[0], q[1]),
  energyAndGradient(q, g) {
    const r2 = q[0] * q[0] + q[1] * q[1];
    const r = Math.sqrt(r2);
    g[0] = q[0] / (r2 * r);
    g[1] = q[1] / (r2 * r);
    return -1 / r;
  },
};

/** Wraps an energy, counting `energyAndGradient` calls. */
export function counting(energy: Energy): Energy & { calls: number } {
  const wrapped = {
    ...energy,
    calls: 0,
    energyAndGradient(q: Float64Array, g: Float64Array) {
      wrapped.calls++;
      return energy.energyAndGradient(q, g);
    },
  };
  return wrapped;
}

/** Least-squares slope of log(error) against log(stepSize). */
export function logLogSlope(stepSizes: readonly number[], errors: readonly number[]): number {
  const xs = stepSizes.map(Math.log);
  const ys = errors.map(Math.log);
  const mx = xs.reduce((s, v) => s + v, 0) / xs.length;
  const my = ys.reduce((s, v) => s + v, 0) / ys.length;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < xs.length; i++) {
    sxy += (xs[i] - mx) * (ys[i] - my);
    sxx += (xs[i] - mx) ** 2;
  }
  return sxy / sxx;
}

/** Mean and its standard error by non-overlapping batch means (robust to autocorrelation). */
export function batchMeans(values: ArrayLike<number>, batches: number): { mean: number; stderr: number } {
  const size = Math.floor(values.length / batches);
  const means: number[] = [];
  for (let b = 0; b < batches; b++) {
    let s = 0;
    for (let i = b * size; i < (b + 1) * size; i++) s += values[i];
    means.push(s / size);
  }
  const mean = means.reduce((s, v) => s + v, 0) / batches;
  const variance = means.reduce((s, v) => s + (v - mean) ** 2, 0) / (batches - 1);
  return { mean, stderr: Math.sqrt(variance / batches) };
}
