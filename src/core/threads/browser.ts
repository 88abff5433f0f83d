/**
 * The browser-safe part of `physml/threads` (no Node built-ins): the task pool, the Web Worker
 * back end, the worker side (`serveTasks`) and synchronous shared-memory work. Bundlers pick
 * this file through the package's "browser" export condition.
 */
export {
  isTaskMessage,
  isWorkerMessage,
  type SerializedError,
  serializeError,
  TaskError,
  type TaskHandlers,
  type TaskMessage,
  type TaskPayload,
  type TaskResult,
  Transferred,
  type WorkerMessage,
  withTransfer,
} from './protocol.js';
export { serveTasks, type TaskPort } from './serve.js';
export {
  MAX_SHARED_ARGS,
  type SharedKernel,
  SharedWorkGroup,
  type SharedWorkOptions,
  type SharedWorkPayload,
  sharedWorkHandler,
} from './shared-work.js';
export {
  type MapTasksOptions,
  type RunTaskOptions,
  TaskPool,
  type TaskPoolOptions,
  type WorkerEvents,
  type WorkerHandle,
  type WorkerSpawner,
} from './task-pool.js';
export { assertThreadCount, isThreadCount, MAX_THREADS } from './thread-count.js';
export {
  browserThreadCount,
  createWebTaskPool,
  type WebTaskPoolOptions,
  type WebWorkerLike,
  webWorkerSpawner,
} from './web-pool.js';
