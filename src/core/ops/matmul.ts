/** Matrix products, traces and diagonals (differentiable). */
import { matmulRule } from '../autodiff/rules.js';
import { apply } from '../autodiff/trace.js';
import { formatShape } from '../tensor/shape.js';
import type { Tensor } from '../tensor/tensor.js';
import { mul } from './arithmetic.js';
import { sum } from './reduce.js';
import { expandDims, gather, reshape, squeeze } from './shape.js';

/**
 * `op(A)·op(B)` on the last two axes of rank ≥ 2 operands, batch axes broadcast; the
 * transposes are read in place by the kernel (no copy), which the gradients rely on.
 */
export function matmulRaw(a: Tensor, b: Tensor, transA = false, transB = false): Tensor {
  if (a.rank < 2 || b.rank < 2) {
    throw new Error(
      `matmulRaw needs operands of rank ≥ 2, got ${formatShape(a.shape)} and ${formatShape(b.shape)}`,
    );
  }
  return apply(matmulRule, [a, b], { transA, transB });
}

/**
 * Matrix product with NumPy semantics: a 1-D left operand is a row vector, a 1-D right
 * operand a column vector (the added axis is removed again), leading axes are batches.
 */
export function matmul(a: Tensor, b: Tensor): Tensor {
  if (a.rank === 0 || b.rank === 0)
    throw new Error('matmul: operands must have at least one axis; use mul for scalars');
  const left = a.rank === 1 ? expandDims(a, 0) : a;
  const right = b.rank === 1 ? expandDims(b, 1) : b;
  let out = matmulRaw(left, right);
  if (b.rank === 1) out = squeeze(out, -1);
  if (a.rank === 1) out = squeeze(out, b.rank === 1 ? -1 : -2);
  return out;
}

/** Inner product of two vectors of equal length. */
export function dot(a: Tensor, b: Tensor): Tensor {
  if (a.rank !== 1 || b.rank !== 1 || a.size !== b.size) {
    throw new Error(
      `dot needs two vectors of equal length, got ${formatShape(a.shape)} and ${formatShape(b.shape)}`,
    );
  }
  return reshape(matmulRaw(reshape(a, [1, a.size]), reshape(b, [b.size, 1])), []);
}

/** Outer product `a_i b_j`. */
export function outer(a: Tensor, b: Tensor): Tensor {
  return mul(reshape(a, [a.size, 1]), reshape(b, [1, b.size]));
}

/** The diagonal of the last two axes of a square (batched) matrix. */
export function diagonal(x: Tensor): Tensor {
  const n = x.shape[x.rank - 1];
  if (x.rank < 2 || x.shape[x.rank - 2] !== n)
    throw new Error(`diagonal needs square matrices, got ${formatShape(x.shape)}`);
  const flat = reshape(x, [...x.shape.slice(0, -2), n * n]);
  return gather(
    flat,
    -1,
    Array.from({ length: n }, (_, i) => i * (n + 1)),
  );
}

/** Trace over the last two axes. */
export function trace(x: Tensor): Tensor {
  return sum(diagonal(x), -1);
}
