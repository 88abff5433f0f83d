/**
 * Worker threads for lattice simulations: a pool that runs independent packed chains (replicas,
 * temperatures, seeds) in parallel, and the worker plumbing shared with the parallel single-lattice
 * sweep (`parallel-metropolis.ts`).
 *
 * Each chain owns its key, so its result is bit-identical whatever the number of threads and
 * whichever thread runs it. The worker file is `lattice-worker.ts`, resolved next to this module:
 * from compiled `dist/` it is plain `lattice-worker.js`; from TypeScript sources (tests, `tsx`) a
 * one-line bootstrap registers tsx in the worker and imports the `.ts` file (Node 20 ignores
 * `--import tsx` in a worker's `execArgv`). Workers hold the process open only while they have work
 * in flight; `close()` terminates them.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { PackedChainResult, PackedChainTask } from './packed-chain.js';

/** Largest number of threads a pool or a parallel sweep accepts. */
export const MAX_LATTICE_THREADS = 256;

/** Starts one lattice worker (from `.js` in `dist/`, or from `.ts` through tsx). */
export function spawnLatticeWorker(): Worker {
  const here = import.meta.url;
  if (!here.endsWith('.ts')) return new Worker(new URL('./lattice-worker.js', here));
  const entry = new URL('./lattice-worker.ts', here).href;
  const tsx = import.meta.resolve('tsx/esm/api');
  const bootstrap = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(bootstrap, { eval: true });
}

/** A message to a lattice worker; `id` is added by `LatticeWorkerChannel`. */
export type LatticeWorkerRequest = { type: string; [field: string]: unknown };

/** A reply from a lattice worker. */
export interface LatticeWorkerReply {
  id: number;
  ok: boolean;
  result?: unknown;
  error?: string;
}

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

/**
 * One worker with request/response messaging: `request` posts a message and resolves with the
 * worker's reply. The worker is unreferenced while idle, so a forgotten channel does not keep
 * the process alive.
 */
export class LatticeWorkerChannel {
  readonly #worker: Worker;
  readonly #ready: Promise<void>;
  readonly #pending = new Map<number, Pending>();
  #nextId = 0;
  #failure: Error | undefined;
  #closed = false;

  constructor() {
    this.#worker = spawnLatticeWorker();
    this.#worker.unref();
    let markReady: () => void = () => {};
    this.#ready = new Promise<void>((resolve) => {
      markReady = resolve;
    });
    this.#worker.on('message', (message: LatticeWorkerReply | { type: 'ready' }) => {
      if ('type' in message) {
        markReady();
        return;
      }
      const pending = this.#pending.get(message.id);
      if (pending === undefined) return;
      this.#pending.delete(message.id);
      if (this.#pending.size === 0) this.#worker.unref();
      if (message.ok) pending.resolve(message.result);
      else pending.reject(new Error(message.error ?? 'lattice worker: unknown error'));
    });
    const fail = (error: Error) => {
      this.#failure = error;
      markReady();
      for (const pending of this.#pending.values()) pending.reject(error);
      this.#pending.clear();
    };
    this.#worker.on('error', fail);
    this.#worker.on('exit', (code) => {
      if (!this.#closed) fail(new Error(`lattice worker exited unexpectedly with code ${code}`));
    });
  }

  /** Posts `message` (transferring `transfer`) and resolves with the worker's result. */
  async request(message: LatticeWorkerRequest, transfer: ArrayBuffer[] = []): Promise<unknown> {
    if (this.#closed) throw new Error('LatticeWorkerChannel: the worker has been closed');
    await this.#ready;
    if (this.#failure !== undefined) throw this.#failure;
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.#worker.ref();
      this.#worker.postMessage({ ...message, id }, transfer);
    });
  }

  /** Terminates the worker; pending requests are rejected. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    for (const pending of this.#pending.values()) pending.reject(new Error('lattice worker closed'));
    this.#pending.clear();
    await this.#worker.terminate();
  }
}

/** Throws unless `threads` is an integer in [1, MAX_LATTICE_THREADS]. */
export function assertThreads(where: string, threads: unknown): asserts threads is number {
  if (
    !(
      typeof threads === 'number' &&
      Number.isInteger(threads) &&
      threads >= 1 &&
      threads <= MAX_LATTICE_THREADS
    )
  ) {
    throw new RangeError(
      `${where}: threads must be an integer in [1, ${MAX_LATTICE_THREADS}], got ${String(threads)}`,
    );
  }
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
  readonly #channels: LatticeWorkerChannel[];
  #closed = false;

  constructor(options: LatticeWorkerPoolOptions = {}) {
    const threads = options.threads ?? availableParallelism();
    assertThreads('LatticeWorkerPool', threads);
    this.threads = threads;
    this.#channels = Array.from({ length: threads }, () => new LatticeWorkerChannel());
  }

  /**
   * Runs every task (see `runPackedChain`) and resolves with the results in task order. Each
   * worker takes the next task as soon as it is free; a task's result depends only on the task.
   */
  async runChains(tasks: readonly PackedChainTask[]): Promise<PackedChainResult[]> {
    if (this.#closed) throw new Error('LatticeWorkerPool.runChains: the pool has been closed');
    if (!Array.isArray(tasks))
      throw new TypeError('LatticeWorkerPool.runChains: tasks must be an array of chain tasks');
    const results: PackedChainResult[] = new Array(tasks.length);
    let next = 0;
    const drain = async (channel: LatticeWorkerChannel) => {
      while (next < tasks.length) {
        const index = next++;
        results[index] = (await channel.request({ type: 'chain', task: tasks[index] })) as PackedChainResult;
      }
    };
    await Promise.all(this.#channels.map(drain));
    return results;
  }

  /** Terminates the workers. The pool cannot be used afterwards. */
  async close(): Promise<void> {
    this.#closed = true;
    await Promise.all(this.#channels.map((channel) => channel.close()));
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
