/**
 * The WebAssembly kernels in a real browser (headless Chromium through playwright-core): the
 * kernel layer is bundled from the sources with esbuild (tsx's own dependency), served from
 * 127.0.0.1, and exercised on the main thread (asynchronous loading, as a page must) and in a
 * module Web Worker (synchronous loading on first use). A representative subset of the Node
 * tests runs there: matmul in float32 and float64 with every transpose and odd sizes against the
 * reference, the reductions against the TypeScript kernels, and dot bit-identical to them.
 *
 * The in-browser code is plain JavaScript text, so nothing of the test's own compilation leaks
 * into the page. In CI a missing browser is a failure; on a developer's machine, a skip.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';

const CHROMIUM = '/usr/bin/chromium';
const ENTRY = fileURLToPath(new URL('../../../../src/core/kernels/index.ts', import.meta.url));
const missing = existsSync(CHROMIUM) ? undefined : `${CHROMIUM} is missing (apt-get install -y chromium)`;
const skip = missing !== undefined && !process.env.CI ? missing : false;

/** The checks, as JavaScript run in the page and in the worker; they resolve to a report. */
const CHECKS = `
import * as K from './kernels.js';

function data(Type, count, seed) {
  const values = new Type(count);
  let state = seed >>> 0;
  for (let i = 0; i < count; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    values[i] = state / 2 ** 31 - 1;
  }
  return values;
}

function relativeError(actual, expected) {
  let scale = 0;
  let error = 0;
  for (let i = 0; i < expected.length; i++) scale = Math.max(scale, Math.abs(expected[i]));
  for (let i = 0; i < expected.length; i++) error = Math.max(error, Math.abs(actual[i] - expected[i]));
  return error / (1 + scale);
}

export function runChecks(where) {
  const report = { where, name: K.wasmKernels.name, matmul: [], reductions: [], dot: [] };
  let seed = 1;
  for (const Type of [Float64Array, Float32Array])
    for (const [m, n, k] of [[1, 1, 1], [7, 9, 13], [33, 17, 65], [70, 40, 300]])
      for (const transA of [false, true])
        for (const transB of [false, true]) {
          const a = data(Type, m * k, seed++);
          const b = data(Type, k * n, seed++);
          const args = { a, b, m, n, k, transA, transB, batch: 1, strideA: 0, strideB: 0, strideC: 0, accumulate: false };
          const c = new Type(m * n);
          const expected = new Type(m * n);
          K.wasmKernels.matmul({ ...args, c });
          K.referenceKernels.matmul({ ...args, c: expected });
          report.matmul.push({ case: Type.name + ' ' + [m, n, k, transA, transB].join(','), error: relativeError(c, expected) });
        }
  for (const [outer, length, inner] of [[1, 5000, 1], [3, 17, 7], [2, 1000, 2]]) {
    const x = data(Float64Array, outer * length * inner, seed++);
    x[5] = x[5] * 0; // a zero somewhere
    for (const operation of ['sum', 'max', 'min']) {
      const out = new Float64Array(outer * inner);
      const expected = new Float64Array(outer * inner);
      K.wasmKernels[operation]({ x, out, outer, length, inner });
      K.jsKernels[operation]({ x, out: expected, outer, length, inner });
      report.reductions.push({ case: operation + ' ' + [outer, length, inner].join('×'), error: relativeError(out, expected) });
    }
  }
  for (const n of [0, 3, 1001]) {
    const x = data(Float32Array, n, seed++);
    const y = data(Float64Array, n, seed++);
    report.dot.push({ n, identical: Object.is(K.wasmKernels.dot(x, y, n), K.jsKernels.dot(x, y, n)) });
  }
  return report;
}

export { K };
`;

const PAGE = `
import { K, runChecks } from './checks.js';
const result = { simd: K.wasmSimdSupported(), active: K.getKernels().name };
try {
  result.syncOnMainThread = K.wasmKernelsAvailable();
  await K.loadWasmKernels();
  result.availableAfterLoad = K.wasmKernelsAvailable();
  result.main = runChecks('main');
  const worker = new Worker('./worker.js', { type: 'module' });
  result.worker = await new Promise((resolve, reject) => {
    worker.onmessage = (event) => resolve(event.data);
    worker.onerror = (event) => reject(new Error(event.message));
  });
} catch (error) {
  result.error = String(error && error.stack || error);
}
window.kernelsReport = result;
`;

const WORKER = `
import { K, runChecks } from './checks.js';
// No await: a worker may compile synchronously, so the first call loads the module.
const syncInWorker = K.wasmKernelsAvailable();
postMessage({ syncInWorker, ...runChecks('worker') });
`;

const HTML =
  '<!doctype html><meta charset="utf-8"><title>kernels</title><script type="module" src="./page.js"></script>';

async function bundle(): Promise<string> {
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: [ENTRY],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0].text;
}

interface CheckReport {
  where: string;
  name: string;
  matmul: { case: string; error: number }[];
  reductions: { case: string; error: number }[];
  dot: { n: number; identical: boolean }[];
}

function assertReport(report: CheckReport): void {
  assert.equal(report.name, 'wasm-simd');
  assert.equal(report.matmul.length, 32);
  for (const { case: label, error } of report.matmul) {
    const tolerance = label.startsWith('Float32') ? 1e-5 : 1e-12;
    assert.ok(error <= tolerance, `${report.where} matmul ${label}: relative error ${error}`);
  }
  for (const { case: label, error } of report.reductions) {
    assert.ok(error <= (label.startsWith('sum') ? 1e-15 : 0), `${report.where} ${label}: error ${error}`);
  }
  for (const { n, identical } of report.dot) assert.ok(identical, `${report.where} dot n = ${n}`);
}

describe('WebAssembly kernels in a browser (headless Chromium)', { skip }, () => {
  let server: Server;
  let browser: Browser;
  let url = '';

  before(async () => {
    const files: Record<string, [string, string]> = {
      '/': [HTML, 'text/html'],
      '/kernels.js': [await bundle(), 'text/javascript'],
      '/checks.js': [CHECKS, 'text/javascript'],
      '/page.js': [PAGE, 'text/javascript'],
      '/worker.js': [WORKER, 'text/javascript'],
    };
    server = createServer((request, response) => {
      const file = files[request.url ?? ''];
      response.writeHead(file ? 200 : 404, { 'content-type': file ? file[1] : 'text/plain' });
      response.end(file ? file[0] : 'not found');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'],
    });
  });

  after(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  it('loads the module on the main thread (asynchronously) and in a worker (synchronously); results match', async (t) => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(url);
    await page.waitForFunction('window.kernelsReport !== undefined', undefined, { timeout: 60_000 });
    const report = (await page.evaluate('window.kernelsReport')) as Record<string, unknown>;
    assert.deepEqual(errors, []);
    assert.equal(report.error, undefined, String(report.error));
    assert.equal(report.simd, true);
    // A browser has no PHYSML_KERNELS: the dispatching kernels are the default.
    assert.equal(report.active, 'auto');
    assert.equal(report.availableAfterLoad, true);
    // Whether Chromium let the main thread compile synchronously (informational: either way works).
    t.diagnostic(
      `synchronous compile on the main thread: ${report.syncOnMainThread ? 'allowed' : 'refused'}`,
    );
    assertReport(report.main as CheckReport);
    const worker = report.worker as CheckReport & { syncInWorker: boolean };
    assert.equal(worker.syncInWorker, true);
    assertReport(worker);
    await page.close();
  });
});
