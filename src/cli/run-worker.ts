/**
 * The worker thread of parallel tours and sweeps (see `parallel-runs.ts`): one task type,
 * `run-experiment`, which runs one registered experiment (`run-task.ts`).
 */
import { parentPort } from 'node:worker_threads';
import { serveTasks } from '../core/threads/serve.js';
import { runTask } from './run-task.js';

/** The tasks of this worker. */
export const runWorkerHandlers = { 'run-experiment': runTask };

serveTasks(runWorkerHandlers, parentPort);
