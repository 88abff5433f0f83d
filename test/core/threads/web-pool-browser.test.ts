// The browser back end in a real browser: headless Chromium loads the thread modules (transpiled
// from src/core/threads on the fly, served with cross-origin isolation so SharedArrayBuffer
// exists) and runs a pool of real module Web Workers. Skipped, with a message, where Chromium
// is missing (CI installs it; see test/lab/lab-harness.ts).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import ts from 'typescript';
import { browserProblem, launchBrowser } from '../../lab/lab-harness.js';

const problem = browserProblem();
const skip = problem !== undefined && !process.env.CI ? problem : false;

/** The worker of the page's pool: plain JavaScript importing the served thread modules. */
const workerSource = `
import { serveTasks } from '/threads/serve.js';
import { withTransfer } from '/threads/protocol.js';
serveTasks({
  slowSquare: ({ ms, x }) => { const end = Date.now() + ms; while (Date.now() < end) {} return x * x; },
  sqrt: (x) => { if (x < 0) throw new RangeError('no real square root of ' + x); return Math.sqrt(x); },
  double: (values) => { for (let i = 0; i < values.length; i++) values[i] *= 2; return withTransfer(values, [values.buffer]); },
  hasSharedMemory: () => typeof SharedArrayBuffer === 'function' && crossOriginIsolated,
}, self);
`;

interface PageOutcome {
  squares: number[];
  failure: unknown;
  doubled: number[];
  moved: number;
  shared: boolean[];
  blocking: string;
  closed: string;
}

/** What the page runs: a pool of two module workers, put through its paces. */
const pageScript = `(async () => {
  const threads = await import('/threads/browser.js');
  const pool = threads.createWebTaskPool({
    threads: 2,
    createWorker: () => new Worker('/worker.js', { type: 'module' }),
  });
  const squares = await pool.map('slowSquare', [40, 30, 20, 10, 0].map((ms, x) => ({ ms, x })));
  let failure;
  try {
    await pool.map('sqrt', [4, 9, -1]);
  } catch (error) {
    failure = { name: error.name, message: error.message, index: error.index, remoteName: error.remoteName };
  }
  const values = Float64Array.from([1, 2, 3]);
  const doubled = Array.from(await pool.run('double', values, { transfer: [values.buffer] }));
  const shared = await pool.map('hasSharedMemory', [null, null]);
  let blocking = '';
  try {
    await threads.SharedWorkGroup.start(pool, { kernel: 'none', data: null });
  } catch (error) {
    blocking = error.message;
  }
  await pool.close();
  let closed = '';
  try {
    await pool.run('sqrt', 1);
  } catch (error) {
    closed = error.message;
  }
  return { squares, failure, doubled, moved: values.byteLength, shared, blocking, closed };
})()`;

function serve(): Server {
  return createServer((request, response) => {
    const isolation = {
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Embedder-Policy': 'require-corp',
    };
    const url = request.url ?? '/';
    const module = /^\/threads\/([a-z-]+)\.js$/.exec(url);
    if (url === '/') {
      response.writeHead(200, { 'Content-Type': 'text/html', ...isolation });
      response.end('<!doctype html><title>threads</title>');
    } else if (url === '/worker.js') {
      response.writeHead(200, { 'Content-Type': 'text/javascript', ...isolation });
      response.end(workerSource);
    } else if (module !== null) {
      const source = readFileSync(
        new URL(`../../../src/core/threads/${module[1]}.ts`, import.meta.url),
        'utf8',
      );
      const { outputText } = ts.transpileModule(source, {
        compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
      });
      response.writeHead(200, { 'Content-Type': 'text/javascript', ...isolation });
      response.end(outputText);
    } else {
      response.writeHead(404).end();
    }
  });
}

describe('TaskPool on Web Workers in Chromium', { skip }, () => {
  let server: Server;
  let browser: Browser;
  let origin: string;
  before(async () => {
    server = serve();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    server?.close();
  });

  it('runs tasks on module workers: order, errors with index, transfer, shared memory, close', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(origin);
    // A string, not a function: tsx would add helpers to a function's source that the page lacks.
    const outcome = (await page.evaluate(pageScript)) as PageOutcome;
    assert.deepEqual(outcome.squares, [0, 1, 4, 9, 16]);
    assert.deepEqual(outcome.failure, {
      name: 'TaskError',
      message: 'task 2 (sqrt) failed: no real square root of -1',
      index: 2,
      remoteName: 'RangeError',
    });
    assert.deepEqual(outcome.doubled, [2, 4, 6]);
    assert.equal(outcome.moved, 0, 'the payload buffer moved to the worker');
    assert.deepEqual(outcome.shared, [true, true], 'workers of an isolated page have shared memory');
    assert.match(outcome.blocking, /this thread may not block in Atomics\.wait \(a browser page\)/);
    assert.match(outcome.closed, /the pool has been closed/);
    assert.deepEqual(errors, []);
  });
});
