/** Turning the numbers users pass (`mul(x, 2)`) into tensors of a matching dtype. */
import { type DType, scalar, Tensor } from '../tensor/tensor.js';

/** A tensor, or a plain number standing for a scalar tensor. */
export type TensorLike = Tensor | number;

export function asTensor(value: TensorLike, dtype: DType = 'float64'): Tensor {
  if (value instanceof Tensor) return value;
  if (typeof value !== 'number') throw new Error(`expected a Tensor or a number, got ${typeof value}`);
  return scalar(value, dtype);
}

/** Coerces two operands; a number takes the dtype of the tensor beside it. */
export function asPair(a: TensorLike, b: TensorLike): [Tensor, Tensor] {
  const dtype = a instanceof Tensor ? a.dtype : b instanceof Tensor ? b.dtype : 'float64';
  return [asTensor(a, dtype), asTensor(b, dtype)];
}
