/** Raw elementwise computations (unary, broadcast binary, select, broadcast copies, casts). */

import {
  portableCos,
  portableExp,
  portableExpm1,
  portableLog,
  portableLog1p,
  portablePow,
  portableSin,
  portableTanh,
} from '../math/index.js';
import {
  broadcastShapes,
  broadcastStrides,
  formatShape,
  type Shape,
  shapeSize,
  shapesEqual,
} from './shape.js';
import { forEachStrided } from './strided.js';
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

/**
 * One elementwise function per op, each in its own loop so the JIT keeps it monomorphic. The
 * transcendental ops call the portable functions of `core/math` rather than `Math.*`, whose last
 * bits differ between engines: the same tensors give the same bits in Node and in a browser.
 */
export function unary(op: UnaryOp, x: FloatArray, out: FloatArray): void {
  const n = x.length;
  switch (op) {
    case 'neg':
      for (let i = 0; i < n; i++) out[i] = -x[i];
      return;
    case 'exp':
      for (let i = 0; i < n; i++) out[i] = portableExp(x[i]);
      return;
    case 'log':
      for (let i = 0; i < n; i++) out[i] = portableLog(x[i]);
      return;
    case 'log1p':
      for (let i = 0; i < n; i++) out[i] = portableLog1p(x[i]);
      return;
    case 'expm1':
      for (let i = 0; i < n; i++) out[i] = portableExpm1(x[i]);
      return;
    case 'sin':
      for (let i = 0; i < n; i++) out[i] = portableSin(x[i]);
      return;
    case 'cos':
      for (let i = 0; i < n; i++) out[i] = portableCos(x[i]);
      return;
    case 'tanh':
      for (let i = 0; i < n; i++) out[i] = portableTanh(x[i]);
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
        if (v >= 0) out[i] = 1 / (1 + portableExp(-v));
        else {
          const e = portableExp(v);
          out[i] = e / (1 + e);
        }
      }
      return;
    case 'softplus':
      // log(1+e^x) = max(x,0) + log1p(e^{−|x|}): exact to the last bit at ±1000.
      for (let i = 0; i < n; i++) {
        const v = x[i];
        out[i] = Math.max(v, 0) + portableLog1p(portableExp(-Math.abs(v)));
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

/** `op(a[i], b)`, or `op(b, a[i])` when `swap`: a tensor against one broadcast value. */
function binaryScalarLoop(op: BinaryOp, a: FloatArray, b: number, out: FloatArray, swap: boolean): void {
  const n = out.length;
  // The common ops get their own loops (no per-element dispatch); the arithmetic is the same
  // expression as in `applyBinary`, so results are bit-identical.
  switch (op) {
    case 'add':
      if (swap) for (let i = 0; i < n; i++) out[i] = b + a[i];
      else for (let i = 0; i < n; i++) out[i] = a[i] + b;
      return;
    case 'sub':
      if (swap) for (let i = 0; i < n; i++) out[i] = b - a[i];
      else for (let i = 0; i < n; i++) out[i] = a[i] - b;
      return;
    case 'mul':
      if (swap) for (let i = 0; i < n; i++) out[i] = b * a[i];
      else for (let i = 0; i < n; i++) out[i] = a[i] * b;
      return;
    case 'div':
      if (swap) for (let i = 0; i < n; i++) out[i] = b / a[i];
      else for (let i = 0; i < n; i++) out[i] = a[i] / b;
      return;
    default:
      if (swap) for (let i = 0; i < n; i++) out[i] = applyBinary(op, b, a[i]);
      else for (let i = 0; i < n; i++) out[i] = applyBinary(op, a[i], b);
  }
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
      return portablePow(x, y);
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
 * `op` of two arrays of the same shape (no broadcasting), into a new array of `dtype`: the
 * small-op fast path of the ops layer. Same loops, hence same bits, as `binary`.
 */
export function binarySameShape(op: BinaryOp, a: FloatArray, b: FloatArray, dtype: DType): FloatArray {
  const out = allocate(dtype, a.length);
  sameShapeLoop(op, a, b, out);
  return out;
}

/**
 * `op(a[i], b)` (or `op(b, a[i])` when `swap`) into a new array of `dtype`: a tensor against a
 * plain number, which the caller has already rounded to the tensor's dtype.
 */
export function binaryWithScalar(
  op: BinaryOp,
  a: FloatArray,
  b: number,
  swap: boolean,
  dtype: DType,
): FloatArray {
  const out = allocate(dtype, a.length);
  binaryScalarLoop(op, a, b, out, swap);
  return out;
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

export function castArray(x: FloatArray, dtype: DType): FloatArray {
  const out = allocate(dtype, x.length);
  out.set(x);
  return out;
}
