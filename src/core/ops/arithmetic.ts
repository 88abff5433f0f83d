/** Differentiable elementwise arithmetic with NumPy broadcasting. */
import { binaryRules, unaryRules } from '../autodiff/rules.js';
import { apply } from '../autodiff/trace.js';
import * as compute from '../tensor/compute.js';
import { shapesEqual } from '../tensor/shape.js';
import { allocate, Tensor, withShapeOf } from '../tensor/tensor.js';
import { asPair, asTensor, type TensorLike } from './coerce.js';

/** A tensor that `apply` would neither record nor treat as a dual: its op is a plain value. */
function plain(t: Tensor): boolean {
  return t.forward === null && !t.requiresGrad;
}

function binary(rule: keyof typeof binaryRules, a: TensorLike, b: TensorLike): Tensor {
  // Fast path for small ops on plain tensors: same shape, or a tensor and a number. `apply`
  // would record nothing for them, so computing the value directly gives the same tensor
  // without the broadcasting machinery or the scalar tensor that `asPair` allocates. It must
  // match the rules' forward bit for bit: test/core/ops/small-op-fast-path.test.ts checks it.
  if (a instanceof Tensor) {
    if (b instanceof Tensor) {
      if (plain(a) && plain(b) && shapesEqual(a.shape, b.shape)) {
        const dtype = compute.resultDType(a.dtype, b.dtype);
        return withShapeOf(compute.binarySameShape(rule, a.data, b.data, dtype), a);
      }
    } else if (typeof b === 'number' && plain(a)) {
      // The number takes the tensor's dtype, as `asPair` does (so float32 rounds it first).
      const value = a.dtype === 'float32' ? Math.fround(b) : b;
      return withShapeOf(compute.binaryWithScalar(rule, a.data, value, false, a.dtype), a);
    }
  } else if (typeof a === 'number' && b instanceof Tensor && plain(b)) {
    const value = b.dtype === 'float32' ? Math.fround(a) : a;
    return withShapeOf(compute.binaryWithScalar(rule, b.data, value, true, b.dtype), b);
  }
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

/** A unary op, straight to its value for a plain tensor (nothing to record, no dual). */
export function unaryOp(rule: keyof typeof unaryRules, x: TensorLike): Tensor {
  if (x instanceof Tensor && plain(x)) {
    const out = allocate(x.dtype, x.size);
    compute.unary(rule, x.data, out);
    return withShapeOf(out, x);
  }
  return apply(unaryRules[rule], [asTensor(x)], undefined);
}

export const neg = (x: TensorLike): Tensor => unaryOp('neg', x);
/** −1, 0 or +1 (no derivative). */
export const sign = (x: TensorLike): Tensor => unaryOp('sign', x);
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
