/**
 * The Node back end of `TaskPool`: workers are `worker_threads` running a worker module that
 * calls `serveTasks(handlers, parentPort)`.
 *
 * From compiled `dist/` the module is a plain `.js` file. From TypeScript sources (tests,
 * `tsx`) it is a `.ts` file that Node cannot load by itself, and Node 20 ignores
 * `--import tsx` in a worker's `execArgv`; so the worker runs a one-line bootstrap that
 * registers tsx and then imports the module. `workerModule(import.meta.url, './x-worker')`
 * picks the right file for the way the caller itself was loaded.
 */
import { availableParallelism } from 'node:os';
import { type TransferListItem, Worker } from 'node:worker_threads';
import type { TaskHandlers } from './protocol.js';
import { TaskPool, type WorkerSpawner } from './task-pool.js';

/** The default number of threads in Node: `os.availableParallelism()`. */
export function defaultThreadCount(): number {
  return availableParallelism();
}

/**
 * The URL of the worker module `stem` (e.g. `'./lattice-worker'`) next to the module at
 * `base` (its `import.meta.url`): `.ts` when `base` is a TypeScript source, else `.js`.
 */
export function workerModule(base: string, stem: string): URL {
  return new URL(`${stem}${base.endsWith('.ts') ? '.ts' : '.js'}`, base);
}

/** Starts a Node worker running `module` (a `.js` file, or a `.ts` file through tsx). */
export function spawnNodeWorker(module: URL): Worker {
  if (!module.pathname.endsWith('.ts')) return new Worker(module);
  const tsx = import.meta.resolve('tsx/esm/api');
  const bootstrap = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(module.href)}); });`;
  return new Worker(bootstrap, { eval: true });
}

/** A `WorkerSpawner` of Node workers running `module`. */
export function nodeWorkerSpawner(module: URL): WorkerSpawner {
  return (events) => {
    const worker = spawnNodeWorker(module);
    worker.on('message', (data: unknown) => events.message(data));
    worker.on('error', (error: Error) => events.failure(error));
    worker.on('messageerror', (error: Error) => events.failure(error));
    worker.on('exit', (code: number) => events.failure(new Error(`the worker exited with code ${code}`)));
    return {
      postMessage: (message, transfer) =>
        worker.postMessage(message, transfer as readonly TransferListItem[]),
      terminate: () => worker.terminate(),
      ref: () => worker.ref(),
      unref: () => worker.unref(),
    };
  };
}

/** Options of `createNodeTaskPool`. */
export interface NodeTaskPoolOptions {
  /** The worker module (see `workerModule`). */
  module: URL;
  /** Worker threads, an integer in [1, 256] (default: `os.availableParallelism()`). */
  threads?: number;
}

/**
 * A pool of Node worker threads running `module`. Type it with the module's handlers for
 * checked payloads and results: `createNodeTaskPool<typeof handlers>(...)`, importing the type
 * only (`import type`), so the worker module is not loaded on the main thread.
 */
export function createNodeTaskPool<Handlers extends TaskHandlers = TaskHandlers>(
  options: NodeTaskPoolOptions,
): TaskPool<Handlers> {
  if (!(options.module instanceof URL)) {
    throw new TypeError('createNodeTaskPool: module must be a URL (see workerModule)');
  }
  return new TaskPool<Handlers>({
    threads: options.threads ?? defaultThreadCount(),
    spawn: nodeWorkerSpawner(options.module),
  });
}
