/**
 * The worker side of a task pool: a worker module registers its task handlers with
 * `serveTasks`, which answers every task message with the handler's result or error.
 *
 * In Node:    `serveTasks(handlers, parentPort)` (from `node:worker_threads`);
 * in a browser: `serveTasks(handlers, self)` inside the Web Worker module (with only the DOM
 * library, TypeScript types `self` as a Window: write `self as unknown as TaskPort`).
 * Both ports are accepted structurally, so this file imports nothing environment-specific.
 */
import {
  isTaskMessage,
  serializeError,
  type TaskHandlers,
  type TaskMessage,
  Transferred,
  type WorkerMessage,
} from './protocol.js';

/** The worker's end of the channel: Node's `parentPort` or a Web Worker's global scope. */
export type TaskPort = {
  // `never[]`: Node's and the DOM's transferable types differ; both ports accept buffers.
  postMessage(message: unknown, transfer?: never[]): void;
} & (
  | { on(event: 'message', listener: (data: unknown) => void): unknown }
  | { addEventListener(type: 'message', listener: (event: MessageEvent) => void): void }
);

function listen(port: TaskPort, listener: (data: unknown) => void): void {
  // Node's MessagePort has both; `on` hands over the data itself.
  if ('on' in port && typeof port.on === 'function') port.on('message', listener);
  else if ('addEventListener' in port) port.addEventListener('message', (event) => listener(event.data));
}

async function answer(
  handlers: TaskHandlers,
  message: TaskMessage,
): Promise<[WorkerMessage, Transferable[]]> {
  try {
    const handler = Object.hasOwn(handlers, message.type) ? handlers[message.type] : undefined;
    if (handler === undefined) {
      const known = Object.keys(handlers).join(', ') || '(none)';
      throw new Error(`unknown task type ${JSON.stringify(message.type)}; this worker handles: ${known}`);
    }
    const value = await handler(message.payload as never);
    if (value instanceof Transferred) {
      return [{ kind: 'result', id: message.id, value: value.value }, [...value.transfer]];
    }
    return [{ kind: 'result', id: message.id, value }, []];
  } catch (error) {
    return [{ kind: 'error', id: message.id, error: serializeError(error) }, []];
  }
}

/**
 * Answers the pool's task messages on `port` with `handlers`, then tells the pool that this
 * worker is ready. Call it once, at the top level of the worker module.
 */
export function serveTasks(handlers: TaskHandlers, port: TaskPort | null | undefined): void {
  if (port === null || port === undefined) {
    throw new Error(
      'serveTasks: no port; call it in a worker thread with parentPort (Node) or self (browser)',
    );
  }
  listen(port, (data) => {
    if (!isTaskMessage(data)) return;
    void answer(handlers, data).then(([reply, transfer]) => {
      try {
        port.postMessage(reply, transfer as never[]);
      } catch (error) {
        // The result could not be cloned (a function, a class instance with private state...).
        const problem = serializeError(error);
        problem.message = `its result could not be sent back to the pool: ${problem.message}`;
        port.postMessage({ kind: 'error', id: data.id, error: problem } satisfies WorkerMessage);
      }
    });
  });
  port.postMessage({ kind: 'ready' } satisfies WorkerMessage);
}
