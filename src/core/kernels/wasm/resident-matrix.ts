/**
 * A float32 matrix that lives in WebAssembly memory for its whole life, for the kernels that
 * read a large matrix again and again (Hopfield dynamics: W·s and h += 2 s_j W_j· over the
 * N×N couplings). Copying a 64 MiB matrix into WebAssembly memory on every call would cost
 * more than the product, so the matrix is allocated there once and the rest of the code reads
 * and writes it through an ordinary `Float32Array` view — no second copy anywhere.
 *
 * Each matrix gets its own instance of a small module (wasm/assembly/resident.ts: the field
 * kernels alone, no packing scratch) and so its own memory, sized once
 * at allocation and never grown afterwards (growing would detach the view). When the matrix
 * is no longer referenced, the garbage collector frees the instance and its memory with it:
 * nothing to release by hand, nothing pinned in the shared runtime's arena. Besides the matrix
 * an instance holds a few KiB of static data, O(rows + cols) scratch vectors and the states
 * and sums of one 32-probe batch (2·cols + 4·rows bytes per probe).
 *
 * Kernels: `matVec` and `addRows` sum in float64 (any matrix); `matVecExactF32` (±1 vectors,
 * float32 sums, optionally reading only the upper half of a symmetric matrix) and
 * `matMulInt16` (±1 batches, int16 weights, int32 sums) are exact, hence bit-identical to
 * `matVec`, only for matrices the caller has checked (integers times a power of two with
 * bounded row sums: src/models/hopfield/resident-weights.ts).
 *
 * Where WebAssembly SIMD is missing, or a browser's main thread refuses synchronous
 * compilation, `allocateResidentF32` returns undefined and callers keep a plain array.
 */
import { RESIDENT_KERNELS_WASM_BASE64 } from './generated/resident-kernels-binary.js';
import { wasmSimdSupported } from './runtime.js';

interface ResidentExports {
  memory: WebAssembly.Memory;
  heapBase(): number;
  hopfieldMatVecF32(w: number, x: number, h: number, rows: number, cols: number): void;
  hopfieldAddRowsF32(w: number, h: number, cols: number, rows: number, scales: number, count: number): void;
  hopfieldAddRowsExactF32(
    w: number,
    h: number,
    cols: number,
    rows: number,
    scales: number,
    count: number,
    acc: number,
  ): void;
  hopfieldMatVecExactF32(w: number, x: number, h: number, rows: number, cols: number): void;
  hopfieldSymMatVecExactF32(w: number, x: number, h: number, n: number, acc: number): void;
  hopfieldMatMulI16(
    w: number,
    rows: number,
    cols: number,
    scale: number,
    s: number,
    probes: number,
    out: number,
    panel: number,
  ): void;
}

/**
 * Probes one call of {@link ResidentMatrixF32.matMulInt16} takes (more are done in several
 * calls): the instance keeps int16 states and int32 sums for this many, 2·cols + 4·rows bytes
 * per probe (1.5 MiB at 8192×8192 for all of them, 0.6% of the matrix).
 */
export const RESIDENT_BATCH_PROBES = 32;

const PAGE_BYTES = 65536;
const ALIGN = 64;
const IMPORTS = {
  env: {
    abort(): never {
      throw new Error('WebAssembly kernels: abort');
    },
  },
};

let compiled: WebAssembly.Module | null | undefined;

/** The compiled resident-matrix module, or null where it cannot be compiled synchronously. */
function kernelsModule(): WebAssembly.Module | null {
  if (compiled !== undefined) return compiled;
  try {
    if (!wasmSimdSupported()) throw new Error('no WebAssembly SIMD');
    const text = atob(RESIDENT_KERNELS_WASM_BASE64);
    const bytes = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
    const module = new WebAssembly.Module(bytes);
    const names = WebAssembly.Module.exports(module).map((entry) => entry.name);
    const needed = [
      'hopfieldMatVecF32',
      'hopfieldAddRowsF32',
      'hopfieldAddRowsExactF32',
      'hopfieldMatVecExactF32',
      'hopfieldSymMatVecExactF32',
      'hopfieldMatMulI16',
    ];
    compiled = needed.every((name) => names.includes(name)) ? module : null;
  } catch {
    compiled = null;
  }
  return compiled;
}

function aligned(bytes: number): number {
  return Math.ceil(bytes / ALIGN) * ALIGN;
}

/** A rows × cols float32 matrix in its own WebAssembly memory, with the kernels that read it. */
export class ResidentMatrixF32 {
  readonly rows: number;
  readonly cols: number;
  /** The matrix, row-major: a view on the instance's memory (read and write it freely). */
  readonly values: Float32Array;
  readonly #exports: ResidentExports;
  readonly #atW: number;
  readonly #atX: number;
  readonly #atH: number;
  readonly #atRows: number;
  readonly #atScales: number;
  readonly #atBatchStates: number;
  readonly #atBatchSums: number;
  readonly #atPanel: number;
  /** cols rounded up to a multiple of 8 (the int16 rows of the batch kernel). */
  readonly #padded: number;
  /** Entries the row and scale lists hold. */
  readonly #listCapacity: number;
  readonly #f64: Float64Array;
  readonly #f32: Float32Array;
  readonly #i32: Int32Array;
  readonly #i16: Int16Array;

  constructor(exports: ResidentExports, rows: number, cols: number) {
    this.rows = rows;
    this.cols = cols;
    this.#exports = exports;
    const vector = Math.max(rows, cols, 1);
    this.#listCapacity = vector;
    let top = aligned(exports.heapBase());
    this.#atW = top;
    top += aligned(rows * cols * 4);
    this.#atX = top;
    top += aligned(vector * 8);
    this.#atH = top;
    top += aligned(vector * 8);
    this.#atScales = top;
    top += aligned(vector * 8);
    this.#atRows = top;
    top += aligned(vector * 4);
    this.#padded = Math.ceil(cols / 8) * 8;
    this.#atBatchStates = top;
    top += aligned(RESIDENT_BATCH_PROBES * this.#padded * 2);
    this.#atBatchSums = top;
    top += aligned(RESIDENT_BATCH_PROBES * rows * 4);
    this.#atPanel = top;
    top += aligned(2 * this.#padded * 2);
    if (top > 2 ** 32) throw new RangeError(`ResidentMatrixF32: ${rows}×${cols} does not fit in 4 GiB`);
    const memory = exports.memory;
    const size = memory.buffer.byteLength;
    if (top > size) memory.grow(Math.ceil((top - size) / PAGE_BYTES));
    // The memory never grows again, so these views stay valid for the matrix's life.
    const buffer = memory.buffer;
    this.values = new Float32Array(buffer, this.#atW, rows * cols);
    this.#f64 = new Float64Array(buffer);
    this.#f32 = new Float32Array(buffer);
    this.#i32 = new Int32Array(buffer);
    this.#i16 = new Int16Array(buffer);
  }

  /** Bytes of WebAssembly memory this matrix's instance holds (the matrix, scratch, static data). */
  get memoryBytes(): number {
    return this.#exports.memory.buffer.byteLength;
  }

  /**
   * out[outOffset + i] = Σ_j W[i, j] x[xOffset + j] for every row i (float64 sums of the
   * widened float32 weights).
   */
  matVec(x: ArrayLike<number>, out: Float64Array, xOffset = 0, outOffset = 0): void {
    const { rows, cols } = this;
    const f64 = this.#f64;
    const ix = this.#atX / 8;
    for (let j = 0; j < cols; j++) f64[ix + j] = x[xOffset + j];
    this.#exports.hopfieldMatVecF32(this.#atW, this.#atX, this.#atH, rows, cols);
    const ih = this.#atH / 8;
    out.set(f64.subarray(ih, ih + rows), outOffset);
  }

  /**
   * out[outOffset + i] = Σ_j W[i, j] x[xOffset + j] for a ±1 vector x, summed in float32 (SIMD,
   * the ±1 factors applied as sign flips). With `symmetric` (only for a square W that is exactly
   * symmetric) only the blocks on and above the diagonal are read, each weight used for two
   * fields: half the memory traffic. The float32 sums are EXACT, hence bit-identical to
   * {@link matVec}, only when the caller has checked that every weight is an integer multiple
   * k·q of one power of two q with Σ_j |k_ij| ≤ 2^24 in every row (see
   * src/models/hopfield/resident-weights.ts); otherwise they round differently.
   * @returns false, computing nothing, when some x entry is not ±1.
   */
  matVecExactF32(
    x: ArrayLike<number>,
    out: Float64Array,
    xOffset = 0,
    outOffset = 0,
    symmetric = false,
  ): boolean {
    const { rows, cols } = this;
    if (symmetric && rows !== cols)
      throw new RangeError('ResidentMatrixF32.matVecExactF32: symmetric needs a square matrix');
    const f32 = this.#f32;
    const ix = this.#atX / 4;
    for (let j = 0; j < cols; j++) {
      const v = x[xOffset + j];
      if (v !== 1 && v !== -1) return false;
      f32[ix + j] = v;
    }
    if (symmetric)
      this.#exports.hopfieldSymMatVecExactF32(this.#atW, this.#atX, this.#atH, rows, this.#atScales);
    else this.#exports.hopfieldMatVecExactF32(this.#atW, this.#atX, this.#atH, rows, cols);
    const ih = this.#atH / 8;
    out.set(this.#f64.subarray(ih, ih + rows), outOffset);
    return true;
  }

  /**
   * For each listed probe b: out[offsets[b] + i] = q · Σ_j (W[i, j]/q) · states[offsets[b] + j]
   * with q = 2^−exponent, in int32 arithmetic (SIMD int16 products, i32x4.dot_i16x8_s): two rows
   * of W are converted to int16 at a time and dotted with up to {@link RESIDENT_BATCH_PROBES}
   * probes, so W streams from memory once per that many probes. EXACT, hence bit-identical to
   * {@link matVec}, when the caller has checked that every W[i, j]/q is an integer in
   * [−32767, 32767] and Σ_j |W[i, j]/q · state_j| < 2^31 in every row; otherwise wrong (the
   * conversion truncates and saturates). States must be integers in [−32767, 32767].
   */
  matMulInt16(
    states: ArrayLike<number>,
    offsets: ArrayLike<number>,
    count: number,
    out: Float64Array,
    exponent: number,
  ): void {
    const { rows, cols } = this;
    const padded = this.#padded;
    const i16 = this.#i16;
    const i32 = this.#i32;
    const scale = 2 ** exponent;
    const quantum = 2 ** -exponent;
    if (!(Math.fround(scale) === scale && scale > 0 && Number.isFinite(scale) && quantum > 0)) {
      throw new RangeError(`ResidentMatrixF32.matMulInt16: 2^${exponent} must be a finite float32`);
    }
    const is = this.#atBatchStates / 2;
    const io = this.#atBatchSums / 4;
    for (let start = 0; start < count; start += RESIDENT_BATCH_PROBES) {
      const chunk = Math.min(RESIDENT_BATCH_PROBES, count - start);
      // Blocks of four probes, interleaved by eight columns (see hopfieldMatMulI16); the
      // probes that pad the last block are zero.
      const blocks = Math.ceil(chunk / 4);
      i16.fill(0, is, is + blocks * 4 * padded);
      for (let b = 0; b < chunk; b++) {
        const source = offsets[start + b];
        const base = is + (b >> 2) * 4 * padded + (b & 3) * 8;
        if (states instanceof Int8Array) {
          // Always integers in int16's range: no check.
          for (let j = 0; j < cols; j++) i16[base + (j >> 3) * 32 + (j & 7)] = states[source + j];
          continue;
        }
        for (let j = 0; j < cols; j++) {
          const v = states[source + j];
          if (!(v === Math.trunc(v) && v >= -32767 && v <= 32767)) {
            throw new RangeError(
              `ResidentMatrixF32.matMulInt16: states must be integers in [-32767, 32767], got ${v}`,
            );
          }
          i16[base + (j >> 3) * 32 + (j & 7)] = v;
        }
      }
      this.#exports.hopfieldMatMulI16(
        this.#atW,
        rows,
        cols,
        scale,
        this.#atBatchStates,
        chunk,
        this.#atBatchSums,
        this.#atPanel,
      );
      for (let b = 0; b < chunk; b++) {
        const target = offsets[start + b];
        const sums = io + b * rows;
        for (let i = 0; i < rows; i++) out[target + i] = i32[sums + i] * quantum;
      }
    }
  }

  /**
   * target[offset + k] += Σ_t scales[t] · W[rowIndices[t], k] for k < cols and t < count, each
   * entry's terms added in the order of t (bit-identical to adding the rows one at a time).
   * With `exactFloat32` the sums are taken in float32 (SIMD f32x4, about twice as fast): EXACT,
   * hence the same bits, only when the caller has checked that every value of target, every
   * scale·weight and every partial sum is an integer times one power of two q with magnitude
   * ≤ 2^24·q (src/models/hopfield/synchronous.ts); otherwise they round differently.
   */
  addRows(
    rowIndices: ArrayLike<number>,
    scales: ArrayLike<number>,
    count: number,
    target: Float64Array,
    offset = 0,
    exactFloat32 = false,
  ): void {
    const cols = this.cols;
    const f64 = this.#f64;
    const i32 = this.#i32;
    const ih = this.#atH / 8;
    const is = this.#atScales / 8;
    const ir = this.#atRows / 4;
    f64.set(target.subarray(offset, offset + cols), ih);
    for (let start = 0; start < count; start += this.#listCapacity) {
      const chunk = Math.min(this.#listCapacity, count - start);
      for (let t = 0; t < chunk; t++) {
        const row = rowIndices[start + t];
        if (!(row >= 0 && row < this.rows)) {
          throw new RangeError(
            `ResidentMatrixF32.addRows: rowIndices[${start + t}] must be in [0, ${this.rows - 1}], got ${row}`,
          );
        }
        i32[ir + t] = row;
        f64[is + t] = scales[start + t];
      }
      if (exactFloat32) {
        this.#exports.hopfieldAddRowsExactF32(
          this.#atW,
          this.#atH,
          cols,
          this.#atRows,
          this.#atScales,
          chunk,
          this.#atX,
        );
      } else {
        this.#exports.hopfieldAddRowsF32(this.#atW, this.#atH, cols, this.#atRows, this.#atScales, chunk);
      }
    }
    target.set(f64.subarray(ih, ih + cols), offset);
  }
}

const residents = new WeakMap<Float32Array, ResidentMatrixF32>();

/**
 * A new zero rows × cols matrix in WebAssembly memory, or undefined where WebAssembly SIMD
 * cannot be loaded synchronously (then use a plain `Float32Array`).
 * @throws RangeError when rows or cols is not a positive integer.
 */
export function allocateResidentF32(rows: number, cols: number): ResidentMatrixF32 | undefined {
  for (const [name, value] of [
    ['rows', rows],
    ['cols', cols],
  ] as const) {
    if (!Number.isInteger(value) || value < 1) {
      throw new RangeError(`allocateResidentF32: ${name} must be a positive integer, got ${value}`);
    }
  }
  const module = kernelsModule();
  if (module === null) return undefined;
  let resident: ResidentMatrixF32;
  try {
    const instance = new WebAssembly.Instance(module, IMPORTS);
    resident = new ResidentMatrixF32(instance.exports as unknown as ResidentExports, rows, cols);
  } catch {
    return undefined;
  }
  residents.set(resident.values, resident);
  return resident;
}

/** The resident matrix whose view is `values` (the same array object), or undefined. */
export function residentMatrixOf(values: Float32Array): ResidentMatrixF32 | undefined {
  return residents.get(values);
}
