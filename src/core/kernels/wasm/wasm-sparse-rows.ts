/**
 * The sparse-row products of an RBM training step in WebAssembly SIMD
 * (`wasm/assembly/rbm.ts`), for one weight matrix W (V×H, float64) at a time:
 *
 *   forward   out = 1·cᵀ + X·W        (X given as lists of its nonzero entries)
 *   backward  out = 1·bᵀ + S·Wᵀ       (through a transposed copy Wᵀ, so both read rows)
 *   outer     W  += Σ_t α_t·e_{i_t}·y_tᵀ (per-visible-unit lists of the weight update)
 *
 * Usage per training step: `load(W)` copies W into the module's memory (and transposes it
 * there), the products then read and update that copy, and `store(W)` copies it back: two
 * copies of W per step instead of one per product. Between `load` and `store` no other
 * WebAssembly kernel may run (they lay out the same memory afresh); the RBM trainer's small-
 * batch step calls none. Every output is summed in list order, as the TypeScript loops of
 * `src/models/rbm/small-products.ts` do, so the results are bit-identical to theirs.
 */
import type { WasmRuntime } from './runtime.js';

/** Rows as lists of their nonzero entries (compressed sparse rows). */
export interface SparseRows {
  /** Entries of row s are `starts[s] … starts[s + 1] − 1`. */
  readonly starts: Int32Array;
  readonly columns: Int32Array;
  readonly values: Float64Array;
}

interface SparseRowExports {
  transposeF64(input: number, out: number, rows: number, cols: number): void;
  rbmSparseRowsTimesF64(
    starts: number,
    origin: number,
    columns: number,
    values: number,
    rows: number,
    width: number,
    m: number,
    bias: number,
    out: number,
  ): void;
  rbmListedOuterF64(
    target: number,
    units: number,
    width: number,
    ends: number,
    offsets: number,
    values: number,
    y: number,
  ): void;
}

/** True when the loaded module has the sparse-row kernels (a stale build may not). */
export function hasSparseRowKernels(runtime: WasmRuntime): boolean {
  const exports = runtime.exports as unknown as Record<string, unknown>;
  return (
    typeof exports.transposeF64 === 'function' &&
    typeof exports.rbmSparseRowsTimesF64 === 'function' &&
    typeof exports.rbmListedOuterF64 === 'function'
  );
}

/** Forward, backward and outer products over one V×H weight matrix; see the file comment. */
export class WasmSparseRowProducts {
  readonly #runtime: WasmRuntime;
  readonly #exports: SparseRowExports;
  readonly #V: number;
  readonly #H: number;
  /** Most rows of one product, and most listed entries of one outer update. */
  readonly #maxRows: number;
  readonly #maxEntries: number;
  #atW = 0;
  #atWT = 0;
  #atBias = 0;
  #atStarts = 0;
  #atColumns = 0;
  #atValues = 0;
  #atOut = 0;
  #atEnds = 0;
  #atOffsets = 0;
  #atY = 0;
  #f64: Float64Array<ArrayBufferLike> = new Float64Array(0);
  #i32: Int32Array<ArrayBufferLike> = new Int32Array(0);

  /**
   * Products for a V×H matrix, at most `maxRows` rows per product and `maxEntries` entries per
   * outer update (at most the total rows of both blocks times V).
   */
  constructor(
    runtime: WasmRuntime,
    visibleCount: number,
    hiddenCount: number,
    maxRows: number,
    maxEntries: number,
  ) {
    if (!hasSparseRowKernels(runtime)) {
      throw new Error(
        'WasmSparseRowProducts: the WebAssembly module lacks the RBM kernels (rebuild: npm run build:wasm)',
      );
    }
    this.#runtime = runtime;
    this.#exports = runtime.exports as unknown as SparseRowExports;
    this.#V = visibleCount;
    this.#H = hiddenCount;
    this.#maxRows = maxRows;
    this.#maxEntries = maxEntries;
  }

  /** Lays out the operands and copies W (V×H) in, with its transpose. Starts a step. */
  load(weights: Float64Array): void {
    const V = this.#V;
    const H = this.#H;
    const width = Math.max(V, H);
    const { arena } = this.#runtime;
    arena.reset();
    this.#atW = arena.take(V * H * 8);
    this.#atWT = arena.take(V * H * 8);
    this.#atBias = arena.take(width * 8);
    this.#atStarts = arena.take((this.#maxRows + 1) * 4);
    this.#atColumns = arena.take(Math.max(this.#maxRows * width, this.#maxEntries) * 4);
    this.#atValues = arena.take(Math.max(this.#maxRows * width, this.#maxEntries) * 8);
    this.#atOut = arena.take(this.#maxRows * width * 8);
    this.#atEnds = arena.take(V * 4);
    this.#atOffsets = arena.take(this.#maxEntries * 4);
    this.#atY = arena.take(this.#maxRows * 2 * H * 8);
    arena.commit();
    const f64 = arena.f64();
    if (f64.buffer !== this.#f64.buffer) this.#i32 = new Int32Array(f64.buffer);
    this.#f64 = f64;
    f64.set(weights.subarray(0, V * H), this.#atW / 8);
    this.#exports.transposeF64(this.#atW, this.#atWT, V, H);
  }

  /** out[s·H + j] = bias[j] + Σ x_s[i]·W[i, j] for the rows first … first + rows − 1 of `lists`. */
  forward(lists: SparseRows, first: number, rows: number, bias: ArrayLike<number>, out: Float64Array): void {
    this.#rowsTimes(lists, first, rows, this.#H, this.#atW, bias, out);
  }

  /** out[s·V + i] = bias[i] + Σ h_s[j]·W[i, j] for the rows 0 … rows − 1 of `lists`. */
  backward(lists: SparseRows, rows: number, bias: ArrayLike<number>, out: Float64Array): void {
    this.#rowsTimes(lists, 0, rows, this.#V, this.#atWT, bias, out);
  }

  /**
   * W[i, j] += Σ_t values[t]·y[offsets[t] + j] over unit i's entries t ∈ [ends[i − 1], ends[i])
   * (`entries` in all); y holds `yLength` entries.
   */
  outer(
    ends: Int32Array,
    offsets: Int32Array,
    values: Float64Array,
    entries: number,
    y: Float64Array,
    yLength: number,
  ): void {
    const f64 = this.#f64;
    const i32 = this.#i32;
    i32.set(ends.subarray(0, this.#V), this.#atEnds / 4);
    i32.set(offsets.subarray(0, entries), this.#atOffsets / 4);
    f64.set(values.subarray(0, entries), this.#atValues / 8);
    f64.set(y.subarray(0, yLength), this.#atY / 8);
    this.#exports.rbmListedOuterF64(
      this.#atW,
      this.#V,
      this.#H,
      this.#atEnds,
      this.#atOffsets,
      this.#atValues,
      this.#atY,
    );
  }

  /** Copies the (updated) W back into `weights`. Ends a step. */
  store(weights: Float64Array): void {
    const at = this.#atW / 8;
    weights.set(this.#f64.subarray(at, at + this.#V * this.#H));
  }

  #rowsTimes(
    lists: SparseRows,
    first: number,
    rows: number,
    width: number,
    atMatrix: number,
    bias: ArrayLike<number>,
    out: Float64Array,
  ): void {
    const f64 = this.#f64;
    const i32 = this.#i32;
    const origin = lists.starts[first];
    const end = lists.starts[first + rows];
    i32.set(lists.starts.subarray(first, first + rows + 1), this.#atStarts / 4);
    i32.set(lists.columns.subarray(origin, end), this.#atColumns / 4);
    f64.set(lists.values.subarray(origin, end), this.#atValues / 8);
    const atBias = this.#atBias / 8;
    for (let j = 0; j < width; j++) f64[atBias + j] = bias[j];
    this.#exports.rbmSparseRowsTimesF64(
      this.#atStarts,
      origin,
      this.#atColumns,
      this.#atValues,
      rows,
      width,
      atMatrix,
      this.#atBias,
      this.#atOut,
    );
    const atOut = this.#atOut / 8;
    out.set(f64.subarray(atOut, atOut + rows * width));
  }
}
