/**
 * The tensor: a dense row-major typed array with a shape, plus the bookkeeping that the
 * autodiff engine attaches (a reverse-mode graph node and a forward-mode dual).
 *
 * Tensors are immutable values: every op returns a new tensor. float64 is the default
 * because physics checks need it (second derivatives, energies summed over lattices);
 * float32 is available for speed where a model tolerates it.
 */
import { formatShape, type Shape, shapeSize, validateShape } from './shape.js';

export type DType = 'float64' | 'float32';
export type FloatArray = Float64Array | Float32Array;

/** A reverse-mode graph node: the inputs of the op and its vector–Jacobian product. */
export interface GradNode {
  readonly op: string;
  readonly inputs: readonly Tensor[];
  /**
   * Cotangents of the inputs given the cotangent of the output (null: no contribution);
   * `needs[i]` false lets the rule skip input i.
   */
  readonly vjp: (cotangent: Tensor, needs: readonly boolean[]) => ReadonlyArray<Tensor | null>;
}

/** A forward-mode dual at nesting `level`: the value is `primal + ε·tangent`. */
export interface ForwardDual {
  readonly level: number;
  readonly primal: Tensor;
  /** null stands for a zero tangent. */
  readonly tangent: Tensor | null;
}

/**
 * The shape that the next `new Tensor` may share instead of copying; set only by `withShapeOf`
 * with another tensor's (frozen) shape, and cleared by the constructor it precedes.
 */
let sharedShape: Shape | null = null;

export class Tensor {
  /**
   * The entries, row-major; never write to them (tensors are values: kernels may keep a copy
   * of an array between calls). A small tensor's array may be a view into an ArrayBuffer shared
   * with other tensors (see `allocate`): use `data.slice()` for an array with its own buffer.
   */
  readonly data: FloatArray;
  readonly shape: Shape;
  readonly dtype: DType;
  readonly size: number;
  /** @internal Set when the tensor depends on a tensor being differentiated (reverse mode). */
  node: GradNode | null = null;
  /** @internal Set when the tensor carries a forward-mode tangent. */
  forward: ForwardDual | null = null;
  /** True for leaves being differentiated and for everything computed from them. */
  requiresGrad = false;

  constructor(data: FloatArray, shape: Shape) {
    const shared = shape === sharedShape;
    sharedShape = null;
    const size = shapeSize(shape);
    if (data.length !== size) {
      throw new Error(
        `data of length ${data.length} does not fit shape ${formatShape(shape)} (size ${size})`,
      );
    }
    this.data = data;
    this.shape = shared ? shape : Object.freeze([...shape]);
    this.dtype = data instanceof Float32Array ? 'float32' : 'float64';
    this.size = size;
  }

  get rank(): number {
    return this.shape.length;
  }

  toString(): string {
    return `Tensor(${this.dtype}, ${formatShape(this.shape)})`;
  }
}

/**
 * @internal A tensor of `data` with the shape of `like`, sharing `like`'s frozen shape array
 * instead of copying it (the copy and freeze were a large part of a 16-entry op's cost, and
 * `Object.isFrozen` on an arbitrary shape costs nearly as much). For the ops' fast paths.
 */
export function withShapeOf(data: FloatArray, like: Tensor): Tensor {
  sharedShape = like.shape;
  return new Tensor(data, like.shape);
}

export interface TensorOptions {
  shape?: Shape;
  dtype?: DType;
}

/**
 * Small arrays are carved from shared slabs. In V8 a typed array over 64 bytes gets its own
 * off-heap ArrayBuffer, and allocating one costs 0.2–2 µs (malloc plus GC bookkeeping), far
 * more than a 16-entry op itself; a view into a slab costs about 30 ns. Up to 64 bytes V8 keeps
 * the array on its heap, which is cheaper still, and above POOL_MAX_BYTES the op's own work
 * dwarfs the allocation. Regions are never reused, so a fresh one is zero-filled like a new
 * array; a slab is freed once no view into it is alive (one live view can hold its 8 KiB).
 * Consequence for users: a small tensor's `data.buffer` may be shared with other tensors;
 * copy it (`data.slice()`) before transferring its buffer to a worker.
 */
const ON_HEAP_BYTES = 64;
const POOL_MAX_BYTES = 512;
const SLAB_BYTES = 8192;
let slab = new ArrayBuffer(0);
let slabUsed = SLAB_BYTES;

/** The byte offset of a fresh region of `bytes` (rounded up to 8, for float64 alignment). */
function carve(bytes: number): number {
  const rounded = (bytes + 7) & ~7;
  if (slabUsed + rounded > SLAB_BYTES) {
    slab = new ArrayBuffer(SLAB_BYTES);
    slabUsed = 0;
  }
  const offset = slabUsed;
  slabUsed += rounded;
  return offset;
}

/**
 * Arrays of at least this many bytes that `allocate` made are recorded as the tensor layer's
 * own (`isTensorOwned`); smaller ones are not worth the record (kernels copy them cheaply).
 */
const OWNED_MIN_BYTES = 4096;
const owned = new WeakSet<FloatArray>();

/**
 * True when `data` came from `allocate`, so it is (or will be) a tensor's data that nothing
 * else holds, and therefore never changes: kernels may keep a copy of it between calls (see
 * `MatmulArgs.immutableA`). Arrays wrapped by `fromData` or `new Tensor` are the caller's, who
 * might still write to them, so they are not.
 */
export function isTensorOwned(data: FloatArray): boolean {
  return data.byteLength >= OWNED_MIN_BYTES && owned.has(data);
}

/** A zero-filled array of `size` entries of `dtype` (small ones are views into a slab). */
export function allocate(dtype: DType, size: number): FloatArray {
  const bytes = dtype === 'float32' ? size * 4 : size * 8;
  if (bytes > ON_HEAP_BYTES && bytes <= POOL_MAX_BYTES) {
    // carve first: it may start a new slab, which `slab` must then name.
    const offset = carve(bytes);
    return dtype === 'float32' ? new Float32Array(slab, offset, size) : new Float64Array(slab, offset, size);
  }
  const data = dtype === 'float32' ? new Float32Array(size) : new Float64Array(size);
  if (bytes >= OWNED_MIN_BYTES) owned.add(data);
  return data;
}

function flattenNested(value: unknown, shape: number[], out: number[], depth: number): void {
  if (Array.isArray(value)) {
    if (shape.length === depth) shape.push(value.length);
    else if (shape[depth] !== value.length)
      throw new Error('ragged nested array: every row must have the same length');
    for (const v of value) flattenNested(v, shape, out, depth + 1);
  } else {
    if (depth !== shape.length) throw new Error('ragged nested array: mixed numbers and arrays at one depth');
    if (typeof value !== 'number') throw new Error(`tensor entries must be numbers, got ${typeof value}`);
    out.push(value);
  }
}

/**
 * Creates a tensor from a number, a (nested) array or a typed array.
 * A typed array is copied; pass `shape` to give it more than one axis.
 */
export function tensor(values: number | ArrayLike<number> | unknown[], options: TensorOptions = {}): Tensor {
  const dtype = options.dtype ?? 'float64';
  if (typeof values === 'number') {
    const data = allocate(dtype, 1);
    data[0] = values;
    return new Tensor(data, options.shape ?? []);
  }
  if (Array.isArray(values)) {
    const shape: number[] = [];
    const flat: number[] = [];
    flattenNested(values, shape, flat, 0);
    if (values.length === 0) shape.splice(0, shape.length, 0);
    const data = allocate(dtype, flat.length);
    data.set(flat);
    return new Tensor(data, options.shape ?? shape);
  }
  const arrayLike = values as ArrayLike<number>;
  const data = allocate(dtype, arrayLike.length);
  for (let i = 0; i < arrayLike.length; i++) data[i] = arrayLike[i];
  return new Tensor(data, options.shape ?? [arrayLike.length]);
}

/** Wraps an existing typed array without copying (the caller must not mutate it afterwards). */
export function fromData(data: FloatArray, shape: Shape): Tensor {
  return new Tensor(data, shape);
}

export function scalar(value: number, dtype: DType = 'float64'): Tensor {
  return tensor(value, { dtype });
}

export function full(shape: Shape, value: number, dtype: DType = 'float64'): Tensor {
  validateShape(shape);
  const data = allocate(dtype, shapeSize(shape));
  if (value !== 0) data.fill(value);
  return new Tensor(data, shape);
}

export function zeros(shape: Shape, dtype: DType = 'float64'): Tensor {
  return full(shape, 0, dtype);
}

export function ones(shape: Shape, dtype: DType = 'float64'): Tensor {
  return full(shape, 1, dtype);
}

export function zerosLike(t: Tensor): Tensor {
  return full(t.shape, 0, t.dtype);
}

export function onesLike(t: Tensor): Tensor {
  return full(t.shape, 1, t.dtype);
}

/** `[start, stop)` in steps of `step` (one argument: `[0, stop)`). */
export function arange(start: number, stop?: number, step = 1, dtype: DType = 'float64'): Tensor {
  if (stop === undefined) {
    stop = start;
    start = 0;
  }
  if (!Number.isFinite(step) || step === 0)
    throw new Error(`arange step must be finite and non-zero, got ${step}`);
  const n = Math.max(0, Math.ceil((stop - start) / step));
  const data = allocate(dtype, n);
  for (let i = 0; i < n; i++) data[i] = start + i * step;
  return new Tensor(data, [n]);
}

/** `count` evenly spaced points from `start` to `stop` inclusive. */
export function linspace(start: number, stop: number, count: number, dtype: DType = 'float64'): Tensor {
  if (!Number.isInteger(count) || count < 0)
    throw new Error(`linspace count must be a non-negative integer, got ${count}`);
  const data = allocate(dtype, count);
  for (let i = 0; i < count; i++) data[i] = count === 1 ? start : start + ((stop - start) * i) / (count - 1);
  return new Tensor(data, [count]);
}

/** The n×n identity, i.e. the Kronecker delta δ_ij. */
export function eye(n: number, dtype: DType = 'float64'): Tensor {
  if (!Number.isInteger(n) || n < 0) throw new Error(`eye size must be a non-negative integer, got ${n}`);
  const data = allocate(dtype, n * n);
  for (let i = 0; i < n; i++) data[i * n + i] = 1;
  return new Tensor(data, [n, n]);
}

/**
 * The Kronecker delta of `order` indices of size n: 1 where all indices are equal.
 * `delta(n, 2)` is the identity; `delta(n, 3)` is the "copy" tensor δ_ijk.
 */
export function delta(n: number, order = 2, dtype: DType = 'float64'): Tensor {
  if (!Number.isInteger(order) || order < 1)
    throw new Error(`delta order must be a positive integer, got ${order}`);
  const shape = new Array<number>(order).fill(n);
  const data = allocate(dtype, n ** order);
  let diagonalStride = 0;
  for (let i = 0; i < order; i++) diagonalStride += n ** i;
  for (let i = 0; i < n; i++) data[i * diagonalStride] = 1;
  return new Tensor(data, shape);
}

/** The single value of a one-element tensor. */
export function item(t: Tensor): number {
  if (t.size !== 1)
    throw new Error(`item() needs a tensor with one element, got shape ${formatShape(t.shape)}`);
  return t.data[0];
}

/** The tensor as nested JavaScript arrays (a number for a scalar). */
export function toNested(t: Tensor): number | unknown[] {
  if (t.rank === 0) return t.data[0];
  const build = (axis: number, offset: number, stride: number): unknown[] => {
    const n = t.shape[axis];
    const inner = stride / n;
    const out: unknown[] = new Array(n);
    for (let i = 0; i < n; i++) {
      out[i] = axis === t.rank - 1 ? t.data[offset + i] : build(axis + 1, offset + i * inner, inner);
    }
    return out;
  };
  return build(0, 0, t.size);
}

/** A plain copy of the values (detached from any autodiff graph). */
export function toArray(t: Tensor): number[] {
  return Array.from(t.data);
}
