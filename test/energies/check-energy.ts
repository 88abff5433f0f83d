/**
 * Shared checks for library energies: the analytic value, gradient, H·v and Hessian against a
 * reference written independently with tensor ops (derivatives by autodiff), and H·v against
 * central differences of the analytic gradient.
 */
import assert from 'node:assert/strict';
import { type Key, normal, split } from '../../src/core/random/index.js';
import type { Tensor } from '../../src/core/tensor/index.js';
import { type Energy, energyFromTensorFunction, gradientOf } from '../../src/energies/index.js';

/** max_i |a_i − b_i| / max(1, max|b|): relative to the vector's scale. */
export function relativeError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  assert.equal(a.length, b.length, 'lengths differ');
  let scale = 1;
  for (let i = 0; i < b.length; i++) scale = Math.max(scale, Math.abs(b[i]));
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  return worst / scale;
}

/** Random points `center + spread·z`, deterministic in `key`. */
export function randomPoints(
  key: Key,
  count: number,
  dimension: number,
  spread = 1,
  center = 0,
): Float64Array[] {
  return split(key, count).map((k) => normal(k, dimension, { mean: center, std: spread }));
}

export interface CheckOptions {
  /** Relative tolerance on U, ∇U, H·v and H against autodiff (default 1e-12). */
  tolerance?: number;
  /** Relative tolerance of H·v against central differences of ∇U (default 1e-6). */
  differenceTolerance?: number;
  /** Step of the central differences (default 1e-5). */
  differenceStep?: number;
}

/**
 * Asserts that `energy` agrees with `formula` (the same U written with tensor ops) at every
 * point: value, gradient, H·v (random directions), dense Hessian, and H·v against central
 * differences of the analytic gradient.
 */
export function checkEnergy(
  energy: Energy,
  formula: (x: Tensor) => Tensor,
  points: Float64Array[],
  key: Key,
  options: CheckOptions = {},
): void {
  const { tolerance = 1e-12, differenceTolerance = 1e-6, differenceStep = 1e-5 } = options;
  const n = energy.dimension;
  const reference = energyFromTensorFunction(`${energy.name} (autodiff)`, n, formula);
  const directions = randomPoints(key, points.length, n);
  points.forEach((x, k) => {
    const where = `${energy.name} at point ${k}`;
    const g = new Float64Array(n);
    const u = energy.energyAndGradient(x, g);
    const uReference = reference.energy(x);
    assert.ok(
      Math.abs(u - uReference) <= tolerance * Math.max(1, Math.abs(uReference)),
      `${where}: U = ${u}, autodiff formula ${uReference}`,
    );
    assert.ok(
      Math.abs(energy.energy(x) - u) <= 1e-15 * Math.max(1, Math.abs(u)),
      `${where}: energy ≠ energyAndGradient`,
    );
    const gradientError = relativeError(g, gradientOf(reference, x));
    assert.ok(gradientError <= tolerance, `${where}: gradient error ${gradientError}`);
    if (energy.hessianVector === undefined || energy.hessian === undefined) return;
    const v = directions[k];
    const hv = new Float64Array(n);
    energy.hessianVector(x, v, hv);
    const hvReference = new Float64Array(n);
    reference.hessianVector?.(x, v, hvReference);
    const hvError = relativeError(hv, hvReference);
    assert.ok(hvError <= tolerance, `${where}: H·v error against autodiff ${hvError}`);
    const plus = Float64Array.from(x, (xi, i) => xi + differenceStep * v[i]);
    const minus = Float64Array.from(x, (xi, i) => xi - differenceStep * v[i]);
    const gPlus = gradientOf(energy, plus);
    const gMinus = gradientOf(energy, minus);
    const difference = Float64Array.from(gPlus, (gp, i) => (gp - gMinus[i]) / (2 * differenceStep));
    const differenceError = relativeError(hv, difference);
    assert.ok(
      differenceError <= differenceTolerance,
      `${where}: H·v error against differences ${differenceError}`,
    );
    const h = energy.hessian(x);
    const hReference = reference.hessian?.(x) ?? new Float64Array(0);
    const hError = relativeError(h, hReference);
    assert.ok(hError <= tolerance, `${where}: Hessian error ${hError}`);
  });
}
