/**
 * The matrix product split by rows over threads that share one WebAssembly memory.
 *
 * The shared-memory build of the kernels (`wasm/assembly/threaded.ts`, built by
 * `scripts/build-wasm.mjs`) is instantiated once on the calling thread and once in every
 * worker, all on the same shared `WebAssembly.Memory`. Per call the caller copies A and B (and
 * C when its old values matter) into that memory once, exactly as the single-thread kernels do
 * (`wasmMatmul`, reused here), then hands every worker its block of rows of C through a
 * `SharedWorkGroup` and computes block 0 itself; each thread packs its panels in its own scratch
 * region. When all are done the caller copies C out.
 *
 * Determinism: every entry of C is summed in the same order whatever block holds its row, so
 * the result is bit-identical to the single-thread WebAssembly kernels for any thread count.
 *
 * This file imports nothing environment-specific: the caller supplies the pool of workers
 * (their module must register `threadedMatmulHandler`). Node does so in `threaded-node.ts`.
 * The calling thread blocks in `Atomics.wait` while the workers run: Node's main thread and any
 * worker may; a browser page's main thread may not (there the kernels stay single-threaded).
 */
import { type SharedKernel, SharedWorkGroup, sharedWorkHandler } from '../../threads/shared-work.js';
import type { TaskPool } from '../../threads/task-pool.js';
import { assertThreadCount } from '../../threads/thread-count.js';
import type { MatmulArgs } from '../kernels.js';
import { validateMatmulArgs } from '../validate.js';
import { WasmArena } from './arena.js';
import {
  THREADED_KERNELS_INITIAL_PAGES,
  THREADED_KERNELS_MAXIMUM_PAGES,
} from './generated/threaded-kernels-binary.js';
import { threadedKernelsBinary } from './multiply-add-variant.js';
import type { KernelExports, WasmRuntime } from './runtime.js';
import { runTapeJob, TAPE_JOB, type TapeJobExports } from './threaded-tape-jobs.js';
import { wasmMatmul } from './wasm-matmul.js';

/** What the shared-memory module exports (pointers are byte offsets into the shared memory). */
export interface ThreadedExports {
  heapBase(): number;
  packABytes(): number;
  packBBytes(): number;
  setScratch(packA: number, packB: number, tile: number): void;
  matmulRowsF32(...args: number[]): void;
  matmulRowsF64(...args: number[]): void;
}

/** What every worker keeps for the group's lifetime (structured-cloned once). */
export interface ThreadedMatmulData {
  module: WebAssembly.Module;
  memory: WebAssembly.Memory;
  /** Byte offset of worker 0's scratch regions; worker r's follow r scratches further. */
  scratchBase: number;
}

/** The task type and kernel name under which workers serve the row blocks. */
export const THREADED_MATMUL_TASK = 'threaded-matmul';
export const THREADED_MATMUL_KERNEL = 'rows';
/** The kernel name under which workers serve a threaded fused MLP pass. */
export const THREADED_TAPE_KERNEL = 'tape';

/** Bytes of the micro-tile at the end of a thread's scratch (8 rows × 8 float64, as in scratch.ts). */
const TILE_BYTES = 8 * 8 * 8;

/** Byte offsets of worker `rank`'s scratch regions (the caller uses the module's static ones). */
export function workerScratch(
  exports: ThreadedExports,
  base: number,
  rank: number,
): [number, number, number] {
  const packA = exports.packABytes();
  const packB = exports.packBBytes();
  const at = base + rank * (packA + packB + TILE_BYTES);
  return [at, at + packA, at + packA + packB];
}

/**
 * Row blocks start on multiples of the micro-kernels' row count (5 in the separate build, 6 in
 * the fused one): only the last block has ragged rows.
 */
const ROW_ALIGN = 30;

let compiled: WebAssembly.Module | undefined;

function threadedModule(): WebAssembly.Module {
  if (compiled === undefined) {
    compiled = new WebAssembly.Module(threadedKernelsBinary());
  }
  return compiled;
}

function instantiate(module: WebAssembly.Module, memory: WebAssembly.Memory): ThreadedExports {
  return new WebAssembly.Instance(module, { env: { memory } }).exports as unknown as ThreadedExports;
}

/** First row of block `block` of `blocks` over m rows (aligned; the last block ends at m). */
function blockStart(block: number, blocks: number, m: number): number {
  if (block >= blocks) return m;
  return Math.min(m, Math.round((block * m) / blocks / ROW_ALIGN) * ROW_ALIGN);
}

// Job arguments: the 13 of matmulF32/F64, then the precision (1: float32) and the block count.
const ARG_SINGLE = 13;
const ARG_BLOCKS = 14;

/**
 * Rows of block `block` of the product in `args` (matmulF32/F64's 13 arguments, then 1 for
 * float32 or 0, then the block count).
 */
export function runBlock(exports: ThreadedExports, args: ArrayLike<number>, block: number): void {
  const m = args[3];
  const blocks = args[ARG_BLOCKS];
  const row0 = blockStart(block, blocks, m);
  const row1 = blockStart(block + 1, blocks, m);
  if (row1 <= row0) return;
  const product = args[ARG_SINGLE] === 1 ? exports.matmulRowsF32 : exports.matmulRowsF64;
  const operands = Array.from({ length: 13 }, (_, index) => args[index]);
  product(...operands, row0, row1);
}

const workerInstances = new WeakMap<ThreadedMatmulData, ThreadedExports>();

/** The worker's instance of the group's module on its shared memory, made on first use. */
function workerExports(data: ThreadedMatmulData, rank: number): ThreadedExports {
  let exports = workerInstances.get(data);
  if (exports === undefined) {
    exports = instantiate(data.module, data.memory);
    exports.setScratch(...workerScratch(exports, data.scratchBase, rank));
    workerInstances.set(data, exports);
  }
  return exports;
}

/** The worker's kernel for row-split products: runs block rank + 1. */
const rowsKernel: SharedKernel<ThreadedMatmulData> = (args, rank, _parties, data) => {
  runBlock(workerExports(data, rank), args, rank + 1);
};

/**
 * The worker's kernel for a threaded fused MLP pass (`threaded-tape-arena.ts`, whose module is
 * the shared-memory build of every kernel): a product's rows or an elementwise job's entries,
 * block rank + 1.
 */
const tapeKernel: SharedKernel<ThreadedMatmulData> = (args, rank, _parties, data) => {
  const exports = workerExports(data, rank);
  if (args[0] === TAPE_JOB.product) runBlock(exports, args.subarray(1), rank + 1);
  else runTapeJob(exports as unknown as TapeJobExports, args, rank + 1);
};

/** The worker side: register it as `{ [THREADED_MATMUL_TASK]: threadedMatmulHandler }` in `serveTasks`. */
export const threadedMatmulHandler = sharedWorkHandler<ThreadedMatmulData>({
  [THREADED_MATMUL_KERNEL]: rowsKernel,
  [THREADED_TAPE_KERNEL]: tapeKernel,
});

/** A row-split matrix product over `threads` threads: the caller and `threads − 1` workers. */
export class ThreadedWasmMatmul {
  /** Threads computing every product (the caller included). */
  readonly threads: number;
  readonly #exports: ThreadedExports;
  readonly #runtime: WasmRuntime;
  readonly #group: SharedWorkGroup | undefined;
  readonly #pool: TaskPool | undefined;
  #closed = false;

  private constructor(
    threads: number,
    exports: ThreadedExports,
    arena: WasmArena,
    group?: SharedWorkGroup,
    pool?: TaskPool,
  ) {
    this.threads = threads;
    this.#exports = exports;
    this.#group = group;
    this.#pool = pool;
    // wasmMatmul lays out and copies the operands, folds the contiguous batches and calls the
    // product; here the product is the row-split one.
    const exportsForCopy = {
      matmulF32: (...args: number[]) => this.#product(1, args),
      matmulF64: (...args: number[]) => this.#product(0, args),
    } as unknown as KernelExports;
    this.#runtime = { exports: exportsForCopy, arena };
  }

  /**
   * Starts the shared memory, the caller's instance and, for threads > 1, parks every worker of
   * `createPool(threads − 1)` (a pool whose workers serve `threadedMatmulHandler` under
   * THREADED_MATMUL_TASK; it is closed by `close`).
   */
  static async start(
    threads: number,
    createPool: (workers: number) => TaskPool,
  ): Promise<ThreadedWasmMatmul> {
    assertThreadCount('ThreadedWasmMatmul', threads);
    const module = threadedModule();
    const memory = new WebAssembly.Memory({
      initial: THREADED_KERNELS_INITIAL_PAGES,
      maximum: THREADED_KERNELS_MAXIMUM_PAGES,
      shared: true,
    });
    const exports = instantiate(module, memory);
    const workers = threads - 1;
    const scratchBase = Math.ceil(exports.heapBase() / 64) * 64;
    // The operands start after the last worker's scratch.
    const arena = new WasmArena(
      memory,
      workers === 0 ? scratchBase : workerScratch(exports, scratchBase, workers)[0],
    );
    if (workers === 0) return new ThreadedWasmMatmul(1, exports, arena);
    const pool = createPool(workers);
    if (pool.threads !== workers) {
      await pool.close();
      throw new RangeError(`ThreadedWasmMatmul: the pool must have ${workers} workers, got ${pool.threads}`);
    }
    try {
      const data: ThreadedMatmulData = { module, memory, scratchBase };
      const group = await SharedWorkGroup.start(pool, {
        kernel: THREADED_MATMUL_KERNEL,
        data,
        taskType: THREADED_MATMUL_TASK,
      });
      return new ThreadedWasmMatmul(threads, exports, arena, group, pool);
    } catch (error) {
      await pool.close();
      throw error;
    }
  }

  /** Computes the product described by `args`; blocks until all rows are done. */
  matmul(args: MatmulArgs): void {
    if (this.#closed) throw new Error('ThreadedWasmMatmul.matmul: closed');
    validateMatmulArgs(args);
    wasmMatmul(this.#runtime, args);
  }

  /** Bytes of shared memory held now (grows to the largest call, never shrinks). */
  get byteLength(): number {
    return this.#runtime.arena.byteLength;
  }

  /** Releases the workers and closes their pool. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    // Unreferenced workers (Node) do not keep the event loop alive while their answers are due.
    const keepAlive = setInterval(() => {}, 1000);
    try {
      await this.#group?.stop();
      await this.#pool?.close();
    } finally {
      clearInterval(keepAlive);
    }
  }

  #product(single: number, args: number[]): void {
    const job = [...args, single, this.threads];
    const own = () => runBlock(this.#exports, job, 0);
    if (this.#group === undefined) own();
    else this.#group.run(job, own);
  }
}
