/** Differentiable elementwise arithmetic with NumPy broadcasting. */
import { binaryRules, unaryRules } from '../autodiff/rules.js';
import { apply } from '../autodiff/trace.js';
import * as compute from '../tensor/compute.js';
import { Tensor } from '../tensor/tensor.js';
import { asPair, asTensor, type TensorLike } from './coerce.js';

function binary(rule: keyof typeof binaryRules, a: TensorLike, b: TensorLike): Tensor {
  const [x, y] = asPair(a, b);
  return apply(binaryRules[rule], [x, y], undefined);
}

export const add = (a: TensorLike, b: TensorLike): Tensor => binary('add', a, b);
export const sub = (a: TensorLike, b: TensorLike): Tensor => binary('sub', a, b);
export const mul = (a: TensorLike, b: TensorLike): Tensor => binary('mul', a, b);
export const div = (a: TensorLike, b: TensorLike): Tensor => binary('div', a, b);
/** `a ** b`; the derivative in `b` uses log(a), so it needs a > 0 where b is differentiated. */
export const pow = (a: TensorLike, b: TensorLike): Tensor => binary('pow', a, b);
export const maximum = (a: TensorLike, b: TensorLike): Tensor => binary('maximum', a, b);
export const minimum = (a: TensorLike, b: TensorLike): Tensor => binary('minimum', a, b);
/** 1 where a > b, else 0 (no derivative). */
export const greater = (a: TensorLike, b: TensorLike): Tensor => binary('greater', a, b);
/** 1 where a < b, else 0 (no derivative). */
export const less = (a: TensorLike, b: TensorLike): Tensor => binary('less', a, b);
/** 1 where a = b, else 0 (no derivative). */
export const equal = (a: TensorLike, b: TensorLike): Tensor => binary('equal', a, b);

export const neg = (x: TensorLike): Tensor => apply(unaryRules.neg, [asTensor(x)], undefined);
/** −1, 0 or +1 (no derivative). */
export const sign = (x: TensorLike): Tensor => apply(unaryRules.sign, [asTensor(x)], undefined);
export const square = (x: TensorLike): Tensor => mul(x, x);
export const reciprocal = (x: TensorLike): Tensor => div(1, x);

/**
 * The constant weight of `a` in `maximum(a, b)`: 1 where a > b, ½ on ties, 0 otherwise.
 * Computed on raw values because it is piecewise constant (its derivative is zero).
 */
export function maximumMask(a: Tensor, b: Tensor): Tensor {
  const dtype = compute.resultDType(a.dtype, b.dtype);
  const { data, shape } = compute.binary('sub', a.data, a.shape, b.data, b.shape, dtype);
  for (let i = 0; i < data.length; i++) data[i] = 0.5 * (1 + Math.sign(data[i]));
  return new Tensor(data, shape);
}
