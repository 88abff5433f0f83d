/**
 * T_c of the 2D Ising model from the crossings of the Binder cumulant U_L(T) = 1 − ⟨m⁴⟩/(3⟨m²⟩²)
 * of successive sizes (experiment `ising-phase`). U_L is scale-invariant at T_c, so the curves of
 * two sizes cross near it. For each pair the difference d(T) = U_L' − U_L is fitted by a weighted
 * quadratic on the four grid points around its sign change, and its root is the crossing; the
 * pairs' crossings are combined with inverse-variance weights, and every error comes from a
 * parametric bootstrap that redraws each U_L(T) from N(mean, stderr²).
 */
import { type Key, normal } from '../core/random/index.js';
import type { Estimate } from '../observables/index.js';

/** A Binder crossing of two sizes. */
export interface BinderCrossing {
  smaller: number;
  larger: number;
  temperature: number;
  binder: number;
}

/** Solves a small linear system given as an augmented matrix (Gaussian elimination, partial pivoting). */
function solveSmall(augmented: number[][]): number[] {
  const n = augmented.length;
  const a = augmented.map((row) => row.slice());
  for (let k = 0; k < n; k++) {
    let pivot = k;
    for (let r = k + 1; r < n; r++) if (Math.abs(a[r][k]) > Math.abs(a[pivot][k])) pivot = r;
    [a[k], a[pivot]] = [a[pivot], a[k]];
    for (let r = k + 1; r < n; r++) {
      const factor = a[r][k] / a[k][k];
      for (let c = k; c <= n; c++) a[r][c] -= factor * a[k][c];
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let k = n - 1; k >= 0; k--) {
    let sum = a[k][n];
    for (let c = k + 1; c < n; c++) sum -= a[k][c] * x[c];
    x[k] = sum / a[k][k];
  }
  return x;
}

/**
 * The crossing of U_larger(T) and U_smaller(T) given on the same increasing grid, or undefined
 * when d = U_larger − U_smaller never changes from positive to negative. Where it changes sign
 * more than once (noise), the largest drop is taken. The root comes from a weighted quadratic fit
 * of d over the bracketing points and one neighbour on each side (weights 1/σ²): the decreasing
 * root nearest the linear interpolation, or that interpolation if the fit has none in the window.
 */
export function binderCrossing(
  temperatures: readonly number[],
  smaller: readonly Estimate[],
  larger: readonly Estimate[],
): { temperature: number; binder: number } | undefined {
  const n = temperatures.length;
  const d = temperatures.map((_, i) => larger[i].mean - smaller[i].mean);
  let best = -1;
  for (let i = 0; i + 1 < n; i++) {
    if (d[i] > 0 && d[i + 1] <= 0 && (best < 0 || d[i] - d[i + 1] > d[best] - d[best + 1])) best = i;
  }
  if (best < 0) return undefined;
  const interpolated =
    temperatures[best] + ((temperatures[best + 1] - temperatures[best]) * d[best]) / (d[best] - d[best + 1]);
  // Weighted least squares of d on 1, x, x² (x = T − interpolated) over the window: a quadratic,
  // since d(T) is visibly curved over a few grid steps (a straight line biases the root).
  const window: number[] = [];
  for (let i = Math.max(0, best - 1); i <= Math.min(n - 1, best + 2); i++) window.push(i);
  const degree = Math.min(2, window.length - 1);
  const normalMatrix = Array.from({ length: degree + 1 }, () => new Array<number>(degree + 2).fill(0));
  for (const i of window) {
    const variance = smaller[i].stderr ** 2 + larger[i].stderr ** 2;
    const w = variance > 0 ? 1 / variance : 1;
    const x = temperatures[i] - interpolated;
    for (let r = 0; r <= degree; r++) {
      for (let c = 0; c <= degree; c++) normalMatrix[r][c] += w * x ** (r + c);
      normalMatrix[r][degree + 1] += w * x ** r * d[i];
    }
  }
  const coefficients = solveSmall(normalMatrix);
  const [c0, c1, c2] = [coefficients[0], coefficients[1], degree === 2 ? coefficients[2] : 0];
  const candidates =
    c2 === 0
      ? [-c0 / c1]
      : (() => {
          const discriminant = c1 * c1 - 4 * c2 * c0;
          if (!(discriminant >= 0)) return [];
          const root = Math.sqrt(discriminant);
          return [(-c1 + root) / (2 * c2), (-c1 - root) / (2 * c2)];
        })();
  const low = temperatures[window[0]] - interpolated;
  const high = temperatures[window[window.length - 1]] - interpolated;
  const roots = candidates
    .filter((x) => Number.isFinite(x) && x >= low && x <= high && c1 + 2 * c2 * x < 0)
    .sort((x, y) => Math.abs(x) - Math.abs(y));
  const temperature = interpolated + (roots.length > 0 ? roots[0] : 0);
  // U at the crossing: the two curves, linearly interpolated there, averaged.
  const j = Math.min(n - 2, Math.max(0, temperatures.findIndex((t) => t > temperature) - 1));
  const fraction = (temperature - temperatures[j]) / (temperatures[j + 1] - temperatures[j]);
  const at = (u: readonly Estimate[]) => u[j].mean + fraction * (u[j + 1].mean - u[j].mean);
  return { temperature, binder: 0.5 * (at(smaller) + at(larger)) };
}

/** Crossings of successive sizes; `binder[k][i]` is U of sizes[k] at temperatures[i]. */
function allCrossings(sizes: readonly number[], temperatures: readonly number[], binder: Estimate[][]) {
  return sizes.slice(1).map((_, k) => binderCrossing(temperatures, binder[k], binder[k + 1]));
}

/** Inverse-variance weighted mean of the values that exist. */
function weightedMean(values: Array<number | undefined>, weights: readonly number[]): number {
  let sum = 0;
  let total = 0;
  values.forEach((value, k) => {
    if (value !== undefined) {
      sum += weights[k] * value;
      total += weights[k];
    }
  });
  return sum / total;
}

/** Sample standard deviation (n − 1), 0 for fewer than two values. */
function standardDeviation(values: readonly number[]): number {
  if (values.length < 2) return 0;
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / (values.length - 1));
}

/** The Binder crossings of successive sizes, their bootstrap errors, and T_c and U* combined over the pairs. */
export interface BinderCrossingAnalysis {
  /** The crossing of sizes k and k + 1, or undefined where their curves do not cross in range. */
  crossings: Array<{ temperature: number; binder: number } | undefined>;
  /** Bootstrap standard deviation of each pair's crossing temperature. */
  pairErrors: number[];
  /** Number of bootstrap replicates in which each pair's curves crossed. */
  replicatesWithCrossing: number[];
  /** Number of pairs whose curves cross. */
  found: number;
  /** Inverse-variance mean of the crossing temperatures, bootstrap error; undefined if none crosses. */
  criticalTemperature: Estimate | undefined;
  /** The same mean of U at the crossings; undefined if none crosses. */
  binderAtCrossing: Estimate | undefined;
}

/**
 * Crossings of the U_L(T) curves of successive sizes (`binder[k][i]`: U of sizes[k] at
 * temperatures[i]), with errors from a parametric bootstrap of `replicates` redraws of every U
 * from N(mean, stderr²) (normal deviates from `key`), combined over the pairs with weights 1/σ².
 */
export function analyzeBinderCrossings(
  sizes: readonly number[],
  temperatures: readonly number[],
  binder: Estimate[][],
  replicates: number,
  key: Key,
): BinderCrossingAnalysis {
  const count = temperatures.length;
  const total = sizes.length * count;
  const crossings = allCrossings(sizes, temperatures, binder);

  // Parametric bootstrap: redraw every U from N(mean, stderr²), recompute every crossing.
  const draws = normal(key, replicates * total);
  const samples = crossings.map(() => ({ temperature: [] as number[], binder: [] as number[] }));
  const replicateCrossings: Array<Array<BinderCrossing | undefined>> = [];
  for (let r = 0; r < replicates; r++) {
    const redrawn = binder.map((row, k) =>
      row.map((u, i) => ({ mean: u.mean + u.stderr * draws[r * total + k * count + i], stderr: u.stderr })),
    );
    const found = allCrossings(sizes, temperatures, redrawn).map((c, k) =>
      c === undefined ? undefined : { smaller: sizes[k], larger: sizes[k + 1], ...c },
    );
    replicateCrossings.push(found);
    found.forEach((c, k) => {
      if (c !== undefined) {
        samples[k].temperature.push(c.temperature);
        samples[k].binder.push(c.binder);
      }
    });
  }
  const pairErrors = samples.map((s) => standardDeviation(s.temperature));
  const found = crossings.filter((c) => c !== undefined).length;
  // Weights of the pairs: 1/σ², σ from the bootstrap (a pair with σ = 0 would be exact; floor it).
  const weights = pairErrors.map((sigma, k) =>
    crossings[k] === undefined ? 0 : 1 / Math.max(sigma, 1e-6) ** 2,
  );
  let criticalTemperature: Estimate | undefined;
  let binderAtCrossing: Estimate | undefined;
  if (found > 0) {
    const combined = (
      list: Array<{ temperature: number; binder: number } | undefined>,
      field: 'temperature' | 'binder',
    ) =>
      weightedMean(
        list.map((c, k) => (c === undefined || crossings[k] === undefined ? undefined : c[field])),
        weights,
      );
    const combinedReplicates = (field: 'temperature' | 'binder') =>
      replicateCrossings
        .filter((list) => list.every((c, k) => crossings[k] === undefined || c !== undefined))
        .map((list) => combined(list, field));
    criticalTemperature = {
      mean: combined(crossings, 'temperature'),
      stderr: standardDeviation(combinedReplicates('temperature')),
    };
    binderAtCrossing = {
      mean: combined(crossings, 'binder'),
      stderr: standardDeviation(combinedReplicates('binder')),
    };
  }
  return {
    crossings,
    pairErrors,
    replicatesWithCrossing: samples.map((s) => s.temperature.length),
    found,
    criticalTemperature,
    binderAtCrossing,
  };
}
