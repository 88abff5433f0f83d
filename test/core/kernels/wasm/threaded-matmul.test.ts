/**
 * The threaded matrix product (row blocks over threads sharing one WebAssembly memory) against
 * the single-thread WebAssembly kernels: the results must be bit-identical (same bits, sign of
 * zero included) for 1, 2 and 3 threads, on random shapes with odd sizes, every transpose,
 * batches (broadcast, gapped, summed), accumulate and mixed storage types, and across the
 * kernels' cache blocks. Also: the default kernels use it for large products after
 * `setKernelThreads`, its memory stops growing once the largest shape was seen, a process that
 * never closes it still exits, and bad thread counts are refused.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { autoKernels, type MatmulArgs, wasmKernels } from '../../../../src/core/kernels/index.js';
import {
  kernelThreads,
  MATMUL_THREADS_MIN_WORK,
  threadedMatmulFor,
} from '../../../../src/core/kernels/wasm/threaded-hook.js';
import type { ThreadedWasmMatmul } from '../../../../src/core/kernels/wasm/threaded-matmul.js';
import { setKernelThreads, startThreadedMatmul } from '../../../../src/core/kernels/wasm/threaded-node.js';
import { makeKey } from '../../../../src/core/random/index.js';
import { cloneArgs, type MatmulCase, makeMatmulArgs } from '../helpers.js';

/** Asserts that two arrays hold the same bits (Object.is: NaN equals NaN, −0 differs from +0). */
function assertSameBits(actual: ArrayLike<number>, expected: ArrayLike<number>, label: string): void {
  assert.equal(actual.length, expected.length, `${label}: length`);
  for (let i = 0; i < expected.length; i++) {
    if (!Object.is(actual[i], expected[i])) {
      assert.fail(`${label}: entry ${i} is ${actual[i]}, the single-thread kernel gives ${expected[i]}`);
    }
  }
}

const products = new Map<number, ThreadedWasmMatmul>();

function check(seed: number, spec: MatmulCase): void {
  const args = makeMatmulArgs(makeKey(seed), spec);
  const single = cloneArgs(args);
  wasmKernels.matmul(single);
  for (const [threads, product] of products) {
    const threaded = cloneArgs(args);
    product.matmul(threaded);
    assertSameBits(threaded.c, single.c, `${threads} threads ${JSON.stringify(spec)}`);
  }
}

describe('threaded WebAssembly matmul', () => {
  before(async () => {
    for (const threads of [1, 2, 3]) products.set(threads, await startThreadedMatmul(threads));
  });
  after(async () => {
    for (const product of products.values()) await product.close();
    await setKernelThreads(1);
  });

  it('is bit-identical to the single-thread kernels on every transpose, across the cache blocks', () => {
    let seed = 1;
    for (const [transA, transB] of [
      [false, false],
      [true, false],
      [false, true],
      [true, true],
    ]) {
      for (const type of ['float64', 'float32'] as const) {
        // m > 190 (two row blocks of the packing), k > 256 (two depth blocks), odd n.
        const spec = { m: 203, n: 37, k: 301, transA, transB, typeA: type, typeB: type, typeC: type };
        check(seed++, spec);
        check(seed++, { ...spec, accumulate: true });
      }
    }
  });

  it('is bit-identical on the folded batch layouts, summed and gapped batches', () => {
    check(10, { m: 21, n: 24, k: 40, batch: 7, broadcastB: true });
    check(11, { m: 24, n: 20, k: 60, batch: 6, transA: true, layoutC: 'sum', accumulate: true });
    check(12, { m: 17, n: 9, k: 13, batch: 3, transB: true, layoutC: 'gapped', typeC: 'float32' });
    check(13, { m: 33, n: 5, k: 7, batch: 4, broadcastA: true, layoutC: 'sum', typeA: 'float32' });
  });

  it('property: bit-identical for random shapes (fewer rows than threads, empty k), layouts and types', () => {
    const spec = fc.record({
      m: fc.integer({ min: 0, max: 47 }),
      n: fc.integer({ min: 0, max: 29 }),
      k: fc.integer({ min: 0, max: 37 }),
      transA: fc.boolean(),
      transB: fc.boolean(),
      batch: fc.integer({ min: 0, max: 3 }),
      broadcastA: fc.boolean(),
      broadcastB: fc.boolean(),
      layoutC: fc.constantFrom('contiguous', 'gapped', 'sum'),
      accumulate: fc.boolean(),
      typeA: fc.constantFrom('float64', 'float32'),
      typeB: fc.constantFrom('float64', 'float32'),
      typeC: fc.constantFrom('float64', 'float32'),
    });
    fc.assert(
      fc.property(spec, fc.integer({ min: 0, max: 2 ** 31 }), (s, seed) => check(seed, s as MatmulCase)),
      { seed: 20261123, numRuns: 150 },
    );
  });

  it('does not grow its memory over repeated calls of the same shapes', () => {
    const product = products.get(3);
    assert.ok(product !== undefined);
    const args = makeMatmulArgs(makeKey(99), {
      m: 150,
      n: 70,
      k: 90,
      typeC: 'float32',
      typeA: 'float32',
      typeB: 'float32',
    });
    const small = makeMatmulArgs(makeKey(98), { m: 30, n: 20, k: 10 });
    product.matmul(cloneArgs(args));
    const size = product.byteLength;
    for (let i = 0; i < 20; i++) {
      product.matmul(cloneArgs(small));
      product.matmul(cloneArgs(args));
    }
    assert.equal(product.byteLength, size);
  });

  it('serves the default kernels for large products after setKernelThreads, with the same bits', async () => {
    assert.equal(kernelThreads(), 1);
    // 256³ = 2^24 multiply-adds: at the threshold.
    const spec = { m: 256, n: 256, k: 256, transA: true };
    assert.ok(256 ** 3 >= MATMUL_THREADS_MIN_WORK);
    const args = makeMatmulArgs(makeKey(7), spec);
    const single = cloneArgs(args);
    wasmKernels.matmul(single);
    await setKernelThreads(2);
    assert.equal(kernelThreads(), 2);
    assert.ok(threadedMatmulFor(args) !== undefined, 'a 256³ product goes to the threads');
    const below = makeMatmulArgs(makeKey(8), { m: 256, n: 256, k: 255 });
    assert.equal(threadedMatmulFor(below), undefined, 'a product below the threshold stays on one thread');
    const threaded: MatmulArgs = cloneArgs(args);
    autoKernels.matmul(threaded);
    assertSameBits(threaded.c, single.c, 'auto with 2 threads');
    await setKernelThreads(1);
    assert.equal(kernelThreads(), 1);
  });

  it('refuses bad thread counts, naming the parameter and the range', async () => {
    await assert.rejects(startThreadedMatmul(0), /threads must be an integer in \[1, 256\], got 0/);
    assert.throws(() => setKernelThreads(1.5), /setKernelThreads: threads must be an integer in \[1, 256\]/);
  });

  it('refuses to compute once closed', async () => {
    const product = await startThreadedMatmul(2);
    await product.close();
    assert.throws(() => product.matmul(makeMatmulArgs(makeKey(1), { m: 4, n: 4, k: 4 })), /closed/);
  });

  it('lets a process that never stops its threads exit', () => {
    const node = fileURLToPath(
      new URL('../../../../src/core/kernels/wasm/threaded-node.ts', import.meta.url),
    );
    const kernels = fileURLToPath(new URL('../../../../src/core/kernels/index.ts', import.meta.url));
    const script = `
      const { setKernelThreads } = await import(${JSON.stringify(node)});
      const { autoKernels } = await import(${JSON.stringify(kernels)});
      await setKernelThreads(3);
      const n = 256, a = new Float64Array(n * n).fill(1), c = new Float64Array(n * n);
      autoKernels.matmul({ a, b: a, c, m: n, n, k: n, transA: false, transB: false, batch: 1,
        strideA: 0, strideB: 0, strideC: 0, accumulate: false });
      console.log('product', c[0]);`;
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    assert.equal(child.signal, null, 'the process had to be killed: its workers kept it alive');
    assert.equal(child.status, 0, child.stderr);
    assert.match(child.stdout, /product 256/);
  });
});
