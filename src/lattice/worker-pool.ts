/**
 * Worker threads for lattice simulations: a pool that runs independent packed chains (replicas,
 * temperatures, seeds) in parallel, on the generic task pool of `core/threads`; the parallel
 * single-lattice sweep (`parallel-metropolis.ts`) uses the same lattice workers.
 *
 * Each chain owns its key, so its result is bit-identical whatever the number of threads and
 * whichever thread runs it. The worker module is `lattice-worker.ts` next to this file (`.js`
 * from `dist/`, `.ts` through tsx from sources; see `core/threads/node-pool.ts`). Workers hold
 * the process open only while they have work in flight; `close()` terminates them.
 */
import { createNodeTaskPool, defaultThreadCount, workerModule } from '../core/threads/node-pool.js';
import type { TaskPool } from '../core/threads/task-pool.js';
import { assertThreadCount, MAX_THREADS } from '../core/threads/thread-count.js';
import type { latticeTaskHandlers } from './lattice-worker.js';
import type { PackedChainResult, PackedChainTask } from './packed-chain.js';

/** Largest number of threads a pool or a parallel sweep accepts. */
export const MAX_LATTICE_THREADS = MAX_THREADS;

/** A task pool of lattice workers (tasks: `chain`, `parallel-setup`, `parallel-sweep`). */
export type LatticeTaskPool = TaskPool<typeof latticeTaskHandlers>;

/** Starts (lazily) a task pool of `threads` lattice workers. */
export function createLatticeTaskPool(threads: number): LatticeTaskPool {
  return createNodeTaskPool<typeof latticeTaskHandlers>({
    module: workerModule(import.meta.url, './lattice-worker'),
    threads,
  });
}

/** Throws unless `threads` is an integer in [1, MAX_LATTICE_THREADS]. */
export function assertThreads(where: string, threads: unknown): asserts threads is number {
  assertThreadCount(where, threads);
}

/** Options of `LatticeWorkerPool`. */
export interface LatticeWorkerPoolOptions {
  /** Worker threads (default: `os.availableParallelism()`). */
  threads?: number;
}

/** A pool of lattice workers that runs independent chains in parallel. */
export class LatticeWorkerPool {
  /** Number of worker threads. */
  readonly threads: number;
  readonly #pool: LatticeTaskPool;

  constructor(options: LatticeWorkerPoolOptions = {}) {
    const threads = options.threads ?? defaultThreadCount();
    assertThreads('LatticeWorkerPool', threads);
    this.threads = threads;
    this.#pool = createLatticeTaskPool(threads);
  }

  /**
   * Runs every task (see `runPackedChain`) and resolves with the results in task order. Each
   * worker takes the next task as soon as it is free; a task's result depends only on the task.
   * A failed task rejects with a `TaskError` naming its index.
   */
  async runChains(tasks: readonly PackedChainTask[]): Promise<PackedChainResult[]> {
    if (this.#pool.closed) throw new Error('LatticeWorkerPool.runChains: the pool has been closed');
    if (!Array.isArray(tasks))
      throw new TypeError('LatticeWorkerPool.runChains: tasks must be an array of chain tasks');
    return this.#pool.map('chain', tasks);
  }

  /** Terminates the workers. The pool cannot be used afterwards. */
  async close(): Promise<void> {
    await this.#pool.close();
  }
}

/** Runs `tasks` on a temporary pool of `threads` workers and closes it. */
export async function runPackedChains(
  tasks: readonly PackedChainTask[],
  options: LatticeWorkerPoolOptions = {},
): Promise<PackedChainResult[]> {
  const pool = new LatticeWorkerPool(options);
  try {
    return await pool.runChains(tasks);
  } finally {
    await pool.close();
  }
}
