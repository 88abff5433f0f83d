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
 * an instance holds a few KiB of static data and O(rows + cols) scratch vectors.
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
}

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
    compiled = names.includes('hopfieldMatVecF32') && names.includes('hopfieldAddRowsF32') ? module : null;
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
  /** Entries the row and scale lists hold. */
  readonly #listCapacity: number;
  readonly #f64: Float64Array;
  readonly #i32: Int32Array;

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
    if (top > 2 ** 32) throw new RangeError(`ResidentMatrixF32: ${rows}×${cols} does not fit in 4 GiB`);
    const memory = exports.memory;
    const size = memory.buffer.byteLength;
    if (top > size) memory.grow(Math.ceil((top - size) / PAGE_BYTES));
    // The memory never grows again, so these views stay valid for the matrix's life.
    const buffer = memory.buffer;
    this.values = new Float32Array(buffer, this.#atW, rows * cols);
    this.#f64 = new Float64Array(buffer);
    this.#i32 = new Int32Array(buffer);
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
   * target[offset + k] += Σ_t scales[t] · W[rowIndices[t], k] for k < cols and t < count, each
   * entry's terms added in the order of t (bit-identical to adding the rows one at a time).
   */
  addRows(
    rowIndices: ArrayLike<number>,
    scales: ArrayLike<number>,
    count: number,
    target: Float64Array,
    offset = 0,
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
      this.#exports.hopfieldAddRowsF32(this.#atW, this.#atH, cols, this.#atRows, this.#atScales, chunk);
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
