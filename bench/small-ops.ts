/**
 * Small-operation overhead of the kernel dispatch, and the crossovers that set its thresholds.
 *
 *   node --import tsx bench/small-ops.ts            # overhead table and crossover tables
 *   node --import tsx bench/small-ops.ts --quick    # fewer repeats, to check that it runs
 *
 * 1. Overhead (target: a 16-element elementwise op under 0.5 µs): `T.add` of two 16-entry
 *    tensors, a 4×4 `T.matmul` and a bare 4×4 kernel call, under each setting of
 *    PHYSML_KERNELS: 'auto' (the default), 'js' and 'wasm' (every call crosses into
 *    WebAssembly). Each setting runs in its own child process, so that the JIT has seen no
 *    other kernels.
 * 2. Crossovers: time per call of matmul (n×n·n×n), sum (one row of n entries, and n/8 rows
 *    of 8 columns) and dot of length n through 'js-blocked' and 'wasm-simd'. The thresholds of
 *    `src/core/kernels/wasm/auto-kernels.ts` are where 'wasm-simd' starts to win.
 *
 * Each figure is the median over repeats of the mean time of a loop of calls (µs per call).
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  type FloatArray,
  getKernels,
  jsKernels,
  type Kernels,
  kernelsForSetting,
  wasmKernels,
} from '../src/core/kernels/index.js';
import { makeKey, split, uniform } from '../src/core/random/index.js';
import * as T from '../src/core/tensor/index.js';
import { markdownTable, measure } from './harness.js';

/** Median over repeats of the mean time per call of `fn`, in microseconds. */
function microseconds(fn: () => unknown, calls: number, repeats: number): number {
  const timing = measure(
    () => {
      for (let i = 0; i < calls; i++) fn();
    },
    { warmup: 3, repeats },
  );
  return (1000 * timing.medianMs) / calls;
}

function format(us: number): string {
  return us >= 100 ? us.toFixed(0) : us >= 10 ? us.toFixed(1) : us.toFixed(3);
}

function data(key: Uint32Array, count: number, single: boolean): FloatArray {
  const values = uniform(key, count, { low: -1, high: 1 });
  return single ? Float32Array.from(values) : values;
}

function matmulCall(kernels: Kernels, n: number, single: boolean, key: Uint32Array): () => void {
  const [keyA, keyB] = split(key, 2);
  const a = data(keyA, n * n, single);
  const b = data(keyB, n * n, single);
  const c = single ? new Float32Array(n * n) : new Float64Array(n * n);
  const args = { a, b, c, m: n, n, k: n, transA: false, transB: false, batch: 1 };
  const full = { ...args, strideA: n * n, strideB: n * n, strideC: n * n, accumulate: false };
  return () => kernels.matmul(full);
}

/**
 * The overhead figures of one kernel setting, measured in this process (a child started with
 * PHYSML_KERNELS set, so that the JIT has seen no other kernels): median and fastest repeat.
 */
function overheadFigures(repeats: number): Record<string, [number, number]> {
  const [keyA, keyB, keyM] = split(makeKey(7), 3);
  const a16 = T.tensor(uniform(keyA, 16));
  const b16 = T.tensor(uniform(keyB, 16));
  const [keyP, keyQ] = split(keyM, 2);
  const p = T.tensor(uniform(keyP, 16), { shape: [4, 4] });
  const q = T.tensor(uniform(keyQ, 16), { shape: [4, 4] });
  const kernel = matmulCall(getKernels(), 4, false, keyM);
  const calls = 20_000;
  const figures: Record<string, [number, number]> = {};
  for (const [label, fn] of [
    ['T.add, 16 entries (float64)', () => T.add(a16, b16)],
    ['T.matmul, 4×4 · 4×4 (float64)', () => T.matmul(p, q)],
    ['kernels.matmul, 4×4 · 4×4 (float64)', kernel],
  ] as const) {
    const timing = measure(
      () => {
        for (let i = 0; i < calls; i++) fn();
      },
      { warmup: 3, repeats },
    );
    figures[label] = [(1000 * timing.medianMs) / calls, (1000 * timing.minMs) / calls];
  }
  return figures;
}

function overheadTable(repeats: number): string {
  const rows: string[][] = [];
  for (const setting of ['auto', 'js', 'wasm']) {
    const child = spawnSync(
      process.execPath,
      ['--import', 'tsx', fileURLToPath(import.meta.url), '--overhead-child', String(repeats)],
      { env: { ...process.env, PHYSML_KERNELS: setting }, encoding: 'utf8' },
    );
    if (child.status !== 0) throw new Error(`bench/small-ops: the ${setting} child failed:\n${child.stderr}`);
    const figures = JSON.parse(child.stdout.trim().split('\n').pop() ?? '{}') as Record<
      string,
      [number, number]
    >;
    const name = kernelsForSetting(setting).name;
    for (const [label, [medianUs, minUs]] of Object.entries(figures))
      rows.push([label, `${name} (PHYSML_KERNELS=${setting})`, format(medianUs), format(minUs)]);
  }
  return markdownTable(
    ['operation', 'kernels', 'µs per call (median)', 'µs per call (fastest repeat)'],
    rows,
  );
}

function crossoverTables(repeats: number): string {
  const key = makeKey(11);
  const matmulRows: string[][] = [];
  for (const single of [false, true])
    for (const n of [4, 8, 12, 16, 24, 32, 48, 64]) {
      const calls = Math.max(10, Math.round(2e6 / (n * n * n)));
      const js = microseconds(matmulCall(jsKernels, n, single, key), calls, repeats);
      const wasm = microseconds(matmulCall(wasmKernels, n, single, key), calls, repeats);
      matmulRows.push([
        `${n}³ ${single ? 'float32' : 'float64'}`,
        format(js),
        format(wasm),
        `${(js / wasm).toFixed(2)}×`,
      ]);
    }
  const reduceRows: string[][] = [];
  for (const n of [256, 1024, 4096, 16_384, 65_536, 262_144]) {
    const x = uniform(key, n);
    const y = uniform(split(key, 2)[1], n);
    const calls = Math.max(5, Math.round(2e6 / n));
    for (const [label, run] of [
      ['sum, 1 row', (k: Kernels) => k.sum({ x, out: new Float64Array(1), outer: 1, length: n, inner: 1 })],
      [
        'sum, 8 columns',
        (k: Kernels) => k.sum({ x, out: new Float64Array(8), outer: 1, length: n / 8, inner: 8 }),
      ],
      ['max, 1 row', (k: Kernels) => k.max({ x, out: new Float64Array(1), outer: 1, length: n, inner: 1 })],
      ['dot', (k: Kernels) => k.dot(x, y, n)],
    ] as const) {
      const js = microseconds(() => run(jsKernels), calls, repeats);
      const wasm = microseconds(() => run(wasmKernels), calls, repeats);
      reduceRows.push([
        `${label}, n = ${n} (float64)`,
        format(js),
        format(wasm),
        `${(js / wasm).toFixed(2)}×`,
      ]);
    }
  }
  const headers = ['case', 'js-blocked µs', 'wasm-simd µs', 'js ÷ wasm'];
  return `${markdownTable(headers, matmulRows)}\n\n${markdownTable(headers, reduceRows)}`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const child = process.argv.indexOf('--overhead-child');
  if (child >= 0) {
    console.log(JSON.stringify(overheadFigures(Number(process.argv[child + 1]))));
    process.exit(0);
  }
  const repeats = process.argv.includes('--quick') ? 3 : 9;
  console.log(`Node ${process.version}\n`);
  console.log(overheadTable(repeats));
  console.log('');
  console.log(crossoverTables(repeats));
}
