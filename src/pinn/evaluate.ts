/**
 * Errors of a PINN against a reference: relative L2 ‖u − u*‖₂/‖u*‖₂ and max |u − u*| on a test
 * grid (a regular grid over the bounding box, keeping the points inside the domain).
 */
import type { Domain } from './domain.js';

/** Error of a prediction against a reference. */
export interface ErrorReport {
  relativeL2: number;
  maxError: number;
  /** Number of test points. */
  count: number;
}

/**
 * A regular grid of `pointsPerAxis` points per axis (end points included) over the domain's
 * bounding box, keeping the points in the closed domain; row-major `count × dimension`.
 */
export function testGrid(domain: Domain, pointsPerAxis: number): Float64Array {
  if (!Number.isInteger(pointsPerAxis) || pointsPerAxis < 2 || pointsPerAxis > 10_000) {
    throw new Error(`pointsPerAxis must be an integer in [2, 10000], got ${String(pointsPerAxis)}`);
  }
  const d = domain.dimension;
  const total = pointsPerAxis ** d;
  if (total > 2 ** 24) throw new Error(`pointsPerAxis^${d} must be at most ${2 ** 24}, got ${total}`);
  const out: number[] = [];
  const point = new Float64Array(d);
  for (let index = 0; index < total; index++) {
    let rest = index;
    for (let a = d - 1; a >= 0; a--) {
      const step = rest % pointsPerAxis;
      rest = Math.floor(rest / pointsPerAxis);
      point[a] = domain.low[a] + ((domain.high[a] - domain.low[a]) * step) / (pointsPerAxis - 1);
    }
    if (domain.contains(point)) out.push(...point);
  }
  return Float64Array.from(out);
}

/** Relative L2 and max error of `predicted` against `reference` (same length). */
export function errorAgainst(predicted: ArrayLike<number>, reference: ArrayLike<number>): ErrorReport {
  if (predicted.length !== reference.length || predicted.length === 0) {
    throw new Error(
      `predicted and reference must have the same non-zero length, got ${predicted.length} and ${reference.length}`,
    );
  }
  let difference = 0;
  let norm = 0;
  let maxError = 0;
  for (let i = 0; i < predicted.length; i++) {
    const e = predicted[i] - reference[i];
    difference += e * e;
    norm += reference[i] * reference[i];
    maxError = Math.max(maxError, Math.abs(e));
  }
  if (norm === 0) throw new Error('reference must not be identically zero (relative L2 is undefined)');
  return { relativeL2: Math.sqrt(difference / norm), maxError, count: predicted.length };
}

/**
 * Errors of `predict` against `reference` (a function of a point) at `points`
 * (row-major `count × dimension`).
 */
export function evaluateError(
  predict: (points: Float64Array) => Float64Array,
  reference: (point: Float64Array) => number,
  points: Float64Array,
  dimension: number,
): ErrorReport {
  const predicted = predict(points);
  const count = points.length / dimension;
  const exact = new Float64Array(count);
  for (let i = 0; i < count; i++) exact[i] = reference(points.subarray(i * dimension, (i + 1) * dimension));
  return errorAgainst(predicted, exact);
}
