/**
 * Choosing and loading the kernels: the PHYSML_KERNELS setting, loading the WebAssembly module
 * (synchronously and asynchronously), and the module's memory, which must grow only to the
 * largest problem seen and not at all over a long run of same-sized calls.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  autoKernels,
  jsKernels,
  kernelsForSetting,
  loadWasmKernels,
  wasmKernels,
  wasmKernelsAvailable,
  wasmSimdSupported,
} from '../../../../src/core/kernels/index.js';
import { wasmRuntime } from '../../../../src/core/kernels/wasm/runtime.js';
import { makeKey } from '../../../../src/core/random/index.js';
import { makeMatmulArgs, randomArray } from '../helpers.js';

const REGISTRY = fileURLToPath(new URL('../../../../src/core/kernels/index.ts', import.meta.url));

/** The name of the active kernels in a fresh Node process started with PHYSML_KERNELS = setting. */
function startupKernels(setting: string): { status: number | null; output: string } {
  const script = `import(${JSON.stringify(REGISTRY)}).then((k) => console.log(k.getKernels().name))`;
  const result = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    env: { ...process.env, PHYSML_KERNELS: setting },
    encoding: 'utf8',
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe('kernel setting (PHYSML_KERNELS)', () => {
  it('maps js, wasm and auto (any case, unset or empty means auto) to the kernels', () => {
    assert.equal(kernelsForSetting('js'), jsKernels);
    assert.equal(kernelsForSetting('wasm'), wasmKernels);
    assert.equal(kernelsForSetting('auto'), autoKernels);
    assert.equal(kernelsForSetting(' WASM '), wasmKernels);
    assert.equal(kernelsForSetting(undefined), autoKernels);
    assert.equal(kernelsForSetting(''), autoKernels);
  });

  it('rejects any other value, naming the variable and the allowed values', () => {
    for (const bad of ['simd', 'constructor', 'js,wasm'])
      assert.throws(
        () => kernelsForSetting(bad),
        /PHYSML_KERNELS must be one of js, wasm, auto \(or unset\)/,
      );
  });

  it('is read from the environment when the kernels load', () => {
    assert.deepEqual(startupKernels('js'), { status: 0, output: 'js-blocked\n' });
    const bad = startupKernels('fast');
    assert.notEqual(bad.status, 0);
    assert.match(bad.output, /PHYSML_KERNELS must be one of js, wasm, auto \(or unset\), got 'fast'/);
  });
});

describe('WebAssembly module loading', () => {
  it('Node 20 has WebAssembly SIMD, and the module loads synchronously and asynchronously', async () => {
    assert.equal(wasmSimdSupported(), true);
    assert.equal(wasmKernelsAvailable(), true);
    assert.equal(await loadWasmKernels(), wasmKernels);
    // One instance serves both ways of loading.
    assert.equal(wasmRuntime(), wasmRuntime());
  });
});

describe('WebAssembly memory', () => {
  it('grows to the largest problem seen, then stays the same over many calls', () => {
    const { arena } = wasmRuntime();
    const big = makeMatmulArgs(makeKey(1), { m: 300, n: 200, k: 250, transB: true, accumulate: true });
    wasmKernels.matmul(big);
    const afterBig = arena.byteLength;
    // The three operands (8 bytes per entry) fit in what the memory holds now.
    assert.ok(afterBig >= (300 * 250 + 250 * 200 + 300 * 200) * 8);
    const small = makeMatmulArgs(makeKey(2), {
      m: 64,
      n: 64,
      k: 64,
      typeA: 'float32',
      typeB: 'float32',
      typeC: 'float32',
    });
    const x = randomArray(makeKey(3), 50_000);
    const out = new Float64Array(50);
    for (let step = 0; step < 200; step++) {
      wasmKernels.matmul(small);
      wasmKernels.matmul(big);
      wasmKernels.sum({ x, out, outer: 10, length: 1000, inner: 5 });
      wasmKernels.dot(x, x, x.length);
    }
    assert.equal(arena.byteLength, afterBig);
    // A larger problem grows the memory to what it needs: its operands above the static data
    // and the resident region, rounded up to whole 64 KiB pages.
    const larger = makeMatmulArgs(makeKey(4), { m: 600, n: 300, k: 250 });
    wasmKernels.matmul(larger);
    const above = wasmRuntime().resident?.end ?? wasmRuntime().exports.heapBase();
    const needed = above + (600 * 250 + 250 * 300 + 600 * 300) * 8;
    assert.ok(
      arena.byteLength >= needed && arena.byteLength < needed + 3 * 64 + 65536,
      `${arena.byteLength}`,
    );
  });
});
