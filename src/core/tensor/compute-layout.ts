/** Raw layout computations: permute, slice, pad, gather, scatter-add, concat. */
import { type Shape, shapeSize, stridesOf } from './shape.js';
import { forEachStrided, splitAround } from './strided.js';
import { allocate, type DType, type FloatArray } from './tensor.js';

/**
 * Transposes axes: output axis i is input axis `perm[i]`. Axes of length 1 do not move any
 * entry, so they are dropped first: what is left may be a plain copy or a 2-D transpose.
 */
export function permute(x: FloatArray, shape: Shape, perm: readonly number[], dtype: DType): FloatArray {
  // rankOf[a]: the position of input axis a among the axes longer than 1 (−1 for the others).
  const rankOf = new Array<number>(shape.length);
  let position = 0;
  for (let a = 0; a < shape.length; a++) rankOf[a] = shape[a] !== 1 ? position++ : -1;
  const squeezedShape = shape.filter((d) => d !== 1);
  const squeezedPerm = perm.filter((p) => shape[p] !== 1).map((p) => rankOf[p]);
  const strides = stridesOf(squeezedShape);
  const outShape = squeezedPerm.map((p) => squeezedShape[p]);
  const permStrides = squeezedPerm.map((p) => strides[p]);
  const out = allocate(dtype, x.length);
  if (squeezedPerm.every((p, i) => p === i)) {
    out.set(x.length === out.length ? x : x.subarray(0, out.length));
    return out;
  }
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

/**
 * The first axis k from which a box covers whole axes (every axis after k is full), so that
 * each position of the axes before k addresses one contiguous run of `run` entries.
 */
function contiguousRun(box: Shape, whole: Shape): { k: number; run: number } {
  let k = box.length - 1;
  let run = 1;
  while (k > 0 && box[k] === whole[k]) {
    run *= box[k];
    k--;
  }
  return { k, run: k >= 0 ? run * box[k] : 1 };
}

/** The box `[starts, ends)` of `x` (unit steps), copied run by contiguous run. */
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
  if (out.length === 0) return { data: out, shape: outShape };
  let base = 0;
  for (let a = 0; a < shape.length; a++) base += starts[a] * strides[a];
  const { k, run } = contiguousRun(outShape, shape);
  let i = 0;
  forEachStrided(outShape.slice(0, Math.max(k, 0)), [strides.slice(0, Math.max(k, 0))], (o) => {
    out.set(x.subarray(base + o[0], base + o[0] + run), i);
    i += run;
  });
  return { data: out, shape: outShape };
}

/** Zero-pads `x` with `before[a]` and `after[a]` entries on each axis, run by contiguous run. */
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
  if (x.length === 0 || shapeSize(shape) === 0) return { data: out, shape: outShape };
  let base = 0;
  for (let a = 0; a < shape.length; a++) base += before[a] * outStrides[a];
  const { k, run } = contiguousRun(shape, outShape);
  let i = 0;
  forEachStrided(shape.slice(0, Math.max(k, 0)), [outStrides.slice(0, Math.max(k, 0))], (o) => {
    out.set(x.subarray(i, i + run), base + o[0]);
    i += run;
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
