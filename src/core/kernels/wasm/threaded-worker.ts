/**
 * The worker module of the threaded matrix product in Node (`threaded-node.ts` starts it): it
 * parks on the shared control block and computes its block of rows of every product.
 */
import { parentPort } from 'node:worker_threads';
import { serveTasks } from '../../threads/serve.js';
import { THREADED_MATMUL_TASK, threadedMatmulHandler } from './threaded-matmul.js';

export const handlers = { [THREADED_MATMUL_TASK]: threadedMatmulHandler };

serveTasks(handlers, parentPort);
