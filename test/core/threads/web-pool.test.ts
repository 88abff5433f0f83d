// The browser back end, driven in Node by a stand-in for Web Workers: each fake worker runs
// `serveTasks` on this thread, and messages cross between the two ends by structured clone on a
// later macrotask, as between real threads. (The real thing runs in the lab.)
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TaskError, withTransfer } from '../../../src/core/threads/protocol.js';
import { serveTasks } from '../../../src/core/threads/serve.js';
import {
  browserThreadCount,
  createWebTaskPool,
  type WebWorkerLike,
} from '../../../src/core/threads/web-pool.js';

const handlers = {
  /** Waits `ms` (so tasks finish out of order), then returns the value and the worker's number. */
  delayed: async ({ ms, value }: { ms: number; value: number }) => {
    await new Promise((resolve) => setTimeout(resolve, ms));
    return value;
  },
  negate: (values: Float64Array) =>
    withTransfer(
      values.map((v) => -v),
      [values.buffer],
    ),
  fail: (message: string) => {
    throw new TypeError(message);
  },
};

/** A Worker-like object whose "thread" is `serveTasks(handlers, scope)` on this thread. */
class FakeWorker implements WebWorkerLike {
  onmessage: ((event: MessageEvent) => unknown) | null = null;
  onerror: ((event: ErrorEvent) => unknown) | null = null;
  terminated = false;
  received = 0;
  readonly #inside: Array<(event: MessageEvent) => void> = [];

  constructor(serve: boolean) {
    const scope = {
      postMessage: (message: unknown, transfer?: Transferable[]) => {
        const copy = structuredClone(message, { transfer: transfer as never });
        setTimeout(() => {
          if (!this.terminated) this.onmessage?.({ data: copy } as MessageEvent);
        });
      },
      addEventListener: (_type: 'message', listener: (event: MessageEvent) => void) => {
        this.#inside.push(listener);
      },
    };
    if (serve) serveTasks(handlers, scope);
    else
      setTimeout(() =>
        this.onerror?.({ message: 'SyntaxError: bad module', filename: 'w.js', lineno: 3 } as ErrorEvent),
      );
  }

  postMessage(message: unknown, transfer: Transferable[]): void {
    this.received += 1;
    const copy = structuredClone(message, { transfer: transfer as never });
    setTimeout(() => {
      if (!this.terminated) for (const listener of this.#inside) listener({ data: copy } as MessageEvent);
    });
  }

  terminate(): void {
    this.terminated = true;
  }
}

describe('TaskPool on (fake) Web Workers', () => {
  it('runs tasks on every worker, results in task order, errors with their index', async () => {
    const workers: FakeWorker[] = [];
    const pool = createWebTaskPool<typeof handlers>({
      threads: 2,
      createWorker: () => {
        const worker = new FakeWorker(true);
        workers.push(worker);
        return worker;
      },
    });
    const payloads = [30, 20, 10, 0].map((ms, value) => ({ ms, value }));
    assert.deepEqual(await pool.map('delayed', payloads), [0, 1, 2, 3]);
    assert.equal(workers.length, 2);
    assert.ok(
      workers.every((worker) => worker.received > 0),
      'both workers took tasks',
    );

    const values = Float64Array.from([1, -2]);
    assert.deepEqual(Array.from(await pool.run('negate', values, { transfer: [values.buffer] })), [-1, 2]);
    assert.equal(values.byteLength, 0, 'moved, not copied');

    await assert.rejects(pool.map('fail', ['first', 'second']), (error: unknown) => {
      assert.ok(error instanceof TaskError);
      assert.equal(error.remoteName, 'TypeError');
      assert.match(error.message, /^task [01] \(fail\) failed: (first|second)$/);
      return true;
    });
    await pool.close();
    assert.ok(workers.every((worker) => worker.terminated));
  });

  it('turns a worker error event into a failed task', async () => {
    const pool = createWebTaskPool<typeof handlers>({
      threads: 1,
      createWorker: () => new FakeWorker(false),
    });
    await assert.rejects(
      pool.run('fail', 'x'),
      /task 0 \(fail\) failed: its worker failed to start: SyntaxError: bad module \(w\.js:3\)/,
    );
    await pool.close();
    const unstartable = createWebTaskPool<typeof handlers>({
      threads: 2,
      createWorker: () => {
        throw new Error('blocked by the content security policy');
      },
    });
    await assert.rejects(
      unstartable.map('fail', ['a', 'b']),
      /task [01] \(fail\) failed: its worker failed to start: blocked by the content security policy/,
    );
  });

  it('validates its options', () => {
    assert.throws(
      () => createWebTaskPool({ createWorker: undefined as never }),
      /createWorker must be a function/,
    );
    assert.throws(
      () => createWebTaskPool({ threads: 300, createWorker: () => new FakeWorker(true) }),
      /threads must be an integer in \[1, 256\], got 300/,
    );
    assert.ok(Number.isInteger(browserThreadCount()) && browserThreadCount() >= 1);
  });
});
