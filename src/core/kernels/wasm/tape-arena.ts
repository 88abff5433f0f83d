/**
 * WebAssembly memory for the fused MLP passes (`taylor-mlp-engine.ts`, `input-gradient-engine.ts`)
 * that keep a tape between a forward pass and its backward pass.
 *
 * The arena owns a separate instance of the kernels module (its own memory: the shared
 * runtime lays operands out afresh on every call and would overwrite a tape). Tapes are
 * allocated one after another; the first forward pass after any backward pass (a new training
 * step) starts a new "epoch" and reuses the whole region. A backward pass whose tape belongs to
 * an older epoch must recompute it (the engines keep their small inputs for that), so a result
 * is never wrong, only slower. Scratch for a value-only pass or a backward pass sits above the
 * tapes and is released at once. The memory grows to the largest step seen and stays there: no
 * growth over a training run.
 */
import { instantiateKernelsModule } from './runtime.js';

/** The exports the fused passes call (pointers are byte offsets into the arena's memory). */
export interface FusedKernelExports {
  memory: WebAssembly.Memory;
  heapBase(): number;
  matmulF32(...args: number[]): void;
  matmulF64(...args: number[]): void;
  sumF32(x: number, out: number, outer: number, length: number, inner: number): void;
  sumF64(x: number, out: number, outer: number, length: number, inner: number): void;
  activationFactorsF32(...args: number[]): void;
  activationFactorsF64(...args: number[]): void;
  taylorStreamsF32(...args: number[]): void;
  taylorStreamsF64(...args: number[]): void;
  taylorStreamsBackwardF32(...args: number[]): void;
  taylorStreamsBackwardF64(...args: number[]): void;
  addBiasF32(z: number, b: number, rows: number, cols: number): void;
  addBiasF64(z: number, b: number, rows: number, cols: number): void;
  multiplyF32(out: number, a: number, b: number, count: number): void;
  multiplyF64(out: number, a: number, b: number, count: number): void;
  gradientBackwardF32(...args: number[]): void;
  gradientBackwardF64(...args: number[]): void;
  addProductF32(out: number, a: number, b: number, count: number): void;
  addProductF64(out: number, a: number, b: number, count: number): void;
}

const PAGE_BYTES = 65536;
const ALIGN = 64;
/** Tapes of one epoch may fill this much before the region is reused (old tapes recomputed). */
const TAPE_BYTES_LIMIT = 1 << 30;

/** Activation codes of `wasm/assembly/taylor.ts`. */
export const ACTIVATION_CODES = {
  identity: 0,
  tanh: 1,
  relu: 2,
  softplus: 3,
  sigmoid: 4,
  sin: 5,
  swish: 6,
} as const;

/** The activations the fused passes compute. */
export type FusedActivation = keyof typeof ACTIVATION_CODES;

/** An MLP as the fused passes see it. */
export interface FusedMlpLayout {
  /** Layer widths [d, h₁, …, out]. */
  readonly sizes: readonly number[];
  /** One activation per layer (sizes.length − 1 entries). */
  readonly activations: readonly FusedActivation[];
  /** Where layer l's weight [sizes[l], sizes[l+1]] (row-major) and bias start in θ. */
  readonly weightOffsets: readonly number[];
  readonly biasOffsets: readonly number[];
  readonly parameterCount: number;
  readonly dtype: 'float64' | 'float32';
}

/** See the file comment. */
export class TapeArena {
  readonly exports: FusedKernelExports;
  readonly #base: number;
  #top: number;
  #epoch = 0;
  #backwardSeen = false;
  #buffer: ArrayBuffer | undefined;
  #f64 = new Float64Array(0);
  #f32 = new Float32Array(0);
  #i32 = new Int32Array(0);

  /** `base`: the first byte the tapes may use (default: the module's heap base). */
  constructor(exports: FusedKernelExports, base = exports.heapBase()) {
    this.exports = exports;
    this.#base = Math.ceil(base / ALIGN) * ALIGN;
    this.#top = this.#base;
  }

  /** Bytes of WebAssembly memory the arena holds (it only grows, to the largest step seen). */
  get byteLength(): number {
    return this.exports.memory.buffer.byteLength;
  }

  /** The current epoch (a tape is valid while its epoch is current). */
  get epoch(): number {
    return this.#epoch;
  }

  /**
   * Prepares a forward pass that needs `bytes` bytes: a kept tape after a backward pass (or
   * past the epoch's limit) starts a new epoch. Returns the mark to release a scratch pass to.
   */
  beginForward(keep: boolean, bytes: number): number {
    if (keep && (this.#backwardSeen || this.#top - this.#base + bytes > TAPE_BYTES_LIMIT)) {
      this.#top = this.#base;
      this.#epoch++;
      this.#backwardSeen = false;
    }
    return this.#top;
  }

  /** Notes that a backward pass ran: the next kept forward pass starts a new epoch. */
  noteBackward(): void {
    this.#backwardSeen = true;
  }

  /** The position to `release` scratch back to. */
  mark(): number {
    return this.#top;
  }

  release(mark: number): void {
    this.#top = mark;
  }

  /** Reserves `bytes` (64-byte aligned) and returns their byte offset; `commit` before use. */
  take(bytes: number): number {
    const at = this.#top;
    this.#top = at + Math.ceil(bytes / ALIGN) * ALIGN;
    return at;
  }

  /** Grows the memory, if needed, so that every region taken exists. */
  commit(): void {
    const memory = this.exports.memory;
    const size = memory.buffer.byteLength;
    if (this.#top <= size) return;
    if (this.#top > 2 ** 32) {
      throw new Error(`fused MLP pass: the tape needs ${this.#top} bytes, above the 4 GiB WebAssembly limit`);
    }
    memory.grow(Math.ceil((this.#top - size) / PAGE_BYTES));
  }

  /** A view of the whole memory in `dtype` (index = byte offset / element size). */
  view(dtype: 'float64' | 'float32'): Float64Array | Float32Array {
    this.#refresh();
    return dtype === 'float32' ? this.#f32 : this.#f64;
  }

  f64(): Float64Array {
    this.#refresh();
    return this.#f64;
  }

  i32(): Int32Array {
    this.#refresh();
    return this.#i32;
  }

  #refresh(): void {
    const buffer = this.exports.memory.buffer;
    if (buffer !== this.#buffer) {
      this.#buffer = buffer;
      this.#f64 = new Float64Array(buffer);
      this.#f32 = new Float32Array(buffer);
      this.#i32 = new Int32Array(buffer);
    }
  }
}

let arena: TapeArena | null | undefined;
let threadedArena: TapeArena | undefined;

/**
 * Makes `threaded` (an arena whose large products run on several threads, from
 * `threaded-tape-arena.ts`) the one `tapeArena` returns, or goes back to the single-thread
 * arena with undefined. `setKernelThreads` does this in Node.
 */
export function setThreadedTapeArena(threaded: TapeArena | undefined): void {
  threadedArena = threaded;
}

/**
 * The arena the fused passes use: the threaded one while kernel threads are on, else the
 * shared single-thread arena; undefined where WebAssembly SIMD cannot be instantiated
 * synchronously.
 */
export function tapeArena(): TapeArena | undefined {
  if (threadedArena !== undefined) return threadedArena;
  if (arena === undefined) {
    const exports = instantiateKernelsModule()?.exports as unknown as FusedKernelExports | undefined;
    arena =
      exports !== undefined && typeof exports.gradientBackwardF64 === 'function'
        ? new TapeArena(exports)
        : null;
  }
  return arena ?? undefined;
}
