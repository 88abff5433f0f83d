/**
 * Row-block parallel checkerboard Metropolis on one large packed lattice in shared memory.
 *
 * The lattice lives in a `SharedArrayBuffer`; its rows are split into `blockCount` blocks, and
 * the blocks into contiguous groups, one per worker thread. A sweep is: every worker updates the
 * black spins of its blocks, all wait at a barrier, every worker updates the white spins, all
 * wait again. Within a colour the blocks are independent (black spins only read white ones), so
 * no locks are needed. Block b always draws from the generator seeded by `fold(key, b)`, which
 * lives in the worker that owns the block; hence the spins after n sweeps depend on the key and
 * on `blockCount`, not on the number of threads, and equal those of the single-threaded
 * `packedMetropolis` with the same `blockCount`.
 */
import type { Key } from '../core/random/index.js';
import { createBarrierWords } from './barrier.js';
import type { ParallelSetup } from './lattice-worker.js';
import type { PackedLattice } from './packed-lattice.js';
import { assertBlockCount, type PackedMetropolisOptions, packedAcceptance } from './packed-metropolis.js';
import { assertThreads, createLatticeTaskPool } from './worker-pool.js';

/** Options of `parallelPackedMetropolis`. */
export interface ParallelPackedMetropolisOptions extends PackedMetropolisOptions {
  /** Worker threads (default 2). */
  threads?: number;
  /** Row blocks, each with its own generator (default: `threads`); at least `threads`, at most L. */
  blockCount?: number;
}

/** A packed Metropolis chain swept by several worker threads. */
export interface ParallelPackedMetropolis {
  /** The shared lattice, updated in place (read it between sweeps, not during one). */
  readonly lattice: PackedLattice;
  /** Number of worker threads. */
  readonly threads: number;
  /** Number of row blocks. */
  readonly blockCount: number;
  /** Performs `count` full sweeps (default 1); resolves when all threads are done. */
  sweep(count?: number): Promise<void>;
  /** Terminates the worker threads. */
  close(): Promise<void>;
}

/**
 * Starts `threads` workers sweeping `lattice` (which must be created with `shared: true`) with
 * randomness from `key`; resolves once every worker is ready.
 */
export async function parallelPackedMetropolis(
  lattice: PackedLattice,
  key: Key,
  options: ParallelPackedMetropolisOptions,
): Promise<ParallelPackedMetropolis> {
  const where = 'parallelPackedMetropolis';
  if (!(lattice.buffer instanceof SharedArrayBuffer)) {
    throw new TypeError(
      `${where}: lattice must live in shared memory; create it with createPackedLattice(size, { shared: true })`,
    );
  }
  if (!(key instanceof Uint32Array) || key.length !== 2) {
    throw new TypeError(`${where}: key must be a Uint32Array of 2 words (from makeKey, split or fold)`);
  }
  packedAcceptance(options); // validates temperature, coupling and field here, on the caller's thread
  const threads = options.threads ?? 2;
  assertThreads(where, threads);
  const blockCount = options.blockCount ?? threads;
  assertBlockCount(where, blockCount, lattice.size);
  if (blockCount < threads) {
    throw new RangeError(`${where}: blockCount must be at least threads (${threads}), got ${blockCount}`);
  }
  const barrier = createBarrierWords();
  // One task per worker: each keeps its blocks' generators between sweeps.
  const pool = createLatticeTaskPool(threads);
  const setups: ParallelSetup[] = Array.from({ length: threads }, (_, thread) => ({
    buffer: lattice.buffer as SharedArrayBuffer,
    size: lattice.size,
    barrier,
    parties: threads,
    key: Uint32Array.from(key),
    temperature: options.temperature,
    coupling: options.coupling ?? 1,
    blockCount,
    firstBlock: Math.floor((thread * blockCount) / threads),
    endBlock: Math.floor(((thread + 1) * blockCount) / threads),
  }));
  try {
    await pool.runOnEach('parallel-setup', setups);
  } catch (error) {
    await pool.close();
    throw error;
  }
  let busy = false;
  let closed = false;
  return {
    lattice,
    threads,
    blockCount,
    async sweep(count = 1) {
      if (!(Number.isInteger(count) && count >= 0)) {
        throw new RangeError(
          `parallelPackedMetropolis.sweep: count must be an integer ≥ 0, got ${String(count)}`,
        );
      }
      if (closed) throw new Error('parallelPackedMetropolis.sweep: the workers have been closed');
      if (busy) throw new Error('parallelPackedMetropolis.sweep: a sweep is already running; await it first');
      busy = true;
      try {
        await pool.runOnEach('parallel-sweep', new Array<number>(threads).fill(count));
      } finally {
        busy = false;
      }
    },
    async close() {
      closed = true;
      await pool.close();
    },
  };
}
