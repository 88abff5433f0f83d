/** Raw layout computations: permute, slice, pad, gather, scatter-add, concat. */
import { type Shape, shapeSize, stridesOf } from './shape.js';
import { forEachStrided, splitAround } from './strided.js';
import { allocate, type DType, type FloatArray } from './tensor.js';

/** Transposes axes: output axis i is input axis `perm[i]`. */
export function permute(x: FloatArray, shape: Shape, perm: readonly number[], dtype: DType): FloatArray {
  const strides = stridesOf(shape);
  const outShape = perm.map((p) => shape[p]);
  const permStrides = perm.map((p) => strides[p]);
  const out = allocate(dtype, x.length);
  if (outShape.length === 2) {
    // Blocked 2-D transpose keeps both reads and writes within cache lines.
    const [rows, cols] = outShape;
    const [sr, sc] = permStrides;
    const blockSize = 32;
    for (let r0 = 0; r0 < rows; r0 += blockSize) {
      for (let c0 = 0; c0 < cols; c0 += blockSize) {
        const rEnd = Math.min(rows, r0 + blockSize);
        const cEnd = Math.min(cols, c0 + blockSize);
        for (let r = r0; r < rEnd; r++)
          for (let c = c0; c < cEnd; c++) out[r * cols + c] = x[r * sr + c * sc];
      }
    }
    return out;
  }
  let i = 0;
  forEachStrided(outShape, [permStrides], (o) => {
    out[i++] = x[o[0]];
  });
  return out;
}

/** The box `[starts, ends)` of `x` (unit steps). */
export function slice(
  x: FloatArray,
  shape: Shape,
  starts: readonly number[],
  ends: readonly number[],
  dtype: DType,
) {
  const outShape = shape.map((_, a) => ends[a] - starts[a]);
  const strides = stridesOf(shape);
  const out = allocate(dtype, shapeSize(outShape));
  let base = 0;
  for (let a = 0; a < shape.length; a++) base += starts[a] * strides[a];
  let i = 0;
  forEachStrided(outShape, [strides], (o) => {
    out[i++] = x[base + o[0]];
  });
  return { data: out, shape: outShape };
}

/** Zero-pads `x` with `before[a]` and `after[a]` entries on each axis. */
export function pad(
  x: FloatArray,
  shape: Shape,
  before: readonly number[],
  after: readonly number[],
  dtype: DType,
) {
  const outShape = shape.map((d, a) => d + before[a] + after[a]);
  const outStrides = stridesOf(outShape);
  const out = allocate(dtype, shapeSize(outShape));
  let base = 0;
  for (let a = 0; a < shape.length; a++) base += before[a] * outStrides[a];
  let i = 0;
  forEachStrided(shape, [outStrides], (o) => {
    out[base + o[0]] = x[i++];
  });
  return { data: out, shape: outShape };
}

/** Selects `indices` along `axis` (like `numpy.take`): the axis's length becomes indices.length. */
export function gather(
  x: FloatArray,
  shape: Shape,
  axis: number,
  indices: Int32Array,
  dtype: DType,
): FloatArray {
  const [outer, length, inner] = splitAround(shape, axis);
  const count = indices.length;
  const out = allocate(dtype, outer * count * inner);
  for (let o = 0; o < outer; o++) {
    for (let j = 0; j < count; j++) {
      const src = (o * length + indices[j]) * inner;
      const dst = (o * count + j) * inner;
      for (let i = 0; i < inner; i++) out[dst + i] = x[src + i];
    }
  }
  return out;
}

/** `out = base; out[..., indices[j], ...] += updates[..., j, ...]` along `axis` (repeats accumulate). */
export function scatterAdd(
  base: FloatArray,
  shape: Shape,
  axis: number,
  indices: Int32Array,
  updates: FloatArray,
  dtype: DType,
): FloatArray {
  const [outer, length, inner] = splitAround(shape, axis);
  const count = indices.length;
  const out = allocate(dtype, base.length);
  out.set(base);
  for (let o = 0; o < outer; o++) {
    for (let j = 0; j < count; j++) {
      const dst = (o * length + indices[j]) * inner;
      const src = (o * count + j) * inner;
      for (let i = 0; i < inner; i++) out[dst + i] += updates[src + i];
    }
  }
  return out;
}

/** Concatenates along `axis`; all other axes must agree. */
export function concat(parts: { data: FloatArray; shape: Shape }[], axis: number, dtype: DType) {
  const first = parts[0].shape;
  const outShape = [...first];
  outShape[axis] = parts.reduce((s, p) => s + p.shape[axis], 0);
  const [outer, , inner] = splitAround(outShape, axis);
  const out = allocate(dtype, shapeSize(outShape));
  const rowLength = outShape[axis] * inner;
  let offset = 0;
  for (const part of parts) {
    const block = part.shape[axis] * inner;
    for (let o = 0; o < outer; o++) {
      const src = part.data.subarray(o * block, (o + 1) * block);
      out.set(src, o * rowLength + offset);
    }
    offset += block;
  }
  return { data: out, shape: outShape };
}
