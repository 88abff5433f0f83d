/**
 * Where the dispatching kernels (`auto-kernels.ts`) find the threaded matrix product, when one
 * is active (`setKernelThreads` in Node). Kept apart so that the dispatcher imports nothing that
 * starts threads, and stays loadable in browsers.
 */
import type { MatmulArgs } from '../kernels.js';
import type { ThreadedWasmMatmul } from './threaded-matmul.js';

/**
 * Multiply-adds (batch·m·n·k) from which an active threaded product is used: 2^24 = 256³, the
 * PINN shape 4096×64·64×64. Below it the fork–join (waking the workers, the caller's copies,
 * each thread packing its own B) eats most of the gain: by the busiest thread's CPU time, 2
 * threads gave 1.13–1.20× at 128³, 1.44–1.59× at 256³, 1.95× at 1024³ (bench/matmul.ts,
 * BENCHMARKS.md "Matmul").
 */
export const MATMUL_THREADS_MIN_WORK = 2 ** 24;

let active: ThreadedWasmMatmul | undefined;

/** Makes `threaded` (or nothing) the product the dispatcher uses for large calls. */
export function setActiveThreadedMatmul(threaded: ThreadedWasmMatmul | undefined): void {
  active = threaded;
}

/** The active threaded product, if any. */
export function activeThreadedMatmul(): ThreadedWasmMatmul | undefined {
  return active;
}

/** Threads the dispatcher's large matrix products use (1 when none is active). */
export function kernelThreads(): number {
  return active?.threads ?? 1;
}

/** The active threaded product when `args` is large enough to gain from it, else undefined. */
export function threadedMatmulFor(args: MatmulArgs): ThreadedWasmMatmul | undefined {
  if (active === undefined) return undefined;
  const { m, n, k, batch } = args;
  return batch * m * n * k >= MATMUL_THREADS_MIN_WORK && m >= 2 * active.threads ? active : undefined;
}
