/**
 * Matrix-product benchmark: the 'js-blocked' and 'reference' kernels against numpy, measured
 * in the same run on the same input data.
 *
 *   node --import tsx bench/matmul.ts            # 256³, 512³, 1024³ float64 and 512³ float32
 *   node --import tsx bench/matmul.ts --quick    # 64³ and 128³ only, to check that it runs
 *
 * Inputs are drawn in TypeScript from a fixed key, written to temporary binary files and read
 * by `bench/peers/numpy_matmul.py`, which writes its product back; the maximum absolute
 * difference from physml's product is printed, so the benchmark also checks correctness
 * (and exits with status 1 on a mismatch). numpy runs twice: pinned to one thread
 * (OPENBLAS_NUM_THREADS = OMP_NUM_THREADS = MKL_NUM_THREADS = 1), the fair peer of one
 * JavaScript thread, and with its default thread count.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, endianness, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type FloatArray, jsKernels, type Kernels, referenceKernels } from '../src/core/kernels/index.js';
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
  size: number;
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
  const both = [jsKernels, referenceKernels];
  if (quick) {
    return [
      { name: 'f64-64', size: 64, dtype: 'float64', kernels: both, warmup: 2, repeats: 5 },
      { name: 'f32-128', size: 128, dtype: 'float32', kernels: [jsKernels], warmup: 2, repeats: 5 },
    ];
  }
  return [
    { name: 'f64-256', size: 256, dtype: 'float64', kernels: both, warmup: 2, repeats: 9 },
    { name: 'f64-512', size: 512, dtype: 'float64', kernels: [jsKernels], warmup: 2, repeats: 7 },
    { name: 'f64-1024', size: 1024, dtype: 'float64', kernels: [jsKernels], warmup: 1, repeats: 5 },
    { name: 'f32-512', size: 512, dtype: 'float32', kernels: [jsKernels], warmup: 2, repeats: 7 },
  ];
}

function allocate(dtype: DType, length: number): FloatArray {
  return dtype === 'float64' ? new Float64Array(length) : new Float32Array(length);
}

function timeKernel(kernels: Kernels, a: FloatArray, b: FloatArray, c: FloatArray, spec: BenchCase): Timing {
  const n = spec.size;
  const args = { a, b, c, m: n, n, k: n, transA: false, transB: false, batch: 1 };
  const call = () =>
    kernels.matmul({ ...args, strideA: n * n, strideB: n * n, strideC: n * n, accumulate: false });
  // The naive reference is slow: one warm-up and three repeats are enough.
  return kernels === referenceKernels ? measure(call, { warmup: 1, repeats: 3 }) : measure(call, spec);
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
  const rows: { spec: BenchCase; kernel: string; timing: Timing; c: FloatArray }[] = [];
  let agreed = true;
  try {
    const peerCases = cases.map((spec, index) => {
      const n = spec.size;
      const [keyA, keyB] = split(keys[index], 2);
      const a = allocate(spec.dtype, n * n);
      const b = allocate(spec.dtype, n * n);
      a.set(uniform(keyA, n * n, { low: -1, high: 1 }));
      b.set(uniform(keyB, n * n, { low: -1, high: 1 }));
      for (const kernels of spec.kernels) {
        const c = allocate(spec.dtype, n * n);
        const timing = timeKernel(kernels, a, b, c, spec);
        rows.push({ spec, kernel: kernels.name, timing, c });
        console.error(`${spec.name} ${kernels.name}: ${timing.medianMs.toFixed(1)} ms (median)`);
      }
      const files = { a: join(directory, `${spec.name}.a`), b: join(directory, `${spec.name}.b`) };
      writeFileSync(files.a, new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
      writeFileSync(files.b, new Uint8Array(b.buffer, b.byteOffset, b.byteLength));
      const c = join(directory, `${spec.name}.c`);
      return { name: spec.name, m: n, n, k: n, dtype: spec.dtype, ...files, c, warmup: 2, repeats: 10 };
    });
    const specPath = join(directory, 'spec.json');
    writeFileSync(specPath, JSON.stringify({ cases: peerCases }));
    const single = runPeer(specPath, true);
    if (typeof single !== 'string') {
      for (const peerCase of peerCases)
        products.set(peerCase.name, readProduct(peerCase.c, peerCase.dtype as DType));
    }
    const multi = runPeer(specPath, false);
    const peerRate = (peer: PeerOutput | string, spec: BenchCase) => {
      if (typeof peer === 'string') return undefined;
      const result = peer.results.find((r) => r.name === spec.name);
      return result && gflops(matmulFlops(spec.size, spec.size, spec.size), 1000 * median(result.seconds));
    };
    const table = rows.map(({ spec, kernel, timing, c }) => {
      const flops = matmulFlops(spec.size, spec.size, spec.size);
      const rate = gflops(flops, timing.medianMs);
      const numpySingle = peerRate(single, spec);
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
        `${spec.size}³ ${spec.dtype}`,
        kernel,
        `${formatRate(rate)} (${formatRate(gflops(flops, timing.maxMs))}–${formatRate(gflops(flops, timing.minMs))})`,
        formatRate(numpySingle),
        numpySingle === undefined ? 'n/a' : `${formatRate(numpySingle / rate)}×`,
        formatRate(numpyMulti),
        check,
      ];
    });
    const cpu = cpus();
    console.log(
      `Machine: ${cpu[0]?.model ?? 'unknown CPU'}, ${cpu.length} logical cores; Node ${process.version}`,
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
          'numpy 1 thread',
          'numpy ÷ physml',
          'numpy default threads',
          'max abs difference from numpy',
        ],
        table,
      ),
    );
    console.log('\nGFLOP/s = 2·n³ / median time; the range is slowest–fastest repeat.');
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
  if (!agreed) console.log('\nMISMATCH: a physml product differs from numpy beyond rounding.');
  return agreed;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const ok = runMatmulBenchmark(process.argv.includes('--quick'));
  process.exitCode = ok ? 0 : 1;
}
