// The worker module of the task-pool tests: small handlers that echo, fail, hang, die, keep
// per-worker state, move buffers, and run a shared-memory kernel.
import { parentPort, threadId } from 'node:worker_threads';
import { withTransfer } from '../../../src/core/threads/protocol.js';
import { serveTasks } from '../../../src/core/threads/serve.js';
import { sharedWorkHandler } from '../../../src/core/threads/shared-work.js';

/** A row-major matrix in shared memory. */
export interface SharedMatrix {
  buffer: SharedArrayBuffer;
  rows: number;
  cols: number;
}

let remembered: unknown;

export const handlers = {
  square: (x: number) => x * x,
  /** Busy for `ms` milliseconds, then returns `value` (finishing order ≠ task order). */
  slowEcho: ({ ms, value }: { ms: number; value: number }) => {
    const end = Date.now() + ms;
    while (Date.now() < end) {}
    return value;
  },
  sqrt: (x: number) => {
    if (x < 0) throw new RangeError(`no real square root of ${x}`);
    return Math.sqrt(x);
  },
  fail: (message: string) => {
    throw new RangeError(message);
  },
  /** Blocks its thread until the worker is terminated. */
  hang: () => {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
  },
  exit: (code: number) => process.exit(code),
  remember: (value: unknown) => {
    remembered = value;
    return threadId;
  },
  recall: () => remembered,
  /** Doubles the array in place and sends its buffer back by transfer. */
  double: async (values: Float64Array) => {
    for (let i = 0; i < values.length; i++) values[i] *= 2;
    return withTransfer(values, [values.buffer]);
  },
  unclonable: () => () => 1,
  'shared-work': sharedWorkHandler<SharedMatrix>({
    /** Scales this worker's block of rows by args[0] and adds args[1]·rank. */
    'scale-rows': (args, rank, parties, { buffer, rows, cols }) => {
      const matrix = new Float64Array(buffer);
      const first = Math.floor((rank * rows) / parties);
      const end = Math.floor(((rank + 1) * rows) / parties);
      for (let i = first * cols; i < end * cols; i++) matrix[i] = matrix[i] * args[0] + args[1] * rank;
    },
    'fail-on-last': (_args, rank, parties) => {
      if (rank === parties - 1) throw new Error(`rank ${rank} refuses`);
    },
  }),
};

serveTasks(handlers, parentPort);
