/**
 * Matrix-product benchmark: the 'js-blocked', 'wasm-simd' and 'reference' kernels against
 * numpy, measured in the same run on the same input data.
 *
 *   node --import tsx bench/matmul.ts            # 64³, 256³, 1024³ and the PINN shape
 *                                                # 4096×64·64×64, float64 and float32
 *   node --import tsx bench/matmul.ts --quick    # 64³ and the PINN shape only, to check that it runs
 *   node --import tsx bench/matmul.ts --threads-only   # only the 2-thread section (below)
 *
 * Inputs are drawn in TypeScript from a fixed key, written to temporary binary files and read
 * by `bench/peers/numpy_matmul.py`, which writes its product back; the maximum absolute
 * difference from physml's product is printed, so the benchmark also checks correctness
 * (and exits with status 1 on a mismatch). numpy runs twice: pinned to one thread
 * (OPENBLAS_NUM_THREADS = OMP_NUM_THREADS = MKL_NUM_THREADS = 1), the fair peer of one
 * JavaScript thread, and with its default thread count.
 *
 * A last section times the threaded product (`ThreadedWasmMatmul`: row blocks over 2 threads on
 * shared WebAssembly memory) against the single-thread wasm-simd kernel, interleaving their
 * repeats so that both see the same machine load, and also reports CPU-time figures (the busiest
 * thread's CPU time, from /proc on Linux) where the wall clock is disturbed by other processes.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, endianness, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  type FloatArray,
  jsKernels,
  type Kernels,
  referenceKernels,
  wasmKernels,
  wasmMultiplyAdd,
} from '../src/core/kernels/index.js';
import { wasmRuntime } from '../src/core/kernels/wasm/runtime.js';
import { startThreadedMatmul } from '../src/core/kernels/wasm/threaded-node.js';
import { makeKey, split, uniform } from '../src/core/random/index.js';
import {
  formatRate,
  gflops,
  markdownTable,
  matmulFlops,
  measure,
  median,
  runPythonPeer,
  type Timing,
} from './harness.js';

type DType = 'float64' | 'float32';

interface BenchCase {
  name: string;
  /** op(A) is m×k, op(B) k×n. */
  m: number;
  n: number;
  k: number;
  dtype: DType;
  kernels: Kernels[];
  warmup: number;
  repeats: number;
}

interface PeerOutput {
  numpy: string;
  blas: string;
  threads: number | string;
  results: { name: string; seconds: number[] }[];
}

const THREAD_VARIABLES = ['OPENBLAS_NUM_THREADS', 'OMP_NUM_THREADS', 'MKL_NUM_THREADS'];
const PEER = join(dirname(fileURLToPath(import.meta.url)), 'peers', 'numpy_matmul.py');

function benchCases(quick: boolean): BenchCase[] {
  const fast = [jsKernels, wasmKernels];
  const cases: BenchCase[] = [];
  const add = (name: string, m: number, n: number, k: number, kernels: Kernels[], repeats: number) => {
    for (const dtype of ['float64', 'float32'] as const) {
      const prefix = dtype === 'float64' ? 'f64' : 'f32';
      cases.push({ name: `${prefix}-${name}`, m, n, k, dtype, kernels, warmup: 2, repeats });
    }
  };
  if (quick) {
    add('64', 64, 64, 64, fast, 5);
    add('pinn', 4096, 64, 64, [wasmKernels], 5);
    return cases;
  }
  add('64', 64, 64, 64, fast, 51);
  add('256', 256, 256, 256, fast, 15);
  cases[cases.length - 2].kernels = [...fast, referenceKernels]; // float64 256³ only: the naive loop is slow
  add('1024', 1024, 1024, 1024, fast, 5);
  add('pinn', 4096, 64, 64, fast, 21);
  return cases;
}

/** "1024³ float32" for a square case, "4096×64·64×64 float32" otherwise. */
function caseLabel(spec: BenchCase): string {
  const { m, n, k, dtype } = spec;
  return m === n && n === k ? `${m}³ ${dtype}` : `${m}×${k}·${k}×${n} ${dtype}`;
}

function allocate(dtype: DType, length: number): FloatArray {
  return dtype === 'float64' ? new Float64Array(length) : new Float32Array(length);
}

/** Wall-clock timings plus the fastest repeat measured by this process's CPU time. */
interface KernelTiming extends Timing {
  /**
   * Fastest repeat by process CPU time (user + system), in milliseconds. On a shared machine
   * the wall clock also counts the time other processes held the core; CPU time does not.
   */
  cpuMinMs: number;
}

function measureWithCpu(fn: () => unknown, options: { warmup: number; repeats: number }): KernelTiming {
  for (let i = 0; i < options.warmup; i++) fn();
  const samplesMs: number[] = [];
  let cpuMinMs = Number.POSITIVE_INFINITY;
  for (let i = 0; i < options.repeats; i++) {
    const cpuBefore = process.cpuUsage();
    const start = performance.now();
    fn();
    samplesMs.push(performance.now() - start);
    const used = process.cpuUsage(cpuBefore);
    cpuMinMs = Math.min(cpuMinMs, (used.user + used.system) / 1000);
  }
  const minMs = Math.min(...samplesMs);
  return { medianMs: median(samplesMs), minMs, maxMs: Math.max(...samplesMs), samplesMs, cpuMinMs };
}

function timeKernel(
  kernels: Kernels,
  a: FloatArray,
  b: FloatArray,
  c: FloatArray,
  spec: BenchCase,
): KernelTiming {
  const { m, n, k } = spec;
  const args = { a, b, c, m, n, k, transA: false, transB: false, batch: 1 };
  const call = () =>
    kernels.matmul({ ...args, strideA: m * k, strideB: k * n, strideC: m * n, accumulate: false });
  // The naive reference is slow: one warm-up and three repeats are enough.
  return measureWithCpu(call, kernels === referenceKernels ? { warmup: 1, repeats: 3 } : spec);
}

/**
 * The two parts of a `wasmKernels.matmul` call, timed apart on the operands it would place in
 * the module's memory: the bare WebAssembly product (the export called directly), and the
 * copies alone (A and B in, C out, as `wasm-matmul.ts` does them).
 */
function timeWasmParts(
  a: FloatArray,
  b: FloatArray,
  c: FloatArray,
  spec: BenchCase,
): { compute: Timing; copies: Timing } {
  const { m, n, k } = spec;
  const { arena, exports } = wasmRuntime();
  const single = spec.dtype === 'float32';
  const bytes = single ? 4 : 8;
  arena.reset();
  const atA = arena.take(m * k * bytes);
  const atB = arena.take(k * n * bytes);
  const atC = arena.take(m * n * bytes);
  arena.commit();
  const view = single ? arena.f32() : arena.f64();
  const copies = measure(() => {
    view.set(a, atA / bytes);
    view.set(b, atB / bytes);
    c.set(view.subarray(atC / bytes, atC / bytes + m * n));
  }, spec);
  const product = single ? exports.matmulF32 : exports.matmulF64;
  const compute = measure(() => product(atA, atB, atC, m, n, k, 0, 0, 1, m * k, k * n, m * n, 0), spec);
  return { compute, copies };
}

function maxAbsoluteDifference(x: FloatArray, y: FloatArray): { difference: number; scale: number } {
  let difference = 0;
  let scale = 0;
  for (let i = 0; i < x.length; i++) {
    difference = Math.max(difference, Math.abs(x[i] - y[i]));
    scale = Math.max(scale, Math.abs(y[i]));
  }
  return { difference, scale };
}

function readProduct(path: string, dtype: DType): FloatArray {
  const bytes = readFileSync(path);
  const copy = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  return dtype === 'float64' ? new Float64Array(copy) : new Float32Array(copy);
}

function runPeer(specPath: string, pinned: boolean): PeerOutput | string {
  try {
    const options = pinned
      ? { env: Object.fromEntries(THREAD_VARIABLES.map((name) => [name, '1'])) }
      : { unset: THREAD_VARIABLES };
    return runPythonPeer(PEER, [specPath], options) as PeerOutput;
  } catch (error) {
    return (error as Error).message;
  }
}

/** Runs the benchmark, prints the report, and returns false if any product disagrees with numpy. */
export function runMatmulBenchmark(quick = false): boolean {
  if (endianness() !== 'LE')
    throw new Error('bench/matmul: the binary exchange with numpy assumes little-endian');
  const cases = benchCases(quick);
  const directory = mkdtempSync(join(tmpdir(), 'physml-matmul-'));
  const keys = split(makeKey(2024), cases.length);
  const products = new Map<string, FloatArray>();
  const rows: { spec: BenchCase; kernel: string; timing: KernelTiming; c: FloatArray }[] = [];
  const copyRows: string[][] = [];
  let agreed = true;
  try {
    const peerCases = cases.map((spec, index) => {
      const { m, n, k } = spec;
      const [keyA, keyB] = split(keys[index], 2);
      const a = allocate(spec.dtype, m * k);
      const b = allocate(spec.dtype, k * n);
      a.set(uniform(keyA, m * k, { low: -1, high: 1 }));
      b.set(uniform(keyB, k * n, { low: -1, high: 1 }));
      for (const kernels of spec.kernels) {
        const c = allocate(spec.dtype, m * n);
        const timing = timeKernel(kernels, a, b, c, spec);
        rows.push({ spec, kernel: kernels.name, timing, c });
        console.error(`${spec.name} ${kernels.name}: ${timing.medianMs.toFixed(2)} ms (median)`);
        if (kernels === wasmKernels) {
          const { compute, copies } = timeWasmParts(a, b, c, spec);
          const flops = matmulFlops(m, n, k);
          copyRows.push([
            caseLabel(spec),
            `${timing.medianMs.toFixed(3)} ms (${formatRate(gflops(flops, timing.medianMs))} GFLOP/s)`,
            `${compute.medianMs.toFixed(3)} ms (${formatRate(gflops(flops, compute.medianMs))} GFLOP/s)`,
            `${copies.medianMs.toFixed(3)} ms (${((100 * copies.medianMs) / timing.medianMs).toFixed(0)}%)`,
          ]);
        }
      }
      const files = { a: join(directory, `${spec.name}.a`), b: join(directory, `${spec.name}.b`) };
      writeFileSync(files.a, new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
      writeFileSync(files.b, new Uint8Array(b.buffer, b.byteOffset, b.byteLength));
      const c = join(directory, `${spec.name}.c`);
      return { name: spec.name, m, n, k, dtype: spec.dtype, ...files, c, warmup: 2, repeats: 10 };
    });
    const specPath = join(directory, 'spec.json');
    writeFileSync(specPath, JSON.stringify({ cases: peerCases }));
    const single = runPeer(specPath, true);
    if (typeof single !== 'string') {
      for (const peerCase of peerCases)
        products.set(peerCase.name, readProduct(peerCase.c, peerCase.dtype as DType));
    }
    const multi = runPeer(specPath, false);
    const peerRate = (peer: PeerOutput | string, spec: BenchCase, fastest = false) => {
      if (typeof peer === 'string') return undefined;
      const result = peer.results.find((r) => r.name === spec.name);
      const seconds = result && (fastest ? Math.min(...result.seconds) : median(result.seconds));
      return seconds && gflops(matmulFlops(spec.m, spec.n, spec.k), 1000 * seconds);
    };
    const table = rows.map(({ spec, kernel, timing, c }) => {
      const flops = matmulFlops(spec.m, spec.n, spec.k);
      const rate = gflops(flops, timing.medianMs);
      const numpySingle = peerRate(single, spec);
      const numpyFastest = peerRate(single, spec, true);
      const cpuRate = gflops(flops, timing.cpuMinMs);
      const numpyMulti = peerRate(multi, spec);
      const numpyProduct = products.get(spec.name);
      let check = 'n/a';
      if (numpyProduct && numpyProduct.length === c.length) {
        const { difference, scale } = maxAbsoluteDifference(c, numpyProduct);
        // float64: both sides round ~k products; float32: numpy accumulates in float32.
        const ok = difference <= (spec.dtype === 'float64' ? 1e-12 : 1e-4) * (1 + scale);
        agreed &&= ok;
        check = `${difference.toExponential(1)}${ok ? '' : ' MISMATCH'}`;
      }
      return [
        caseLabel(spec),
        kernel,
        `${formatRate(rate)} (${formatRate(gflops(flops, timing.maxMs))}–${formatRate(gflops(flops, timing.minMs))})`,
        formatRate(cpuRate),
        `${formatRate(numpySingle)} (${formatRate(numpyFastest)})`,
        numpySingle === undefined ? 'n/a' : `${formatRate(numpySingle / rate)}×`,
        numpyFastest === undefined ? 'n/a' : `${formatRate(numpyFastest / cpuRate)}×`,
        formatRate(numpyMulti),
        check,
      ];
    });
    const cpu = cpus();
    console.log(
      `Machine: ${cpu[0]?.model ?? 'unknown CPU'}, ${cpu.length} logical cores; Node ${process.version}; WebAssembly build: ${wasmMultiplyAdd()} multiply-add`,
    );
    for (const [label, peer] of [
      ['numpy, 1 thread', single],
      ['numpy, default threads', multi],
    ] as const) {
      if (typeof peer === 'string') console.log(`${label}: unavailable (${peer.split('\n')[0]})`);
      else console.log(`${label}: numpy ${peer.numpy}, ${peer.blas}, threads: ${peer.threads}`);
    }
    console.log('');
    console.log(
      markdownTable(
        [
          'size',
          'physml kernel',
          'physml GFLOP/s (range)',
          'physml by CPU time',
          'numpy 1 thread (fastest)',
          'numpy ÷ physml',
          'numpy fastest ÷ physml by CPU time',
          'numpy default threads',
          'max abs difference from numpy',
        ],
        table,
      ),
    );
    console.log(
      [
        '\nGFLOP/s = 2·m·n·k / median wall-clock time; the range is slowest–fastest repeat. "By CPU time":',
        "the fastest repeat timed by this process's CPU time (what the kernel runs at when no other process",
        "takes the core); compare it with numpy's fastest repeat.",
      ].join(' '),
    );
    if (copyRows.length > 0) {
      console.log('\nwasm-simd: the whole call, and its two parts timed apart (medians):\n');
      const headers = [
        'size',
        'wasm-simd call',
        'WebAssembly product only',
        'copies: A, B in, C out (share)',
      ];
      console.log(markdownTable(headers, copyRows));
    }
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
  if (!agreed) console.log('\nMISMATCH: a physml product differs from numpy beyond rounding.');
  return agreed;
}

/** CPU time (ms) of every thread of this process, by thread id (Linux /proc; empty elsewhere). */
function threadCpuMs(): Map<string, number> {
  const times = new Map<string, number>();
  try {
    for (const id of readdirSync('/proc/self/task')) {
      // schedstat: nanoseconds on the CPU, waiting, timeslices.
      const text = readFileSync(`/proc/self/task/${id}/schedstat`, 'utf8');
      times.set(id, Number(text.split(' ')[0]) / 1e6);
    }
  } catch {
    // Not Linux, or a thread ended while being read: no per-thread figures.
  }
  return times;
}

/** The largest CPU time any one thread used between two `threadCpuMs` readings. */
function busiestThreadMs(before: Map<string, number>, after: Map<string, number>): number {
  let busiest = 0;
  for (const [id, ms] of after) busiest = Math.max(busiest, ms - (before.get(id) ?? 0));
  return busiest;
}

interface ThreadedSample {
  wallMs: number[];
  processCpuMs: number[];
  busiestMs: number[];
}

function sampleOnce(fn: () => void, into: ThreadedSample): void {
  const threadsBefore = threadCpuMs();
  const cpuBefore = process.cpuUsage();
  const start = performance.now();
  fn();
  into.wallMs.push(performance.now() - start);
  const used = process.cpuUsage(cpuBefore);
  into.processCpuMs.push((used.user + used.system) / 1000);
  into.busiestMs.push(busiestThreadMs(threadsBefore, threadCpuMs()));
}

/**
 * The 2-thread rows: `ThreadedWasmMatmul` over 2 threads against `wasmKernels` (1 thread) on the
 * same operands, repeats interleaved; checks that both products have the same bits.
 */
export async function runThreadedMatmulBenchmark(quick = false): Promise<boolean> {
  const threads = 2;
  const product = await startThreadedMatmul(threads);
  const shapes: [string, number, number, number, number][] = quick
    ? [['pinn', 4096, 64, 64, 5]]
    : [
        ['128', 128, 128, 128, 41],
        ['256', 256, 256, 256, 21],
        ['512', 512, 512, 512, 11],
        ['1024', 1024, 1024, 1024, 9],
        ['pinn', 4096, 64, 64, 31],
      ];
  const rows: string[][] = [];
  let identical = true;
  const loadBefore = loadavg()[0];
  try {
    const keys = split(makeKey(7), 2 * shapes.length);
    let index = 0;
    for (const [, m, n, k, repeats] of shapes) {
      for (const dtype of ['float32', 'float64'] as const) {
        const [keyA, keyB] = split(keys[index++], 2);
        const a = allocate(dtype, m * k);
        const b = allocate(dtype, k * n);
        a.set(uniform(keyA, m * k, { low: -1, high: 1 }));
        b.set(uniform(keyB, k * n, { low: -1, high: 1 }));
        const cOne = allocate(dtype, m * n);
        const cTwo = allocate(dtype, m * n);
        const shape = { m, n, k, transA: false, transB: false, batch: 1, strideA: m * k, strideB: k * n };
        const one = () => wasmKernels.matmul({ a, b, c: cOne, ...shape, strideC: m * n, accumulate: false });
        const two = () => product.matmul({ a, b, c: cTwo, ...shape, strideC: m * n, accumulate: false });
        for (let i = 0; i < 2; i++) {
          one();
          two();
        }
        const single: ThreadedSample = { wallMs: [], processCpuMs: [], busiestMs: [] };
        const double: ThreadedSample = { wallMs: [], processCpuMs: [], busiestMs: [] };
        for (let i = 0; i < repeats; i++) {
          sampleOnce(one, single);
          sampleOnce(two, double);
        }
        const same = cOne.every((value, i) => Object.is(value, cTwo[i]));
        identical &&= same;
        const flops = matmulFlops(m, n, k);
        const rate = (ms: number) => formatRate(gflops(flops, ms));
        const oneWall = median(single.wallMs);
        const twoWall = median(double.wallMs);
        const oneBusiest = median(single.busiestMs);
        const twoBusiest = median(double.busiestMs);
        rows.push([
          `${m === n && n === k ? `${m}³` : `${m}×${k}·${k}×${n}`} ${dtype}`,
          rate(oneWall),
          rate(twoWall),
          `${(oneWall / twoWall).toFixed(2)}× (${(Math.min(...single.wallMs) / Math.min(...double.wallMs)).toFixed(2)}×)`,
          `${median(single.processCpuMs).toFixed(1)} / ${median(double.processCpuMs).toFixed(1)}`,
          oneBusiest > 0 ? `${(oneBusiest / twoBusiest).toFixed(2)}×` : 'n/a',
          same ? 'yes' : 'NO',
        ]);
        console.error(
          `${dtype} ${m}×${k}·${k}×${n}: 1 thread ${oneWall.toFixed(2)} ms, 2 threads ${twoWall.toFixed(2)} ms`,
        );
      }
    }
  } finally {
    await product.close();
  }
  console.log(
    `\nThreaded product, ${threads} threads (ThreadedWasmMatmul) against wasm-simd, 1 thread; load average ${loadBefore.toFixed(1)} → ${loadavg()[0].toFixed(1)} on ${cpus().length} logical cores:\n`,
  );
  console.log(
    markdownTable(
      [
        'size',
        '1 thread GFLOP/s',
        '2 threads GFLOP/s',
        '2 ÷ 1 threads, wall (fastest)',
        'CPU ms per call, all threads: 1 / 2',
        '2 ÷ 1 threads by busiest thread CPU',
        'same bits',
      ],
      rows,
    ),
  );
  console.log(
    [
      '\nMedians over interleaved repeats. "By busiest thread CPU": the median CPU time of the',
      'busiest thread per call, 1 thread ÷ 2 threads (what the split gives when each thread has a',
      'core; it leaves out the wait for a descheduled thread, which the wall clock includes).',
    ].join(' '),
  );
  if (!identical) console.log('\nMISMATCH: the 2-thread product differs from the 1-thread product.');
  return identical;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const quick = process.argv.includes('--quick');
  const ok = process.argv.includes('--threads-only') || runMatmulBenchmark(quick);
  const threadedOk = await runThreadedMatmulBenchmark(quick);
  process.exitCode = ok && threadedOk ? 0 : 1;
}
