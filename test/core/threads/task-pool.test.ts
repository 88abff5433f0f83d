import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { after, describe, it } from 'node:test';
import { createNodeTaskPool, workerModule } from '../../../src/core/threads/node-pool.js';
import { TaskError } from '../../../src/core/threads/protocol.js';
import { SharedWorkGroup } from '../../../src/core/threads/shared-work.js';
import type { handlers } from './task-worker.js';

const module = workerModule(import.meta.url, './task-worker');
const pool = createNodeTaskPool<typeof handlers>({ module, threads: 3 });
after(() => pool.close());

describe('TaskPool on Node worker threads', () => {
  it('returns results in task order, whatever order the tasks finish in, on 1 and 3 threads', async () => {
    // Early tasks take longest, so on 3 threads they finish last.
    const payloads = [40, 30, 20, 10, 0, 5].map((ms, value) => ({ ms, value }));
    const single = createNodeTaskPool<typeof handlers>({ module, threads: 1 });
    try {
      const [one, three] = await Promise.all([
        single.map('slowEcho', payloads),
        pool.map('slowEcho', payloads),
      ]);
      assert.deepEqual(one, [0, 1, 2, 3, 4, 5]);
      assert.deepEqual(three, [0, 1, 2, 3, 4, 5]);
    } finally {
      await single.close();
    }
    assert.deepEqual(await pool.map('square', [3, -2, 0.5]), [9, 4, 0.25]);
    assert.equal(await pool.run('square', 7), 49);
    assert.deepEqual(await pool.map('square', []), []);
  });

  it('rejects with the index, type and message of a failed task, and keeps working', async () => {
    await assert.rejects(pool.map('fail', ['bad input']), (error: unknown) => {
      assert.ok(error instanceof TaskError);
      assert.equal(error.index, 0);
      assert.equal(error.type, 'fail');
      assert.equal(error.remoteName, 'RangeError');
      assert.equal(error.message, 'task 0 (fail) failed: bad input');
      return true;
    });
    await assert.rejects(
      pool.run('nope' as 'square', 1),
      /task 0 \(nope\) failed: unknown task type "nope"; this worker handles: square, slowEcho, sqrt, fail/,
    );
    await assert.rejects(pool.run('unclonable', undefined as never), /could not be sent back to the pool/);
    await assert.rejects(
      pool.run('square', (() => 1) as never),
      /task 0 \(square\) failed: its payload could not be sent to a worker/,
    );
    assert.equal(await pool.run('square', 4), 16);
  });

  it('names the failing task among many', async () => {
    await assert.rejects(pool.map('sqrt', [4, 9, -1, 16, 25]), (error: unknown) => {
      assert.ok(error instanceof TaskError);
      assert.equal(error.index, 2);
      assert.equal(error.message, 'task 2 (sqrt) failed: no real square root of -1');
      return true;
    });
    assert.deepEqual(await pool.map('sqrt', [4, 9, 16]), [2, 3, 4]);
  });

  it('moves transferred buffers both ways', async () => {
    const values = Float64Array.from([1, 2, 3]);
    const doubled = await pool.run('double', values, { transfer: [values.buffer] });
    assert.equal(values.byteLength, 0, 'the payload buffer moved to the worker');
    assert.deepEqual(Array.from(doubled), [2, 4, 6]);
    const batch = [Float64Array.from([1]), Float64Array.from([5, 6])];
    const results = await pool.map('double', batch, { transfer: (array) => [array.buffer] });
    assert.deepEqual(
      results.map((array) => Array.from(array)),
      [[2], [10, 12]],
    );
    assert.ok(batch.every((array) => array.byteLength === 0));
  });

  it('runs one task on each worker and keeps per-worker state', async () => {
    const threadIds = await pool.runOnEach('remember', ['a', 'b', 'c']);
    assert.equal(new Set(threadIds).size, 3, 'three different workers');
    assert.deepEqual(await pool.runOnEach('recall', [null, null, null] as never[]), ['a', 'b', 'c']);
    await assert.rejects(
      pool.runOnEach('recall', [null] as never[]),
      /needs one payload per worker \(3\), got 1/,
    );
  });

  it('cancels a batch: queued tasks dropped, running workers terminated, pool usable after', async () => {
    const controller = new AbortController();
    const hanging = pool.map('hang', [null, null, null, null, null] as never[], {
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 50);
    await assert.rejects(hanging, { name: 'AbortError' });
    assert.deepEqual(await pool.map('square', [1, 2, 3, 4]), [1, 4, 9, 16]);
    await assert.rejects(pool.run('square', 2, { signal: AbortSignal.abort() }), { name: 'AbortError' });
  });

  it('reports a worker that dies, and replaces it', async () => {
    await assert.rejects(
      pool.run('exit', 3),
      /task 0 \(exit\) failed: its worker died: the worker exited with code 3/,
    );
    assert.equal(await pool.run('square', 5), 25);
  });

  it('reports a worker module that cannot load, and refuses bad thread counts', async () => {
    const broken = createNodeTaskPool<typeof handlers>({
      module: new URL('./missing-worker.js', import.meta.url),
      threads: 2,
    });
    try {
      await assert.rejects(
        broken.map('square', [1, 2, 3]),
        /failed: its worker failed to start: .*missing-worker/,
      );
    } finally {
      await broken.close();
    }
    assert.throws(
      () => createNodeTaskPool({ module, threads: 0 }),
      /threads must be an integer in \[1, 256\], got 0/,
    );
    assert.throws(() => createNodeTaskPool({ module, threads: 2.5 }), /got 2\.5/);
  });

  it('rejects unfinished tasks on close, and every call after it', async () => {
    const closing = createNodeTaskPool<typeof handlers>({ module, threads: 1 });
    const pending = assert.rejects(
      closing.map('hang', [null, null] as never[]),
      /the pool was closed before the task finished/,
    );
    await new Promise((resolve) => setTimeout(resolve, 20));
    await closing.close();
    await pending;
    await assert.rejects(closing.run('square', 1), /the pool has been closed/);
  });

  it('does not keep the process alive when a pool is left open', async () => {
    const script = `
      import { createNodeTaskPool } from ${JSON.stringify(new URL('../../../src/core/threads/node-pool.ts', import.meta.url).href)};
      const pool = createNodeTaskPool({ module: new URL(${JSON.stringify(module.href)}), threads: 2 });
      console.log(await pool.map('square', [2, 3]));
    `;
    const outcome = await new Promise<{ code: number | null; stdout: string }>((resolve) => {
      const child = execFile(
        process.execPath,
        ['--import', 'tsx', '--input-type=module', '--eval', script],
        { timeout: 30_000 },
        (error, stdout) => resolve({ code: error === null ? 0 : (child.exitCode ?? null), stdout }),
      );
    });
    assert.equal(outcome.code, 0, 'exited by itself, without close()');
    assert.equal(outcome.stdout.trim(), '[ 4, 9 ]');
  });
});

describe('SharedWorkGroup', () => {
  it('runs synchronous row-block jobs on every worker over shared memory', async () => {
    const rows = 7;
    const cols = 3;
    const buffer = new SharedArrayBuffer(8 * rows * cols);
    const matrix = new Float64Array(buffer);
    for (let i = 0; i < matrix.length; i++) matrix[i] = i;
    const group = await SharedWorkGroup.start(pool as never, {
      kernel: 'scale-rows',
      data: { buffer, rows, cols },
    });
    let ownShareRan = false;
    group.run([2, 0]); // blocks this thread until all 3 workers are done
    group.run([1, 100], () => {
      ownShareRan = true;
    });
    await group.stop();
    assert.ok(ownShareRan);
    // Rows 0–1 belong to rank 0, rows 2–3 to rank 1, rows 4–6 to rank 2 (⌊r·7/3⌋).
    const rankOfRow = [0, 0, 1, 1, 2, 2, 2];
    for (let i = 0; i < rows * cols; i++) {
      assert.equal(matrix[i], 2 * i + 100 * rankOfRow[Math.floor(i / cols)], `element ${i}`);
    }
    assert.equal(await pool.run('square', 3), 9, 'the pool runs tasks again after stop');
  });

  it('reports a kernel error after the job, and stays usable', async () => {
    const group = await SharedWorkGroup.start(pool as never, { kernel: 'fail-on-last', data: null });
    try {
      assert.throws(() => group.run(), /shared work: worker 2 failed: rank 2 refuses/);
      assert.throws(() => group.run(), /worker 2 failed/);
      assert.throws(() => group.run(new Array(17).fill(0)), /at most 16 arguments, got 17/);
    } finally {
      await group.stop();
    }
    assert.throws(() => group.run(), /the group has been stopped/);
  });
});
