/**
 * The messages between a task pool and its workers, and the pieces both sides share: the
 * handler registry type, the marker that sends a result's buffers by transfer, and the error
 * a failed task rejects with. No Node-only or browser-only code, so both back ends and both
 * sides of the channel use this one file.
 *
 * Main → worker: `{ kind: 'task', id, type, payload }`, one at a time per worker.
 * Worker → main: `{ kind: 'ready' }` once its handlers are installed, then one
 * `{ kind: 'result', id, value }` or `{ kind: 'error', id, error }` per task.
 */

/**
 * The task handlers of a worker module, by task type: `{ type, payload } → result`. A handler
 * may be async; return `withTransfer(value, buffers)` to move buffers instead of copying them.
 */
// `never` accepts a handler of any payload type (parameters are contravariant).
export type TaskHandlers = Record<string, (payload: never) => unknown>;

/** The payload a handler of `Handlers` takes for task type `Type`. */
export type TaskPayload<Handlers extends TaskHandlers, Type extends keyof Handlers> = Parameters<
  Handlers[Type]
>[0];

/** What a task of type `Type` resolves with (transfer marker removed). */
export type TaskResult<Handlers extends TaskHandlers, Type extends keyof Handlers> = Unwrapped<
  Awaited<ReturnType<Handlers[Type]>>
>;

type Unwrapped<T> = T extends Transferred<infer Value> ? Value : T;

/** A value sent with a transfer list: its buffers move to the receiver (and are detached here). */
export class Transferred<Value> {
  constructor(
    readonly value: Value,
    readonly transfer: readonly Transferable[],
  ) {}
}

/** Marks a handler's result so that `transfer` (typically its typed arrays' buffers) is moved, not copied. */
export function withTransfer<Value>(value: Value, transfer: readonly Transferable[]): Transferred<Value> {
  return new Transferred(value, transfer);
}

/** A failure as it crosses the thread boundary (Error objects lose their class on the way). */
export interface SerializedError {
  name: string;
  message: string;
  stack?: string;
}

/** Main → worker. */
export interface TaskMessage {
  kind: 'task';
  id: number;
  type: string;
  payload: unknown;
}

/** Worker → main. */
export type WorkerMessage =
  | { kind: 'ready' }
  | { kind: 'result'; id: number; value: unknown }
  | { kind: 'error'; id: number; error: SerializedError };

/** True for a task message of this protocol. */
export function isTaskMessage(data: unknown): data is TaskMessage {
  if (data === null || typeof data !== 'object') return false;
  const message = data as Partial<TaskMessage>;
  return message.kind === 'task' && typeof message.id === 'number' && typeof message.type === 'string';
}

/** True for a message of this protocol (workers may post nothing else, but be strict). */
export function isWorkerMessage(data: unknown): data is WorkerMessage {
  if (data === null || typeof data !== 'object') return false;
  const kind = (data as { kind?: unknown }).kind;
  return kind === 'ready' || kind === 'result' || kind === 'error';
}

/** Turns anything thrown into a `SerializedError`. */
export function serializeError(error: unknown): SerializedError {
  if (error instanceof Error) return { name: error.name, message: error.message, stack: error.stack };
  return { name: 'Error', message: String(error) };
}

/**
 * A task that failed: in its handler (the worker's error, by name and message), or because its
 * worker died. `index` is the task's position in the batch given to `map` or `runOnEach` (0 for
 * `run`), so a caller can tell which of many inputs was bad.
 */
export class TaskError extends Error {
  /** The task's position in its batch. */
  readonly index: number;
  /** The task type. */
  readonly type: string;
  /** The name of the error in the worker (e.g. "RangeError"). */
  readonly remoteName: string;
  /** The stack trace in the worker, when there was one. */
  readonly remoteStack: string | undefined;

  constructor(index: number, type: string, error: SerializedError) {
    super(`task ${index} (${type}) failed: ${error.message}`);
    this.name = 'TaskError';
    this.index = index;
    this.type = type;
    this.remoteName = error.name;
    this.remoteStack = error.stack;
  }
}
