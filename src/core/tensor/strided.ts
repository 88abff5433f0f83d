/** Row-major iteration over strided (possibly broadcast) views, shared by the raw computations. */
import { type Shape, shapeSize } from './shape.js';

/**
 * Visits every index of `shape` in row-major order, calling `visit(offsets)` with the element
 * offset of each operand under its (possibly broadcast) strides.
 */
export function forEachStrided(
  shape: Shape,
  strides: number[][],
  visit: (offsets: Int32Array | number[]) => void,
): void {
  const rank = shape.length;
  const count = strides.length;
  const offsets = new Array<number>(count).fill(0);
  const total = shapeSize(shape);
  if (total === 0) return;
  const index = new Array<number>(rank).fill(0);
  for (let flat = 0; flat < total; flat++) {
    visit(offsets);
    for (let axis = rank - 1; axis >= 0; axis--) {
      index[axis]++;
      for (let k = 0; k < count; k++) offsets[k] += strides[k][axis];
      if (index[axis] < shape[axis]) break;
      for (let k = 0; k < count; k++) offsets[k] -= strides[k][axis] * shape[axis];
      index[axis] = 0;
    }
  }
}

/** Views `shape` as `[outer, shape[axis], inner]` around `axis`. */
export function splitAround(shape: Shape, axis: number): [number, number, number] {
  let outer = 1;
  for (let a = 0; a < axis; a++) outer *= shape[a];
  let inner = 1;
  for (let a = axis + 1; a < shape.length; a++) inner *= shape[a];
  return [outer, shape[axis], inner];
}
