/**
 * Where the operands of one WebAssembly kernel call live: consecutive regions above the
 * module's static data (`heapBase`), laid out afresh for every call.
 *
 * The memory grows only when a call needs more than any call before it, to the size of that
 * call, and never shrinks: a training loop that repeats the same shapes grows it on its first
 * step and never again, and nothing leaks between calls. (WebAssembly memory cannot shrink; the
 * largest problem seen sets the footprint.) The typed-array views are rebuilt only after a
 * growth, which detaches the old buffer.
 */

const PAGE_BYTES = 65536;
/** Regions start on 64-byte boundaries (one cache line; aligned v128 loads). */
const ALIGN = 64;

export class WasmArena {
  readonly #memory: WebAssembly.Memory;
  readonly #base: number;
  #top: number;
  #buffer: ArrayBuffer | undefined;
  #f64: Float64Array = new Float64Array(0);
  #f32: Float32Array = new Float32Array(0);

  constructor(memory: WebAssembly.Memory, heapBase: number) {
    this.#memory = memory;
    this.#base = Math.ceil(heapBase / ALIGN) * ALIGN;
    this.#top = this.#base;
  }

  /** Starts the layout of a new call: every earlier region may be reused. */
  reset(): void {
    this.#top = this.#base;
  }

  /** Reserves `bytes` bytes and returns their byte offset; call `commit` before using them. */
  take(bytes: number): number {
    const at = this.#top;
    this.#top = at + Math.ceil(bytes / ALIGN) * ALIGN;
    return at;
  }

  /** Grows the memory, if needed, so that every region taken since `reset` exists. */
  commit(): void {
    const size = this.#memory.buffer.byteLength;
    if (this.#top > size) {
      if (this.#top > 2 ** 32) {
        throw new Error(`WebAssembly kernels: the operands need ${this.#top} bytes, above the 4 GiB limit`);
      }
      try {
        this.#memory.grow(Math.ceil((this.#top - size) / PAGE_BYTES));
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new Error(`WebAssembly kernels: cannot grow the memory to ${this.#top} bytes (${reason})`);
      }
    }
  }

  /** Bytes of memory the module holds now. */
  get byteLength(): number {
    return this.#memory.buffer.byteLength;
  }

  /** A float64 view of the whole memory (index = byte offset / 8). */
  f64(): Float64Array {
    this.#refresh();
    return this.#f64;
  }

  /** A float32 view of the whole memory (index = byte offset / 4). */
  f32(): Float32Array {
    this.#refresh();
    return this.#f32;
  }

  #refresh(): void {
    const buffer = this.#memory.buffer;
    if (buffer !== this.#buffer) {
      this.#buffer = buffer;
      this.#f64 = new Float64Array(buffer);
      this.#f32 = new Float32Array(buffer);
    }
  }
}
