/** Selection, dtype casts and derivative control. */
import { castRule, identityRule, selectRule, stopGradientRule } from '../autodiff/rules.js';
import { apply } from '../autodiff/trace.js';
import type { DType, Tensor } from '../tensor/tensor.js';
import { asTensor, type TensorLike } from './coerce.js';

/** `condition ? a : b` elementwise with broadcasting; the condition gets no derivative. */
export function select(condition: TensorLike, a: TensorLike, b: TensorLike): Tensor {
  const dtype = typeof a !== 'number' ? a.dtype : typeof b !== 'number' ? b.dtype : 'float64';
  return apply(selectRule, [asTensor(condition, dtype), asTensor(a, dtype), asTensor(b, dtype)], undefined);
}

/** Converts between float64 and float32 (differentiable). */
export function cast(x: Tensor, dtype: DType): Tensor {
  return x.dtype === dtype ? x : apply(castRule, [x], { dtype });
}

/** The value of x with a zero derivative. */
export function stopGradient(x: Tensor): Tensor {
  return apply(stopGradientRule, [x], undefined);
}

/** A differentiable copy (shares storage: tensors are immutable). */
export function identity(x: Tensor): Tensor {
  return apply(identityRule, [x], undefined);
}
