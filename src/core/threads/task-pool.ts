/**
 * A pool of worker threads that runs named tasks: one interface for Node `worker_threads` and
 * browser Web Workers (the back ends, `node-pool.ts` and `web-pool.ts`, only say how a worker
 * is started and how its events arrive).
 *
 * A task is `{ type, payload }`; the worker module maps each type to a handler (`serveTasks`).
 * `map` runs many tasks and resolves with their results in task order, whichever worker ran
 * each one and whenever it finished; a task's result depends on its payload only, so results
 * do not depend on the number of threads. `runOnEach` gives one task to each worker, for work
 * that keeps state in the workers (a lattice in shared memory, a parked kernel loop).
 *
 * Workers start lazily, when there is work for them, and are unreferenced while idle (Node),
 * so a pool that is never closed does not keep the process alive. Cancelling a batch (an
 * AbortSignal) drops its queued tasks and terminates the workers running its tasks: a
 * synchronous handler cannot be interrupted any other way. Replacements start on demand.
 */
import type { TaskHandlers, TaskMessage, TaskPayload, TaskResult } from './protocol.js';
import { isWorkerMessage, type SerializedError, serializeError, TaskError } from './protocol.js';
import { assertThreadCount } from './thread-count.js';

/** The main thread's handle on one worker, as a back end provides it. */
export interface WorkerHandle {
  postMessage(message: TaskMessage, transfer: readonly Transferable[]): void;
  /** Stops the worker at once. */
  terminate(): unknown;
  /** Node: let the worker keep the process alive (while it has work). */
  ref?(): void;
  /** Node: let the process exit while the worker idles. */
  unref?(): void;
}

/** What a back end reports about a worker it started. */
export interface WorkerEvents {
  /** A message the worker posted. */
  message(data: unknown): void;
  /** The worker failed (an uncaught error, a failed module load, an exit). */
  failure(error: Error): void;
}

/** Starts one worker, wired to `events`. */
export type WorkerSpawner = (events: WorkerEvents) => WorkerHandle;

/** Options of `TaskPool`. */
export interface TaskPoolOptions {
  /** Number of workers, an integer in [1, 256]. */
  threads: number;
  spawn: WorkerSpawner;
}

/** Options of `run`. */
export interface RunTaskOptions {
  /** Cancels the task: it is dropped if queued, and its worker terminated if running. */
  signal?: AbortSignal;
  /** Buffers of the payload to move to the worker rather than copy (they are detached here). */
  transfer?: readonly Transferable[];
}

/** Options of `map` and `runOnEach`. */
export interface MapTasksOptions<Payload> {
  /** Cancels the whole batch. */
  signal?: AbortSignal;
  /** The buffers of each payload to move rather than copy. */
  transfer?: (payload: Payload, index: number) => readonly Transferable[];
}

interface Batch {
  results: unknown[];
  remaining: number;
  settled: boolean;
  resolve(results: unknown[]): void;
  reject(error: unknown): void;
  detach(): void;
}

interface Job {
  batch: Batch;
  index: number;
  type: string;
  payload: unknown;
  transfer: readonly Transferable[];
}

interface Slot {
  state: 'empty' | 'starting' | 'idle' | 'busy';
  handle: WorkerHandle | undefined;
  /** The task running on this worker and its message id. */
  current: { job: Job; id: number } | undefined;
  /** Tasks that must run on this very worker (`runOnEach`), before any shared task. */
  pinned: Job[];
}

function failure(message: string, cause?: Error): SerializedError {
  return { name: cause?.name ?? 'Error', message, stack: cause?.stack };
}

/** A pool of workers running the tasks of one worker module, whose handlers are `Handlers`. */
export class TaskPool<Handlers extends TaskHandlers = TaskHandlers> {
  /** Number of workers. */
  readonly threads: number;
  readonly #spawn: WorkerSpawner;
  readonly #slots: Slot[];
  #queue: Job[] = [];
  #nextId = 0;
  #closed = false;

  constructor(options: TaskPoolOptions) {
    assertThreadCount('TaskPool', options.threads);
    if (typeof options.spawn !== 'function') throw new TypeError('TaskPool: spawn must be a function');
    this.threads = options.threads;
    this.#spawn = options.spawn;
    this.#slots = Array.from({ length: this.threads }, () => ({
      state: 'empty' as const,
      handle: undefined,
      current: undefined,
      pinned: [],
    }));
  }

  /** True once `close` was called. */
  get closed(): boolean {
    return this.#closed;
  }

  /** Runs one task on the next free worker. */
  async run<Type extends keyof Handlers & string>(
    type: Type,
    payload: TaskPayload<Handlers, Type>,
    options: RunTaskOptions = {},
  ): Promise<TaskResult<Handlers, Type>> {
    const transfer = options.transfer ?? [];
    const [result] = await this.#submit(type, [payload], 'shared', {
      signal: options.signal,
      transfer: () => transfer,
    });
    return result as TaskResult<Handlers, Type>;
  }

  /**
   * Runs one task per payload on the free workers and resolves with the results in payload
   * order. The first failure rejects with a `TaskError` carrying that task's index; the batch's
   * tasks not yet started are dropped (those already running finish, unobserved).
   */
  async map<Type extends keyof Handlers & string>(
    type: Type,
    payloads: readonly TaskPayload<Handlers, Type>[],
    options: MapTasksOptions<TaskPayload<Handlers, Type>> = {},
  ): Promise<TaskResult<Handlers, Type>[]> {
    return (await this.#submit(type, payloads, 'shared', options)) as TaskResult<Handlers, Type>[];
  }

  /**
   * Runs `payloads[i]` on worker i, one task per worker (`payloads.length` must equal
   * `threads`), each after the tasks already given to that worker. For work that keeps state in
   * the workers, or that needs every worker at once (a barrier, a parked loop).
   */
  async runOnEach<Type extends keyof Handlers & string>(
    type: Type,
    payloads: readonly TaskPayload<Handlers, Type>[],
    options: MapTasksOptions<TaskPayload<Handlers, Type>> = {},
  ): Promise<TaskResult<Handlers, Type>[]> {
    if (Array.isArray(payloads) && payloads.length !== this.threads) {
      throw new RangeError(
        `TaskPool.runOnEach: needs one payload per worker (${this.threads}), got ${payloads.length}`,
      );
    }
    return (await this.#submit(type, payloads, 'pinned', options)) as TaskResult<Handlers, Type>[];
  }

  /** Terminates every worker; unfinished tasks reject. The pool cannot be used afterwards. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    const error = new Error('TaskPool: the pool was closed before the task finished');
    const handles: WorkerHandle[] = [];
    for (const slot of this.#slots) {
      for (const job of slot.pinned) this.#fail(job.batch, error);
      if (slot.current !== undefined) this.#fail(slot.current.job.batch, error);
      if (slot.handle !== undefined) handles.push(slot.handle);
      Object.assign(slot, { state: 'empty', handle: undefined, current: undefined, pinned: [] });
    }
    for (const job of this.#queue) this.#fail(job.batch, error);
    this.#queue = [];
    await Promise.all(handles.map((handle) => handle.terminate()));
  }

  #submit(
    type: string,
    payloads: readonly unknown[],
    placement: 'shared' | 'pinned',
    options: MapTasksOptions<never>,
  ): Promise<unknown[]> {
    if (this.#closed) return Promise.reject(new Error('TaskPool: the pool has been closed'));
    if (typeof type !== 'string')
      return Promise.reject(new TypeError('TaskPool: the task type must be a string'));
    if (!Array.isArray(payloads)) return Promise.reject(new TypeError('TaskPool: payloads must be an array'));
    const { signal } = options;
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (payloads.length === 0) return Promise.resolve([]);
    return new Promise<unknown[]>((resolve, reject) => {
      const onAbort = () => this.#cancel(batch, signal?.reason);
      const batch: Batch = {
        results: new Array(payloads.length),
        remaining: payloads.length,
        settled: false,
        resolve,
        reject,
        detach: () => signal?.removeEventListener('abort', onAbort),
      };
      const jobs: Job[] = payloads.map((payload, index) => ({
        batch,
        index,
        type,
        payload,
        transfer: options.transfer?.(payload as never, index) ?? [],
      }));
      signal?.addEventListener('abort', onAbort, { once: true });
      if (placement === 'shared') this.#queue.push(...jobs);
      else for (const job of jobs) this.#slots[job.index].pinned.push(job);
      this.#pump();
    });
  }

  /** Hands queued tasks to idle workers, and starts workers for the tasks still waiting. */
  #pump(): void {
    if (this.#closed) return;
    this.#queue = this.#queue.filter((job) => !job.batch.settled);
    for (const slot of this.#slots) {
      slot.pinned = slot.pinned.filter((job) => !job.batch.settled);
      if (slot.state !== 'idle') continue;
      const job = slot.pinned.shift() ?? this.#queue.shift();
      if (job !== undefined) this.#dispatch(slot, job);
    }
    let waiting = this.#queue.length - this.#slots.filter((slot) => slot.state === 'starting').length;
    for (const slot of this.#slots) {
      if (slot.state !== 'empty') continue;
      if (slot.pinned.length > 0) this.#start(slot);
      else if (waiting > 0) {
        this.#start(slot);
        waiting--;
      }
    }
  }

  #start(slot: Slot): void {
    slot.state = 'starting';
    let handle: WorkerHandle | undefined;
    // Events of a worker that was replaced or terminated are ignored.
    const mine = () => handle !== undefined && slot.handle === handle;
    try {
      handle = this.#spawn({
        message: (data) => {
          if (mine()) this.#onMessage(slot, data);
        },
        failure: (error) => {
          if (mine()) this.#onFailure(slot, error);
        },
      });
    } catch (error) {
      // E.g. a bad worker URL: fail the waiting tasks now (asynchronously, as any failure).
      slot.state = 'empty';
      const reason = failure(`its worker failed to start: ${serializeError(error).message}`);
      const lost = [...slot.pinned, ...this.#queue];
      slot.pinned = [];
      this.#queue = [];
      queueMicrotask(() => {
        for (const job of lost) this.#fail(job.batch, new TaskError(job.index, job.type, reason));
      });
      return;
    }
    slot.handle = handle;
    handle.ref?.(); // started for waiting work
  }

  #dispatch(slot: Slot, job: Job): void {
    const id = this.#nextId++;
    slot.state = 'busy';
    slot.current = { job, id };
    slot.handle?.ref?.();
    try {
      slot.handle?.postMessage({ kind: 'task', id, type: job.type, payload: job.payload }, job.transfer);
    } catch (error) {
      // The payload could not be cloned: fail this task, keep the worker.
      slot.current = undefined;
      slot.state = 'idle';
      slot.handle?.unref?.();
      const problem = serializeError(error);
      problem.message = `its payload could not be sent to a worker: ${problem.message}`;
      this.#fail(job.batch, new TaskError(job.index, job.type, problem));
      queueMicrotask(() => this.#pump());
    }
  }

  #onMessage(slot: Slot, data: unknown): void {
    if (!isWorkerMessage(data)) return;
    if (data.kind === 'ready') {
      if (slot.state !== 'starting') return;
      slot.state = 'idle';
      slot.handle?.unref?.();
      this.#pump();
      return;
    }
    const current = slot.current;
    if (current === undefined || current.id !== data.id) return;
    slot.current = undefined;
    slot.state = 'idle';
    slot.handle?.unref?.();
    const { job } = current;
    if (data.kind === 'result') this.#succeed(job, data.value);
    else this.#fail(job.batch, new TaskError(job.index, job.type, data.error));
    this.#pump();
  }

  #onFailure(slot: Slot, error: Error): void {
    const starting = slot.state === 'starting';
    const lost = [...(slot.current === undefined ? [] : [slot.current.job]), ...slot.pinned];
    const handle = slot.handle;
    Object.assign(slot, { state: 'empty', handle: undefined, current: undefined, pinned: [] });
    void handle?.terminate();
    const reason = starting
      ? `its worker failed to start: ${error.message}`
      : `its worker died: ${error.message}`;
    for (const job of lost) this.#fail(job.batch, new TaskError(job.index, job.type, failure(reason, error)));
    if (starting) {
      // The worker module itself is broken: starting more workers would fail the same way.
      for (const job of this.#queue) {
        this.#fail(job.batch, new TaskError(job.index, job.type, failure(reason, error)));
      }
      this.#queue = [];
    }
    this.#pump();
  }

  #succeed(job: Job, value: unknown): void {
    const { batch } = job;
    if (batch.settled) return;
    batch.results[job.index] = value;
    batch.remaining -= 1;
    if (batch.remaining === 0) {
      batch.settled = true;
      batch.detach();
      batch.resolve(batch.results);
    }
  }

  #fail(batch: Batch, error: unknown): void {
    if (batch.settled) return;
    batch.settled = true;
    batch.detach();
    batch.reject(error);
  }

  /** Cancels a batch: drops its queued tasks and terminates the workers running its tasks. */
  #cancel(batch: Batch, reason: unknown): void {
    if (batch.settled) return;
    this.#fail(batch, reason);
    for (const slot of this.#slots) {
      if (slot.current?.job.batch !== batch) continue;
      const handle = slot.handle;
      for (const job of slot.pinned) {
        this.#fail(
          job.batch,
          new TaskError(job.index, job.type, failure('its worker was terminated to cancel another batch')),
        );
      }
      Object.assign(slot, { state: 'empty', handle: undefined, current: undefined, pinned: [] });
      void handle?.terminate();
    }
    this.#pump();
  }
}
