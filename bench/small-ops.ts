/**
 * Small-operation overhead: elementwise ops on 16 entries, the kernel dispatch, and the
 * crossovers that set its thresholds.
 *
 *   node --import tsx bench/small-ops.ts                 # all three tables
 *   node --import tsx bench/small-ops.ts --elementwise   # only the elementwise table
 *   node --import tsx bench/small-ops.ts --quick         # fewer repeats, to check that it runs
 *
 * 1. Elementwise (target: a 16-element elementwise op under 0.5 µs = 500 ns): `T.add`, `T.sub`,
 *    `T.mul` of two 16-entry float64 tensors, a tensor and a number, `T.tanh` and a float32
 *    `T.add`, in ns per call, median over many repeats (and the fastest repeat). Beside each,
 *    measured in the same run: a plain JavaScript loop doing the same op into a new typed
 *    array per call and into a reused one (the floor: arithmetic only), and numpy's same op
 *    on 16-entry arrays (`bench/peers/numpy_small_ops.py`; skipped with a note when python3 or
 *    numpy is missing). Run in a child process so that the JIT has seen nothing else.
 * 2. Overhead of the kernel dispatch: `T.add` of two 16-entry tensors, a 4×4 `T.matmul` and a
 *    bare 4×4 kernel call, under each setting of PHYSML_KERNELS: 'auto' (the default), 'js' and
 *    'wasm' (every call crosses into WebAssembly). Each setting runs in its own child process.
 * 3. Crossovers: time per call of matmul (n×n·n×n), sum (one row of n entries, and n/8 rows
 *    of 8 columns) and dot of length n through 'js-blocked' and 'wasm-simd'. The thresholds of
 *    `src/core/kernels/wasm/auto-kernels.ts` are where 'wasm-simd' starts to win.
 *
 * Tables 2 and 3 give the median over repeats of the mean time of a loop of calls (µs per call).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
import { markdownTable, measure, runPythonPeer } from './harness.js';

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

/** The 16 entries of each operand of the elementwise table (same values for numpy). */
function elementwiseOperands(): [Float64Array, Float64Array] {
  const [keyA, keyB] = split(makeKey(5), 2);
  return [uniform(keyA, 16, { low: -1, high: 1 }), uniform(keyB, 16, { low: -1, high: 1 })];
}

/** Keeps results alive so that the JIT cannot drop the calls being timed. */
let sink = 0;

/** Median and fastest repeat, in ns per call, of `fn` called `calls` times per repeat. */
function nanoseconds(fn: () => FloatArray, calls: number, repeats: number): [number, number] {
  const timing = measure(
    () => {
      let last: FloatArray = fn();
      for (let i = 1; i < calls; i++) last = fn();
      sink += last[0];
    },
    { warmup: 3, repeats },
  );
  return [(1e6 * timing.medianMs) / calls, (1e6 * timing.minMs) / calls];
}

/**
 * One elementwise case: the physml call, and two plain-JavaScript loops doing the same op, one
 * into a new typed array per call (what a naive library pays to allocate) and one into a
 * reused array (the arithmetic alone, the true floor). Written out per case so that every
 * timed function stays monomorphic.
 */
interface ElementwiseCase {
  name: string;
  call: string;
  physml: () => FloatArray;
  fresh: () => FloatArray;
  reused: () => FloatArray;
}

function elementwiseCases(): ElementwiseCase[] {
  const [x, y] = elementwiseOperands();
  const [x32, y32] = [Float32Array.from(x), Float32Array.from(y)];
  const [a, b] = [T.tensor(x), T.tensor(y)];
  const [a32, b32] = [T.tensor(x32, { dtype: 'float32' }), T.tensor(y32, { dtype: 'float32' })];
  const n = 16;
  const out64 = new Float64Array(n);
  const out32 = new Float32Array(n);
  return [
    {
      name: 'add',
      call: 'T.add(a, b)',
      physml: () => T.add(a, b).data,
      fresh: () => {
        const o = new Float64Array(n);
        for (let i = 0; i < n; i++) o[i] = x[i] + y[i];
        return o;
      },
      reused: () => {
        for (let i = 0; i < n; i++) out64[i] = x[i] + y[i];
        return out64;
      },
    },
    {
      name: 'sub',
      call: 'T.sub(a, b)',
      physml: () => T.sub(a, b).data,
      fresh: () => {
        const o = new Float64Array(n);
        for (let i = 0; i < n; i++) o[i] = x[i] - y[i];
        return o;
      },
      reused: () => {
        for (let i = 0; i < n; i++) out64[i] = x[i] - y[i];
        return out64;
      },
    },
    {
      name: 'mul',
      call: 'T.mul(a, b)',
      physml: () => T.mul(a, b).data,
      fresh: () => {
        const o = new Float64Array(n);
        for (let i = 0; i < n; i++) o[i] = x[i] * y[i];
        return o;
      },
      reused: () => {
        for (let i = 0; i < n; i++) out64[i] = x[i] * y[i];
        return out64;
      },
    },
    {
      name: 'mul by a number',
      call: 'T.mul(a, 2.5)',
      physml: () => T.mul(a, 2.5).data,
      fresh: () => {
        const o = new Float64Array(n);
        for (let i = 0; i < n; i++) o[i] = x[i] * 2.5;
        return o;
      },
      reused: () => {
        for (let i = 0; i < n; i++) out64[i] = x[i] * 2.5;
        return out64;
      },
    },
    {
      name: 'number minus',
      call: 'T.sub(1, a)',
      physml: () => T.sub(1, a).data,
      fresh: () => {
        const o = new Float64Array(n);
        for (let i = 0; i < n; i++) o[i] = 1 - x[i];
        return o;
      },
      reused: () => {
        for (let i = 0; i < n; i++) out64[i] = 1 - x[i];
        return out64;
      },
    },
    {
      name: 'tanh',
      call: 'T.tanh(a)',
      physml: () => T.tanh(a).data,
      fresh: () => {
        const o = new Float64Array(n);
        for (let i = 0; i < n; i++) o[i] = Math.tanh(x[i]);
        return o;
      },
      reused: () => {
        for (let i = 0; i < n; i++) out64[i] = Math.tanh(x[i]);
        return out64;
      },
    },
    {
      name: 'add float32',
      call: 'T.add(a, b), float32',
      physml: () => T.add(a32, b32).data,
      fresh: () => {
        const o = new Float32Array(n);
        for (let i = 0; i < n; i++) o[i] = x32[i] + y32[i];
        return o;
      },
      reused: () => {
        for (let i = 0; i < n; i++) out32[i] = x32[i] + y32[i];
        return out32;
      },
    },
  ];
}

/** Measured in this process (a fresh child): per case, physml's and the two loops' ns per call. */
function elementwiseFigures(calls: number, repeats: number): Record<string, [number, number][]> {
  const figures: Record<string, [number, number][]> = {};
  for (const { name, physml, fresh, reused } of elementwiseCases())
    figures[name] = [physml, fresh, reused].map((fn) => nanoseconds(fn, calls, repeats));
  return figures;
}

function nsCell([medianNs, minNs]: [number, number]): string {
  return `${medianNs.toFixed(0)} / ${minNs.toFixed(0)}`;
}

/** numpy's ns per call of the same ops, or a reason it could not run. */
function numpyFigures(
  calls: number,
  repeats: number,
): { numpy: string; results: Record<string, [number, number]> } | string {
  const [x, y] = elementwiseOperands();
  const dir = mkdtempSync(join(tmpdir(), 'physml-small-ops-'));
  try {
    const spec = join(dir, 'spec.json');
    writeFileSync(spec, JSON.stringify({ calls, warmup: 3, repeats, a: Array.from(x), b: Array.from(y) }));
    const script = fileURLToPath(new URL('./peers/numpy_small_ops.py', import.meta.url));
    return runPythonPeer(script, [spec]) as { numpy: string; results: Record<string, [number, number]> };
  } catch (error) {
    return `numpy peer not run: ${(error as Error).message.split('\n')[0]}`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function elementwiseTable(repeats: number): string {
  const calls = 20_000;
  const child = spawnSync(
    process.execPath,
    [
      ...process.execArgv,
      fileURLToPath(import.meta.url),
      '--elementwise-child',
      String(calls),
      String(repeats),
    ],
    { encoding: 'utf8' },
  );
  if (child.status !== 0) throw new Error(`bench/small-ops: the elementwise child failed:\n${child.stderr}`);
  const figures = JSON.parse(child.stdout.trim().split('\n').pop() ?? '{}') as Record<
    string,
    [number, number][]
  >;
  const numpy = numpyFigures(calls, repeats);
  const rows = elementwiseCases().map(({ name, call }) => {
    const [physml, fresh, reused] = figures[name];
    const peer = typeof numpy === 'string' ? undefined : numpy.results[name];
    return [
      `\`${call}\`, 16 entries`,
      nsCell(physml),
      nsCell(fresh),
      nsCell(reused),
      peer === undefined ? 'n/a' : nsCell(peer),
      physml[0] < 500 ? 'yes' : 'no',
    ];
  });
  const table = markdownTable(
    [
      'operation',
      'physml',
      'JS loop, new array per call',
      'JS loop, reused array',
      'numpy',
      'physml median under 500 ns',
    ],
    rows,
  );
  const note = typeof numpy === 'string' ? numpy : `numpy ${numpy.numpy}`;
  return `${table}\n\n(ns per call, median / fastest of ${repeats} repeats of ${calls} calls; ${note})`;
}

function overheadTable(repeats: number): string {
  const rows: string[][] = [];
  for (const setting of ['auto', 'js', 'wasm']) {
    const child = spawnSync(
      process.execPath,
      [...process.execArgv, fileURLToPath(import.meta.url), '--overhead-child', String(repeats)],
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
  const elementwiseChild = process.argv.indexOf('--elementwise-child');
  if (elementwiseChild >= 0) {
    const [calls, repeats] = process.argv.slice(elementwiseChild + 1).map(Number);
    console.log(JSON.stringify(elementwiseFigures(calls, repeats)));
    if (!Number.isFinite(sink)) console.error('(sink)');
    process.exit(0);
  }
  const quick = process.argv.includes('--quick');
  const repeats = quick ? 3 : 9;
  console.log(`Node ${process.version}\n`);
  console.log(elementwiseTable(quick ? 5 : 41));
  if (process.argv.includes('--elementwise')) process.exit(0);
  console.log('');
  console.log(overheadTable(repeats));
  console.log('');
  console.log(crossoverTables(repeats));
}
