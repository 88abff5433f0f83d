/**
 * Threaded matrix products in Node: worker threads running `threaded-worker`, started once and
 * parked until closed. `setKernelThreads(n)` makes the default kernels (`auto`) split large
 * products over n threads (the caller and n − 1 workers); `startThreadedMatmul(n)` gives a
 * product of its own (tests, benchmarks).
 *
 * The workers are unreferenced: parked, they do not keep the process alive, and Node ends them
 * at exit. Only Node is served here; in a browser a page's main thread may not block, so the
 * kernels stay single-threaded there (a Web Worker could run `ThreadedWasmMatmul` with a pool of
 * Web Workers serving `threadedMatmulHandler`).
 */
import { nodeWorkerSpawner, workerModule } from '../../threads/node-pool.js';
import { TaskPool, type WorkerSpawner } from '../../threads/task-pool.js';
import { assertThreadCount } from '../../threads/thread-count.js';
import { setThreadedTapeArena } from './tape-arena.js';
import { activeThreadedMatmul, setActiveThreadedMatmul } from './threaded-hook.js';
import { ThreadedWasmMatmul } from './threaded-matmul.js';
import { startThreadedTapeArena, type ThreadedTapeArena } from './threaded-tape-arena.js';

/** Node workers that never keep the process alive (a parked worker is always busy for the pool). */
function unreferencedSpawner(module: URL): WorkerSpawner {
  const spawn = nodeWorkerSpawner(module);
  return (events) => {
    const handle = spawn(events);
    handle.unref?.();
    return { ...handle, ref: () => {} };
  };
}

/** A threaded product over `threads` threads (the caller and threads − 1 Node workers); close it when done. */
export function startThreadedMatmul(threads: number): Promise<ThreadedWasmMatmul> {
  const spawn = unreferencedSpawner(workerModule(import.meta.url, './threaded-worker'));
  return ThreadedWasmMatmul.start(threads, (workers) => new TaskPool({ threads: workers, spawn }));
}

/**
 * A tape arena for the fused MLP passes whose large products run over `threads` threads (the
 * caller and threads − 1 Node workers); close it when done.
 */
export function startThreadedTapeArenaInNode(threads: number): Promise<ThreadedTapeArena> {
  const spawn = unreferencedSpawner(workerModule(import.meta.url, './threaded-worker'));
  return startThreadedTapeArena(threads, (workers) => new TaskPool({ threads: workers, spawn }));
}

let switching: Promise<void> = Promise.resolve();
let activeTape: ThreadedTapeArena | undefined;

/**
 * Makes the default kernels split matrix products of at least MATMUL_THREADS_MIN_WORK
 * multiply-adds over `threads` threads (1: single-threaded, the workers are stopped), and the
 * fused MLP passes (PINN residuals, Hamiltonian networks) likewise. Results are bit-identical
 * for every thread count.
 * @throws RangeError unless threads is an integer in [1, 256].
 */
export function setKernelThreads(threads: number): Promise<void> {
  assertThreadCount('setKernelThreads', threads);
  switching = switching
    .catch(() => {})
    .then(async () => {
      const current = activeThreadedMatmul();
      if ((current?.threads ?? 1) === threads) return;
      setActiveThreadedMatmul(undefined);
      setThreadedTapeArena(undefined);
      const tape = activeTape;
      activeTape = undefined;
      await current?.close();
      await tape?.close();
      if (threads > 1) {
        setActiveThreadedMatmul(await startThreadedMatmul(threads));
        activeTape = await startThreadedTapeArenaInNode(threads);
        setThreadedTapeArena(activeTape.arena);
      }
    });
  return switching;
}
