/**
 * A tape arena for the fused MLP passes whose large products run on several threads.
 *
 * The arena's memory is a shared `WebAssembly.Memory` holding the shared-memory build of every
 * kernel (`wasm/assembly/shared.ts`); the caller's instance runs the passes as usual, and each
 * worker of a parked `SharedWorkGroup` has its own instance on the same memory, with its own
 * packing scratch. A product of at least MATMUL_THREADS_MIN_WORK multiply-adds is split by rows:
 * the caller computes the first block, the workers the others (the row-split protocol of
 * `threaded-matmul.ts`, served by the same worker handler). The activation factors and the
 * Taylor stream passes are split by blocks of entries (`threaded-tape-jobs.ts`). Every entry of
 * C is summed in the same order whatever the split, and every elementwise entry goes through the
 * same code, so a threaded pass gives the single-thread pass's bits. Bias additions and the
 * bias-gradient sums stay on the caller.
 */
import { SharedWorkGroup } from '../../threads/shared-work.js';
import type { TaskPool } from '../../threads/task-pool.js';
import { assertThreadCount } from '../../threads/thread-count.js';
import { SHARED_KERNELS_WASM_BASE64 } from './generated/shared-kernels-binary.js';
import { SHARED_KERNELS_FUSED_WASM_BASE64 } from './generated/shared-kernels-fused-binary.js';
import {
  THREADED_KERNELS_INITIAL_PAGES,
  THREADED_KERNELS_MAXIMUM_PAGES,
} from './generated/threaded-kernels-binary.js';
import { wasmMultiplyAdd } from './multiply-add-variant.js';
import { type FusedKernelExports, TapeArena } from './tape-arena.js';
import { MATMUL_THREADS_MIN_WORK } from './threaded-hook.js';
import {
  runBlock,
  THREADED_MATMUL_TASK,
  THREADED_TAPE_KERNEL,
  type ThreadedExports,
  type ThreadedMatmulData,
  workerScratch,
} from './threaded-matmul.js';
import { runTapeJob, TAPE_JOB, type TapeJobExports } from './threaded-tape-jobs.js';

/** Entries from which an activation or stream pass is split over the threads. */
const ELEMENTWISE_MIN_ENTRIES = 32768;

let compiled: WebAssembly.Module | undefined;

function sharedModule(): WebAssembly.Module {
  if (compiled === undefined) {
    const text = atob(
      wasmMultiplyAdd() === 'fused' ? SHARED_KERNELS_FUSED_WASM_BASE64 : SHARED_KERNELS_WASM_BASE64,
    );
    const bytes = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
    compiled = new WebAssembly.Module(bytes);
  }
  return compiled;
}

/** A started threaded arena: give `arena` to the engines, `close` when done. */
export interface ThreadedTapeArena {
  readonly threads: number;
  readonly arena: TapeArena;
  /** Products and elementwise passes split over the threads so far. */
  readonly splitJobs: number;
  close(): Promise<void>;
}

/**
 * Starts the shared memory, the caller's instance and `threads − 1` parked workers from
 * `createPool(threads − 1)` (a pool whose workers serve `threadedMatmulHandler` under
 * THREADED_MATMUL_TASK; `close` closes it).
 * @throws RangeError unless threads is an integer in [1, 256].
 */
export async function startThreadedTapeArena(
  threads: number,
  createPool: (workers: number) => TaskPool,
): Promise<ThreadedTapeArena> {
  assertThreadCount('startThreadedTapeArena', threads);
  const module = sharedModule();
  const memory = new WebAssembly.Memory({
    initial: THREADED_KERNELS_INITIAL_PAGES,
    maximum: THREADED_KERNELS_MAXIMUM_PAGES,
    shared: true,
  });
  const instance = new WebAssembly.Instance(module, { env: { memory } });
  const own = instance.exports as unknown as FusedKernelExports & ThreadedExports & TapeJobExports;
  const workers = threads - 1;
  const scratchBase = Math.ceil(own.heapBase() / 64) * 64;
  // The tape starts after the last worker's scratch (the caller packs in the static scratch).
  const tapeBase = workers === 0 ? scratchBase : workerScratch(own, scratchBase, workers)[0];
  let group: SharedWorkGroup | undefined;
  let pool: TaskPool | undefined;
  if (workers > 0) {
    pool = createPool(workers);
    if (pool.threads !== workers) {
      await pool.close();
      throw new RangeError(
        `startThreadedTapeArena: the pool must have ${workers} workers, got ${pool.threads}`,
      );
    }
    try {
      const data: ThreadedMatmulData = { module, memory, scratchBase };
      group = await SharedWorkGroup.start(pool, {
        kernel: THREADED_TAPE_KERNEL,
        data,
        taskType: THREADED_MATMUL_TASK,
      });
    } catch (error) {
      await pool.close();
      throw error;
    }
  }
  let splitJobs = 0;
  /** Runs `job` over the threads; `own` computes the caller's block 0. */
  const fork = (job: number[], own: () => void): void => {
    splitJobs++;
    (group as SharedWorkGroup).run(job, own);
  };
  const product = (single: number, args: number[]): void => {
    const [, , , m, n, k, , , batch] = args;
    if (group === undefined || batch * m * n * k < MATMUL_THREADS_MIN_WORK || m < 2 * threads) {
      (single === 1 ? own.matmulF32 : own.matmulF64)(...args);
      return;
    }
    const job = [TAPE_JOB.product, ...args, single, threads];
    fork(job, () => runBlock(own, job.slice(1), 0));
  };
  // Elementwise passes split from ELEMENTWISE_MIN_ENTRIES entries (`count` is each kernel's
  // count argument).
  const elementwise = (
    code: number,
    single: number,
    args: number[],
    count: number,
    alone: () => void,
  ): void => {
    if (group === undefined || count < ELEMENTWISE_MIN_ENTRIES) {
      alone();
      return;
    }
    const job = [code, single, ...args, threads];
    fork(job, () => runTapeJob(own, job, 0));
  };
  const exports: FusedKernelExports = {
    ...own,
    memory,
    matmulF32: (...args: number[]) => product(1, args),
    matmulF64: (...args: number[]) => product(0, args),
    activationFactorsF32: (...args: number[]) =>
      elementwise(TAPE_JOB.factors, 1, args, args[6], () => own.activationFactorsF32(...args)),
    activationFactorsF64: (...args: number[]) =>
      elementwise(TAPE_JOB.factors, 0, args, args[6], () => own.activationFactorsF64(...args)),
    taylorStreamsF32: (...args: number[]) =>
      elementwise(TAPE_JOB.streams, 1, args, args[4], () => own.taylorStreamsF32(...args)),
    taylorStreamsF64: (...args: number[]) =>
      elementwise(TAPE_JOB.streams, 0, args, args[4], () => own.taylorStreamsF64(...args)),
    taylorStreamsBackwardF32: (...args: number[]) =>
      elementwise(TAPE_JOB.streamsBackward, 1, args, args[5], () => own.taylorStreamsBackwardF32(...args)),
    taylorStreamsBackwardF64: (...args: number[]) =>
      elementwise(TAPE_JOB.streamsBackward, 0, args, args[5], () => own.taylorStreamsBackwardF64(...args)),
    multiplyF32: (out: number, a: number, b: number, count: number) =>
      elementwise(TAPE_JOB.multiply, 1, [out, a, b, count], count, () => own.multiplyF32(out, a, b, count)),
    multiplyF64: (out: number, a: number, b: number, count: number) =>
      elementwise(TAPE_JOB.multiply, 0, [out, a, b, count], count, () => own.multiplyF64(out, a, b, count)),
    addProductF32: (out: number, a: number, b: number, count: number) =>
      elementwise(TAPE_JOB.addProduct, 1, [out, a, b, count], count, () =>
        own.addProductF32(out, a, b, count),
      ),
    addProductF64: (out: number, a: number, b: number, count: number) =>
      elementwise(TAPE_JOB.addProduct, 0, [out, a, b, count], count, () =>
        own.addProductF64(out, a, b, count),
      ),
    gradientBackwardF32: (...args: number[]) =>
      elementwise(TAPE_JOB.gradientBackward, 1, args, args[6], () => own.gradientBackwardF32(...args)),
    gradientBackwardF64: (...args: number[]) =>
      elementwise(TAPE_JOB.gradientBackward, 0, args, args[6], () => own.gradientBackwardF64(...args)),
  };
  let closed = false;
  return {
    threads,
    arena: new TapeArena(exports, tapeBase),
    get splitJobs() {
      return splitJobs;
    },
    async close() {
      if (closed) return;
      closed = true;
      // Unreferenced workers (Node) do not keep the event loop alive while their answers are due.
      const keepAlive = setInterval(() => {}, 1000);
      try {
        await group?.stop();
        await pool?.close();
      } finally {
        clearInterval(keepAlive);
      }
    },
  };
}
