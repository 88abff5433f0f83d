/** Raw reductions over axes, through the kernel interface. */
import { getKernels } from '../kernels/registry.js';
import type { Shape } from './shape.js';
import { allocate, type DType, type FloatArray, isTensorOwned } from './tensor.js';

export type ReduceOp = 'sum' | 'max' | 'min';

/** Reduces over the given sorted axes; the result keeps size-1 axes in their place. */
export function reduce(
  op: ReduceOp,
  x: FloatArray,
  shape: Shape,
  axes: readonly number[],
  dtype: DType,
): FloatArray {
  const kernels = getKernels();
  let data = x;
  const current = [...shape];
  // Reduce the last axis first so earlier axis numbers stay valid; merge runs of adjacent axes.
  let i = axes.length - 1;
  while (i >= 0) {
    let first = axes[i];
    const last = axes[i];
    while (i > 0 && axes[i - 1] === first - 1) {
      i--;
      first = axes[i];
    }
    i--;
    let outer = 1;
    for (let a = 0; a < first; a++) outer *= current[a];
    let length = 1;
    for (let a = first; a <= last; a++) length *= current[a];
    let inner = 1;
    for (let a = last + 1; a < current.length; a++) inner *= current[a];
    const out = allocate(dtype, outer * inner);
    kernels[op]({ x: data, out, outer, length, inner, immutableInput: isTensorOwned(data) });
    for (let a = first; a <= last; a++) current[a] = 1;
    data = out;
  }
  if (data === x) {
    const copy = allocate(dtype, x.length);
    copy.set(x);
    return copy;
  }
  return data;
}
