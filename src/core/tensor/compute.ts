/**
 * Raw, non-differentiable computations on typed arrays. The autodiff primitives call these
 * for their forward values; nothing here knows about graphs. Matmul and reductions go
 * through the kernel interface so a faster backend can replace them.
 */
import { getKernels } from '../kernels/registry.js';
import {
  broadcastShapes,
  broadcastStrides,
  formatShape,
  type Shape,
  shapeSize,
  shapesEqual,
  stridesOf,
} from './shape.js';
import { allocate, type DType, type FloatArray } from './tensor.js';

export type UnaryOp =
  | 'neg'
  | 'exp'
  | 'log'
  | 'log1p'
  | 'expm1'
  | 'sin'
  | 'cos'
  | 'tanh'
  | 'sqrt'
  | 'abs'
  | 'sign'
  | 'sigmoid'
  | 'softplus'
  | 'relu'
  | 'step';

export type BinaryOp =
  | 'add'
  | 'sub'
  | 'mul'
  | 'div'
  | 'pow'
  | 'maximum'
  | 'minimum'
  | 'greater'
  | 'less'
  | 'equal';

export function resultDType(a: DType, b: DType): DType {
  return a === 'float64' || b === 'float64' ? 'float64' : 'float32';
}

/** One elementwise function per op, each in its own loop so the JIT keeps it monomorphic. */
export function unary(op: UnaryOp, x: FloatArray, out: FloatArray): void {
  const n = x.length;
  switch (op) {
    case 'neg':
      for (let i = 0; i < n; i++) out[i] = -x[i];
      return;
    case 'exp':
      for (let i = 0; i < n; i++) out[i] = Math.exp(x[i]);
      return;
    case 'log':
      for (let i = 0; i < n; i++) out[i] = Math.log(x[i]);
      return;
    case 'log1p':
      for (let i = 0; i < n; i++) out[i] = Math.log1p(x[i]);
      return;
    case 'expm1':
      for (let i = 0; i < n; i++) out[i] = Math.expm1(x[i]);
      return;
    case 'sin':
      for (let i = 0; i < n; i++) out[i] = Math.sin(x[i]);
      return;
    case 'cos':
      for (let i = 0; i < n; i++) out[i] = Math.cos(x[i]);
      return;
    case 'tanh':
      for (let i = 0; i < n; i++) out[i] = Math.tanh(x[i]);
      return;
    case 'sqrt':
      for (let i = 0; i < n; i++) out[i] = Math.sqrt(x[i]);
      return;
    case 'abs':
      for (let i = 0; i < n; i++) out[i] = Math.abs(x[i]);
      return;
    case 'sign':
      for (let i = 0; i < n; i++) out[i] = Math.sign(x[i]);
      return;
    case 'sigmoid':
      // Two branches so exp never overflows: σ(x) = 1/(1+e^{−x}) for x ≥ 0, e^x/(1+e^x) otherwise.
      for (let i = 0; i < n; i++) {
        const v = x[i];
        if (v >= 0) out[i] = 1 / (1 + Math.exp(-v));
        else {
          const e = Math.exp(v);
          out[i] = e / (1 + e);
        }
      }
      return;
    case 'softplus':
      // log(1+e^x) = max(x,0) + log1p(e^{−|x|}): exact to the last bit at ±1000.
      for (let i = 0; i < n; i++) {
        const v = x[i];
        out[i] = Math.max(v, 0) + Math.log1p(Math.exp(-Math.abs(v)));
      }
      return;
    case 'relu':
      for (let i = 0; i < n; i++) out[i] = Math.max(x[i], 0);
      return;
    case 'step':
      for (let i = 0; i < n; i++) out[i] = x[i] > 0 ? 1 : 0;
      return;
  }
}

function binaryScalarLoop(op: BinaryOp, a: FloatArray, b: number, out: FloatArray, swap: boolean): void {
  const n = out.length;
  for (let i = 0; i < n; i++) out[i] = applyBinary(op, swap ? b : a[i], swap ? a[i] : b);
}

function applyBinary(op: BinaryOp, x: number, y: number): number {
  switch (op) {
    case 'add':
      return x + y;
    case 'sub':
      return x - y;
    case 'mul':
      return x * y;
    case 'div':
      return x / y;
    case 'pow':
      return x ** y;
    case 'maximum':
      return x >= y || Number.isNaN(x) ? x : y;
    case 'minimum':
      return x <= y || Number.isNaN(x) ? x : y;
    case 'greater':
      return x > y ? 1 : 0;
    case 'less':
      return x < y ? 1 : 0;
    case 'equal':
      return x === y ? 1 : 0;
  }
}

function sameShapeLoop(op: BinaryOp, a: FloatArray, b: FloatArray, out: FloatArray): void {
  const n = out.length;
  switch (op) {
    case 'add':
      for (let i = 0; i < n; i++) out[i] = a[i] + b[i];
      return;
    case 'sub':
      for (let i = 0; i < n; i++) out[i] = a[i] - b[i];
      return;
    case 'mul':
      for (let i = 0; i < n; i++) out[i] = a[i] * b[i];
      return;
    case 'div':
      for (let i = 0; i < n; i++) out[i] = a[i] / b[i];
      return;
    default:
      for (let i = 0; i < n; i++) out[i] = applyBinary(op, a[i], b[i]);
  }
}

/**
 * Visits every index of `shape` in row-major order, calling `visit(offsets)` with the element
 * offset of each operand under its (possibly broadcast) strides.
 */
function forEachStrided(
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

/** Elementwise binary op with NumPy broadcasting. */
export function binary(
  op: BinaryOp,
  a: FloatArray,
  aShape: Shape,
  b: FloatArray,
  bShape: Shape,
  dtype: DType,
): { data: FloatArray; shape: number[] } {
  const shape = broadcastShapes(aShape, bShape);
  const out = allocate(dtype, shapeSize(shape));
  if (shapesEqual(aShape, bShape)) sameShapeLoop(op, a, b, out);
  else if (b.length === 1 && shapesEqual(aShape, shape)) binaryScalarLoop(op, a, b[0], out, false);
  else if (a.length === 1 && shapesEqual(bShape, shape)) binaryScalarLoop(op, b, a[0], out, true);
  else {
    const strides = [broadcastStrides(aShape, shape), broadcastStrides(bShape, shape)];
    let i = 0;
    forEachStrided(shape, strides, (o) => {
      out[i++] = applyBinary(op, a[o[0]], b[o[1]]);
    });
  }
  return { data: out, shape };
}

/** `cond ? a : b` elementwise with broadcasting (cond is nonzero for true). */
export function select(
  cond: FloatArray,
  condShape: Shape,
  a: FloatArray,
  aShape: Shape,
  b: FloatArray,
  bShape: Shape,
  dtype: DType,
): { data: FloatArray; shape: number[] } {
  const shape = broadcastShapes(condShape, broadcastShapes(aShape, bShape));
  const out = allocate(dtype, shapeSize(shape));
  const strides = [
    broadcastStrides(condShape, shape),
    broadcastStrides(aShape, shape),
    broadcastStrides(bShape, shape),
  ];
  let i = 0;
  forEachStrided(shape, strides, (o) => {
    out[i++] = cond[o[0]] !== 0 ? a[o[1]] : b[o[2]];
  });
  return { data: out, shape };
}

/** Copies `x` broadcast to `shape`. */
export function broadcastTo(x: FloatArray, xShape: Shape, shape: Shape, dtype: DType): FloatArray {
  const check = broadcastShapes(xShape, shape);
  if (!shapesEqual(check, shape)) {
    throw new Error(`cannot broadcast shape ${formatShape(xShape)} to ${formatShape(shape)}`);
  }
  const out = allocate(dtype, shapeSize(shape));
  if (x.length === 1) {
    out.fill(x[0]);
    return out;
  }
  if (x.length === out.length) {
    out.set(x);
    return out;
  }
  // Fast path: x fills the trailing block and is repeated (e.g. a bias row over a batch).
  const block = x.length;
  const offset = shape.length - xShape.length;
  let trailing = 1;
  for (let i = shape.length - 1; i >= offset && trailing < block; i--) trailing *= shape[i];
  if (
    trailing === block &&
    shapesEqual(xShape.slice(xShape.length - (shape.length - offset)), shape.slice(offset))
  ) {
    for (let start = 0; start < out.length; start += block) out.set(x, start);
    return out;
  }
  const strides = [broadcastStrides(xShape, shape)];
  let i = 0;
  forEachStrided(shape, strides, (o) => {
    out[i++] = x[o[0]];
  });
  return out;
}

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
    kernels[op]({ x: data, out, outer, length, inner });
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

/** Views `shape` as `[outer, shape[axis], inner]` around `axis`. */
export function splitAround(shape: Shape, axis: number): [number, number, number] {
  let outer = 1;
  for (let a = 0; a < axis; a++) outer *= shape[a];
  let inner = 1;
  for (let a = axis + 1; a < shape.length; a++) inner *= shape[a];
  return [outer, shape[axis], inner];
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

/**
 * Batched matmul with NumPy semantics on the leading (batch) axes; operands have rank ≥ 2.
 * `transA`/`transB` read the last two axes transposed without copying.
 */
export function matmul(
  a: FloatArray,
  aShape: Shape,
  b: FloatArray,
  bShape: Shape,
  transA: boolean,
  transB: boolean,
  dtype: DType,
): { data: FloatArray; shape: number[] } {
  const ra = aShape.length;
  const rb = bShape.length;
  const m = transA ? aShape[ra - 1] : aShape[ra - 2];
  const kA = transA ? aShape[ra - 2] : aShape[ra - 1];
  const kB = transB ? bShape[rb - 1] : bShape[rb - 2];
  const n = transB ? bShape[rb - 2] : bShape[rb - 1];
  if (kA !== kB) {
    throw new Error(
      `matmul: inner dimensions differ: ${formatShape(aShape)}${transA ? 'ᵀ' : ''} · ${formatShape(bShape)}${transB ? 'ᵀ' : ''} (${kA} ≠ ${kB})`,
    );
  }
  const batchA = aShape.slice(0, ra - 2);
  const batchB = bShape.slice(0, rb - 2);
  const batchShape = broadcastShapes(batchA, batchB);
  const outShape = [...batchShape, m, n];
  const out = allocate(dtype, shapeSize(outShape));
  const kernels = getKernels();
  const batchCount = shapeSize(batchShape);
  const sizeA = m * kA;
  const sizeB = kA * n;
  if (batchCount <= 1 || (shapesEqual(batchA, batchShape) && shapesEqual(batchB, batchShape))) {
    kernels.matmul({
      a,
      b,
      c: out,
      m,
      n,
      k: kA,
      transA,
      transB,
      batch: Math.max(batchCount, 1),
      strideA: sizeA,
      strideB: sizeB,
      strideC: m * n,
      accumulate: false,
    });
    return { data: out, shape: outShape };
  }
  if (shapeSize(batchA) === 1 || shapeSize(batchB) === 1) {
    kernels.matmul({
      a,
      b,
      c: out,
      m,
      n,
      k: kA,
      transA,
      transB,
      batch: batchCount,
      strideA: shapeSize(batchA) === 1 ? 0 : sizeA,
      strideB: shapeSize(batchB) === 1 ? 0 : sizeB,
      strideC: m * n,
      accumulate: false,
    });
    return { data: out, shape: outShape };
  }
  // General broadcast of batch axes: one product per batch index.
  const stridesA = broadcastStrides(batchA, batchShape);
  const stridesB = broadcastStrides(batchB, batchShape);
  let index = 0;
  forEachStrided(batchShape, [stridesA, stridesB], (o) => {
    kernels.matmul({
      a: a.subarray(o[0] * sizeA, (o[0] + 1) * sizeA),
      b: b.subarray(o[1] * sizeB, (o[1] + 1) * sizeB),
      c: out.subarray(index * m * n, (index + 1) * m * n),
      m,
      n,
      k: kA,
      transA,
      transB,
      batch: 1,
      strideA: sizeA,
      strideB: sizeB,
      strideC: m * n,
      accumulate: false,
    });
    index++;
  });
  return { data: out, shape: outShape };
}

export function castArray(x: FloatArray, dtype: DType): FloatArray {
  const out = allocate(dtype, x.length);
  out.set(x);
  return out;
}
