/**
 * The browser back end of `TaskPool`: workers are Web Workers made by a factory, because a
 * bundler only recognises a worker written out literally where it is created:
 *
 *   createWebTaskPool<typeof handlers>({
 *     createWorker: () => new Worker(new URL('./tasks.worker.js', import.meta.url), { type: 'module' }),
 *   });
 *
 * and the worker module calls `serveTasks(handlers, self)`. Web Workers have no exit event
 * and no ref/unref; an uncaught error or an undecodable message counts as the worker failing.
 */
import type { TaskHandlers } from './protocol.js';
import { TaskPool, type WorkerSpawner } from './task-pool.js';

/** What the pool needs of a Web Worker (a real `Worker`, or a stand-in in tests). */
export interface WebWorkerLike {
  postMessage(message: unknown, transfer: Transferable[]): void;
  onmessage: ((event: MessageEvent) => unknown) | null;
  onerror?: ((event: ErrorEvent) => unknown) | null;
  onmessageerror?: ((event: MessageEvent) => unknown) | null;
  terminate(): void;
}

/** The default number of threads in a browser: `navigator.hardwareConcurrency` (1 if unknown). */
export function browserThreadCount(): number {
  const cores = typeof navigator === 'undefined' ? undefined : navigator.hardwareConcurrency;
  return typeof cores === 'number' && Number.isInteger(cores) && cores >= 1 ? cores : 1;
}

/** A `WorkerSpawner` of Web Workers made by `createWorker`. */
export function webWorkerSpawner(createWorker: () => WebWorkerLike): WorkerSpawner {
  return (events) => {
    const worker = createWorker();
    worker.onmessage = (event) => events.message(event.data);
    worker.onerror = (event) => {
      event.preventDefault?.(); // reported through the task instead of the console
      const where = event.filename ? ` (${event.filename}:${event.lineno})` : '';
      events.failure(new Error(`${event.message || 'the worker raised an error'}${where}`));
    };
    worker.onmessageerror = () => events.failure(new Error('a message from the worker could not be decoded'));
    return {
      postMessage: (message, transfer) => worker.postMessage(message, [...transfer]),
      terminate: () => worker.terminate(),
    };
  };
}

/** Options of `createWebTaskPool`. */
export interface WebTaskPoolOptions {
  /** Makes one worker running a module that calls `serveTasks(handlers, self)`. */
  createWorker: () => WebWorkerLike;
  /** Worker threads, an integer in [1, 256] (default: `navigator.hardwareConcurrency`). */
  threads?: number;
}

/** A pool of Web Workers; type it with the worker module's handlers (`import type`). */
export function createWebTaskPool<Handlers extends TaskHandlers = TaskHandlers>(
  options: WebTaskPoolOptions,
): TaskPool<Handlers> {
  if (typeof options.createWorker !== 'function') {
    throw new TypeError('createWebTaskPool: createWorker must be a function returning a Worker');
  }
  return new TaskPool<Handlers>({
    threads: options.threads ?? browserThreadCount(),
    spawn: webWorkerSpawner(options.createWorker),
  });
}
