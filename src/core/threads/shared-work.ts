/**
 * Synchronous fork–join over shared memory: a caller that cannot await (a matmul inside a
 * synchronous op) hands each worker its block of one job and blocks until all are done.
 *
 * How it works. `SharedWorkGroup.start` gives every worker of a pool one long task
 * (`runOnEach`) that never returns until `stop`: the worker parks in `Atomics.wait` on a
 * generation word of a small shared control block. A job is then a few plain stores and two
 * atomics, no message and no event loop: the caller writes the job's numeric arguments into
 * the control block, sets `remaining = parties`, bumps the generation and notifies; every worker
 * wakes, runs the named kernel on its block (`rank` of `parties`), decrements `remaining`, and
 * parks again; the caller blocks in `Atomics.wait` until `remaining` is 0. Atomics are
 * sequentially consistent, so every plain write a worker made to shared memory before its
 * decrement is visible to the caller afterwards.
 *
 * The data (operands, result) lives in shared memory given once at start: a SharedArrayBuffer,
 * or the shared `WebAssembly.Memory` of the SIMD kernels, whose buffer every worker maps. A
 * row-block matmul is: args = [offsets of A, B, C, m, n, k], worker r computes rows
 * [⌊r·m/p⌋, ⌊(r+1)·m/p⌋) of C; the caller may compute a block itself (`run`'s `ownShare`).
 *
 * Where it may block: Node's main thread and any worker allow `Atomics.wait`; a browser's main
 * thread does not, so there `run` must be called from a worker (the lab's compute worker).
 * A worker that dies while parked (out of memory, terminated) is not noticed by a blocked
 * caller; kernels must not let errors escape (the loop catches them and reports the first).
 */
import type { TaskPool } from './task-pool.js';

/** A kernel run by every worker on its share: `args` are the job's numbers. */
export type SharedKernel<Data> = (args: Float64Array, rank: number, parties: number, data: Data) => void;

/** The payload of the parked task (built by `SharedWorkGroup.start`). */
export interface SharedWorkPayload<Data = unknown> {
  control: SharedArrayBuffer;
  rank: number;
  parties: number;
  kernel: string;
  data: Data;
}

/** Most numeric arguments a job may carry. */
export const MAX_SHARED_ARGS = 16;

// Control block layout: Int32 words, then the Float64 arguments, then the first error's text.
const GENERATION = 0;
const REMAINING = 1;
const COMMAND = 2;
const PARKED = 3;
const FAILED_RANK = 4; // rank + 1 of the first worker whose kernel threw, 0 if none
const ERROR_LENGTH = 5;
const STOP = 1;
const ARGS_OFFSET = 64;
const ERROR_OFFSET = ARGS_OFFSET + 8 * MAX_SHARED_ARGS;
const ERROR_BYTES = 512;
const CONTROL_BYTES = ERROR_OFFSET + ERROR_BYTES;

function recordFailure(control: SharedArrayBuffer, words: Int32Array, rank: number, error: unknown): void {
  if (Atomics.compareExchange(words, FAILED_RANK, 0, rank + 1) !== 0) return;
  const text = new TextEncoder().encode(error instanceof Error ? error.message : String(error));
  const length = Math.min(text.length, ERROR_BYTES);
  new Uint8Array(control, ERROR_OFFSET, ERROR_BYTES).set(text.subarray(0, length));
  Atomics.store(words, ERROR_LENGTH, length);
}

/**
 * The worker side: a task handler (register it, e.g. as `'shared-work'`, in the worker's
 * `serveTasks`) that parks the worker and runs `kernels[payload.kernel]` for every job until
 * the group stops.
 */
export function sharedWorkHandler<Data>(
  kernels: Record<string, SharedKernel<Data>>,
): (payload: SharedWorkPayload<Data>) => void {
  return ({ control, rank, parties, kernel, data }) => {
    const run = Object.hasOwn(kernels, kernel) ? kernels[kernel] : undefined;
    if (run === undefined) throw new Error(`shared work: unknown kernel ${JSON.stringify(kernel)}`);
    const words = new Int32Array(control, 0, ARGS_OFFSET / 4);
    const args = new Float64Array(control, ARGS_OFFSET, MAX_SHARED_ARGS);
    let seen = 0; // the generation at start; a job posted before this worker parked still runs
    Atomics.add(words, PARKED, 1);
    Atomics.notify(words, PARKED);
    for (;;) {
      while (Atomics.load(words, GENERATION) === seen) Atomics.wait(words, GENERATION, seen);
      seen = Atomics.load(words, GENERATION);
      if (Atomics.load(words, COMMAND) === STOP) return;
      try {
        run(args, rank, parties, data);
      } catch (error) {
        recordFailure(control, words, rank, error);
      }
      if (Atomics.sub(words, REMAINING, 1) === 1) Atomics.notify(words, REMAINING);
    }
  };
}

/** True when the calling thread may block in `Atomics.wait` (not a browser page's main thread). */
function mayBlock(): boolean {
  try {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 1, 0); // returns 'not-equal' at once
    return true;
  } catch {
    return false;
  }
}

/** Options of `SharedWorkGroup.start`. */
export interface SharedWorkOptions<Data> {
  /** The kernel's name in the workers' `sharedWorkHandler`. */
  kernel: string;
  /** Shared memory and sizes every worker keeps for the group's lifetime (structured-cloned once). */
  data: Data;
  /** The task type under which the workers registered `sharedWorkHandler` (default 'shared-work'). */
  taskType?: string;
}

/** Every worker of a pool parked on one kernel, ready for synchronous jobs. */
export class SharedWorkGroup {
  /** Number of workers taking part in every job. */
  readonly parties: number;
  readonly #words: Int32Array;
  readonly #args: Float64Array;
  readonly #control: SharedArrayBuffer;
  readonly #parked: Promise<unknown>;
  #stopped = false;

  private constructor(control: SharedArrayBuffer, parties: number, parked: Promise<unknown>) {
    this.#control = control;
    this.#words = new Int32Array(control, 0, ARGS_OFFSET / 4);
    this.#args = new Float64Array(control, ARGS_OFFSET, MAX_SHARED_ARGS);
    this.parties = parties;
    this.#parked = parked;
  }

  /**
   * Parks every worker of `pool` on `options.kernel`; resolves once all of them wait for jobs.
   * The pool runs nothing else until `stop`.
   */
  static async start<Data>(pool: TaskPool, options: SharedWorkOptions<Data>): Promise<SharedWorkGroup> {
    if (typeof SharedArrayBuffer === 'undefined') {
      throw new Error(
        'SharedWorkGroup: no SharedArrayBuffer here (a browser page needs cross-origin isolation: COOP and COEP headers)',
      );
    }
    if (!mayBlock()) {
      throw new Error(
        'SharedWorkGroup: this thread may not block in Atomics.wait (a browser page); start and run the group in a worker',
      );
    }
    const parties = pool.threads;
    const control = new SharedArrayBuffer(CONTROL_BYTES);
    const payloads: SharedWorkPayload<Data>[] = Array.from({ length: parties }, (_, rank) => ({
      control,
      rank,
      parties,
      kernel: options.kernel,
      data: options.data,
    }));
    const parked = pool.runOnEach(options.taskType ?? 'shared-work', payloads as never[]);
    const group = new SharedWorkGroup(control, parties, parked);
    let failure: unknown;
    parked.catch((error: unknown) => {
      failure = error ?? new Error('shared work: a worker stopped');
    });
    // The workers park asynchronously (they must start first), so poll without blocking.
    while (Atomics.load(group.#words, PARKED) < parties) {
      if (failure !== undefined) throw failure;
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    return group;
  }

  /**
   * Runs one job on every worker and returns when all are done; blocks the calling thread.
   * `ownShare`, if given, runs on the calling thread while the workers compute. Throws the
   * first kernel error (after every worker finished the job).
   */
  run(args: readonly number[] = [], ownShare?: () => void): void {
    if (this.#stopped) throw new Error('SharedWorkGroup.run: the group has been stopped');
    if (args.length > MAX_SHARED_ARGS) {
      throw new RangeError(`SharedWorkGroup.run: at most ${MAX_SHARED_ARGS} arguments, got ${args.length}`);
    }
    this.#args.fill(0);
    this.#args.set(args);
    const words = this.#words;
    Atomics.store(words, REMAINING, this.parties);
    Atomics.add(words, GENERATION, 1);
    Atomics.notify(words, GENERATION);
    let ownError: unknown;
    try {
      ownShare?.();
    } catch (error) {
      ownError = error;
    }
    for (let left = Atomics.load(words, REMAINING); left !== 0; left = Atomics.load(words, REMAINING)) {
      Atomics.wait(words, REMAINING, left);
    }
    if (ownError !== undefined) throw ownError;
    const failed = Atomics.exchange(words, FAILED_RANK, 0);
    if (failed !== 0) {
      const length = Atomics.load(words, ERROR_LENGTH);
      const text = new TextDecoder().decode(new Uint8Array(this.#control, ERROR_OFFSET, length).slice());
      throw new Error(`shared work: worker ${failed - 1} failed: ${text}`);
    }
  }

  /** Releases the workers (their parked tasks finish); the pool can run other tasks again. */
  async stop(): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    Atomics.store(this.#words, COMMAND, STOP);
    Atomics.add(this.#words, GENERATION, 1);
    Atomics.notify(this.#words, GENERATION);
    await this.#parked;
  }
}
