/**
 * Worker threads behind one interface (`physml/threads`): a `TaskPool` of named tasks with a
 * Node back end (`worker_threads`, here) and a browser back end (Web Workers, `browser.ts`),
 * the worker side `serveTasks`, and `SharedWorkGroup` for synchronous fork–join over shared
 * memory. Used for independent chains, replicas and temperatures, experiment sweeps and the
 * tour; each task owns its random key, so results do not depend on the number of threads.
 */

export { setKernelThreads, startThreadedMatmul } from '../kernels/wasm/threaded-node.js';
export * from './browser.js';
export {
  createNodeTaskPool,
  defaultThreadCount,
  type NodeTaskPoolOptions,
  nodeWorkerSpawner,
  spawnNodeWorker,
  workerModule,
} from './node-pool.js';
