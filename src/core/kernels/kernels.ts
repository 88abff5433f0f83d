/**
 * The kernel interface: the few hot loops that every layer above goes through.
 *
 * Tensors, autodiff and models never loop over big arrays themselves for matmul and
 * reductions; they call the active `Kernels`. A faster implementation (WebAssembly SIMD,
 * worker threads) replaces the default with `setKernels` without touching anything above.
 * All arrays are dense and row-major.
 */
export type FloatArray = Float64Array | Float32Array;

/** Batched matrix product `C[i] = op(A[i]) · op(B[i])` for `i < batch`. */
export interface MatmulArgs {
  a: FloatArray;
  b: FloatArray;
  c: FloatArray;
  /** Rows of op(A) and of C. */
  m: number;
  /** Columns of op(B) and of C. */
  n: number;
  /** Columns of op(A) = rows of op(B). */
  k: number;
  /** When true, A is stored as k×m and op(A) = Aᵀ. */
  transA: boolean;
  /** When true, B is stored as n×k and op(B) = Bᵀ. */
  transB: boolean;
  /** Number of matrices in the batch (1 for a plain product). */
  batch: number;
  /** Element offset between consecutive A matrices; 0 broadcasts one A over the batch. */
  strideA: number;
  /** Element offset between consecutive B matrices; 0 broadcasts one B over the batch. */
  strideB: number;
  /**
   * Element offset between consecutive C matrices (normally m·n). 0 sums the whole batch
   * into one C (the first product overwrites C unless `accumulate`); any other value below
   * m·n is rejected. C must not share memory with A or B.
   */
  strideC: number;
  /** When true, C += op(A)·op(B); otherwise C is overwritten. */
  accumulate: boolean;
  /**
   * True when A is a value nobody will change (an array the tensor layer allocated for a
   * tensor's data): kernels that compute in their own memory may keep their copy of it for later
   * calls instead of copying it again (`wasm/resident-copies.ts`). Leave unset for arrays that
   * are, or may be, updated in place.
   */
  immutableA?: boolean;
  /** As `immutableA`, for B. */
  immutableB?: boolean;
  /** True when C is a fresh array that becomes such a value after the call. */
  immutableC?: boolean;
}

/**
 * Reductions over the middle axis (max/min propagate NaN; over an empty axis max is −∞,
 * min is +∞; `out` must not share memory with `x`) of an array viewed as `[outer, length, inner]`:
 * `out[o·inner + i] = reduce_j x[(o·length + j)·inner + i]`.
 */
export interface ReduceArgs {
  x: FloatArray;
  out: FloatArray;
  outer: number;
  length: number;
  inner: number;
  /** True when x is a value nobody will change (a tensor's data); see `MatmulArgs.immutableA`. */
  immutableInput?: boolean;
}

export interface Kernels {
  /** A short name for benchmarks and error messages, e.g. "js-blocked". */
  readonly name: string;
  matmul(args: MatmulArgs): void;
  sum(args: ReduceArgs): void;
  max(args: ReduceArgs): void;
  min(args: ReduceArgs): void;
  /** Dot product of the first n entries; accumulates in float64 whatever the storage type. */
  dot(x: FloatArray, y: FloatArray, n: number): number;
}
