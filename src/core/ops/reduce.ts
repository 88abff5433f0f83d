/** Differentiable reductions: sum, mean, max, min and the broadcast-undoing `sumTo`. */
import { maxRule, minRule, type ReduceAttrs, sumRule } from '../autodiff/rules.js';
import { apply } from '../autodiff/trace.js';
import * as compute from '../tensor/compute.js';
import {
  formatShape,
  normalizeAxes,
  reducedAxesForBroadcast,
  type Shape,
  shapesEqual,
} from '../tensor/shape.js';
import { Tensor } from '../tensor/tensor.js';
import { div, mul, sub } from './arithmetic.js';
import { reshape } from './shape.js';

/** Which axes to reduce: one axis, a list, or all of them when omitted. */
export type Axes = number | readonly number[];

function reduceAttrs(x: Tensor, axes: Axes | undefined, keepDims: boolean): ReduceAttrs {
  const list = normalizeAxes(axes, x.rank);
  const keptShape = x.shape.map((d, a) => (list.includes(a) ? 1 : d));
  const outShape = keepDims ? keptShape : x.shape.filter((_, a) => !list.includes(a));
  return { axes: list, keptShape, outShape };
}

export function sum(x: Tensor, axes?: Axes, keepDims = false): Tensor {
  return apply(sumRule, [x], reduceAttrs(x, axes, keepDims));
}

export function mean(x: Tensor, axes?: Axes, keepDims = false): Tensor {
  const attrs = reduceAttrs(x, axes, keepDims);
  let count = 1;
  for (const a of attrs.axes) count *= x.shape[a];
  return div(apply(sumRule, [x], attrs), count);
}

/** Maximum over axes; the derivative goes to the maximiser (ties share it evenly). */
export function max(x: Tensor, axes?: Axes, keepDims = false): Tensor {
  const attrs = reduceAttrs(x, axes, keepDims);
  if (x.size === 0) throw new Error(`max of an empty tensor of shape ${formatShape(x.shape)}`);
  return apply(maxRule, [x], attrs);
}

export function min(x: Tensor, axes?: Axes, keepDims = false): Tensor {
  const attrs = reduceAttrs(x, axes, keepDims);
  if (x.size === 0) throw new Error(`min of an empty tensor of shape ${formatShape(x.shape)}`);
  return apply(minRule, [x], attrs);
}

/** Population variance (divides by n), or sample variance with `correction = 1`. */
export function variance(x: Tensor, axes?: Axes, keepDims = false, correction = 0): Tensor {
  const attrs = reduceAttrs(x, axes, true);
  let count = 1;
  for (const a of attrs.axes) count *= x.shape[a];
  const centered = sub(x, mean(x, attrs.axes, true));
  return div(sum(mul(centered, centered), attrs.axes, keepDims), count - correction);
}

/** Sums a broadcast result back to `shape` (the adjoint of broadcasting). */
export function sumTo(x: Tensor, shape: Shape): Tensor {
  if (shapesEqual(x.shape, shape)) return x;
  const axes = reducedAxesForBroadcast(shape, x.shape);
  if (axes.length === 0 && x.size === shape.reduce((p, d) => p * d, 1)) return reshape(x, shape);
  return reshape(sum(x, axes, true), shape);
}

/**
 * Constant weights selecting the extremum `y` of `x` over `axes`: 1/count at the entries
 * equal to it, 0 elsewhere. Piecewise constant, so computed on raw values.
 */
export function maxMask(x: Tensor, y: Tensor, axes: readonly number[], keptShape: readonly number[]): Tensor {
  const { data } = compute.binary('equal', x.data, x.shape, y.data, keptShape, x.dtype);
  const counts = compute.reduce('sum', data, x.shape, axes, x.dtype);
  const weights = compute.binary('div', data, x.shape, counts, keptShape, x.dtype);
  return new Tensor(weights.data, x.shape);
}
