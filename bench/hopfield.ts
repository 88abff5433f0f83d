/**
 * Hopfield benchmark: synchronous recall at N = 4096 with 200 Hebbian patterns (float32
 * weights) against numpy in the same run, and the memory of the N = 8192 weight matrix.
 *
 *   node --import tsx bench/hopfield.ts            # N = 4096 (about a minute)
 *   node --import tsx bench/hopfield.ts --quick    # N = 512, to check that it runs
 *
 * Figures, all in neuron updates per second (one update = one neuron's sign of its field):
 * - raw dense step: the field product and the sign, for one probe (a matrix–vector product,
 *   memory-bound) and for a batch of 32 probes (a matrix product, compute-bound) — physml's
 *   `localFields` and `localFieldsBatch` (the SIMD kernels over the couplings held in
 *   WebAssembly memory; the report names the path, see `fieldPath`) against `np.sign(W @ S)`;
 * - recall to convergence of the 32 probes (10% corrupted patterns) and of one probe: physml's
 *   `recallBatch` with dense fields and with `'auto'` (incremental) fields, against numpy with
 *   dense and with incremental fields. Updates = N · Σ steps; both sides run the same dynamics
 *   and the final states and step counts are checked equal.
 * numpy runs pinned to one thread (OPENBLAS_NUM_THREADS = OMP_NUM_THREADS = MKL_NUM_THREADS = 1,
 * the fair peer of one JavaScript thread) and with its default thread count.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, endianness, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import v8 from 'node:v8';
import vm from 'node:vm';
import { residentMatrixOf } from '../src/core/kernels/wasm/resident-matrix.js';
import { wasmRuntimeIfAvailable } from '../src/core/kernels/wasm/runtime.js';
import { fold, makeKey } from '../src/core/random/index.js';
import {
  corruptPattern,
  fieldPath,
  hebbianWeights,
  hopfieldNetwork,
  localFields,
  localFieldsBatch,
  randomPatterns,
  recallBatch,
} from '../src/models/hopfield/index.js';
import { formatRate, markdownTable, measure, median, runPythonPeer, type Timing } from './harness.js';

const PEER = join(dirname(fileURLToPath(import.meta.url)), 'peers', 'hopfield_numpy.py');
const THREAD_VARIABLES = ['OPENBLAS_NUM_THREADS', 'OMP_NUM_THREADS', 'MKL_NUM_THREADS'];

interface PeerOutput {
  numpy: string;
  blas: string;
  threads: number | string;
  build_seconds: number[];
  raw_single: number[];
  raw_batch: number[];
  recall_single: number[];
  recall_batch: number[];
  recall_batch_incremental: number[];
  steps_single: number;
  steps_batch: number[];
  incremental_matches_dense: boolean;
}

interface Settings {
  size: number;
  count: number;
  batch: number;
  corruption: number;
  warmup: number;
  repeats: number;
  memorySize: number;
}

function settingsFor(quick: boolean): Settings {
  return quick
    ? { size: 512, count: 25, batch: 8, corruption: 0.1, warmup: 1, repeats: 3, memorySize: 1024 }
    : { size: 4096, count: 200, batch: 32, corruption: 0.1, warmup: 2, repeats: 7, memorySize: 8192 };
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

/**
 * The memory taken by the N×N Hebbian matrix: arrayBuffers growth while building it, plus the
 * WebAssembly memory it lives in (not counted in arrayBuffers) and the growth of the shared
 * kernels' memory during the build.
 */
function measureWeightMemory(
  size: number,
  count: number,
): { bytes: number; afterGc: number; buildMs: number; residentBytes: number; sharedGrowth: number } {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as () => void;
  const patterns = randomPatterns(makeKey(8192), count, size);
  gc();
  const before = process.memoryUsage().arrayBuffers;
  const sharedBefore = wasmRuntimeIfAvailable()?.arena.byteLength ?? 0;
  const start = performance.now();
  const weights = hebbianWeights(patterns);
  const buildMs = performance.now() - start;
  const bytes = process.memoryUsage().arrayBuffers - before;
  const sharedGrowth = (wasmRuntimeIfAvailable()?.arena.byteLength ?? 0) - sharedBefore;
  gc();
  const afterGc = process.memoryUsage().arrayBuffers - before;
  if (weights.length !== size * size) throw new Error('unexpected weight matrix size');
  const residentBytes = residentMatrixOf(weights)?.memoryBytes ?? 0;
  return { bytes, afterGc, buildMs, residentBytes, sharedGrowth };
}

function rate(updates: number, milliseconds: number): number {
  return updates / (milliseconds / 1000);
}

/** Runs the benchmark, prints the report; false when physml and numpy disagree. */
export function runHopfieldBenchmark(quick = false): boolean {
  if (endianness() !== 'LE')
    throw new Error('bench/hopfield: the binary exchange with numpy assumes little-endian');
  const s = settingsFor(quick);
  const { size, count, batch } = s;
  const patterns = randomPatterns(makeKey(4096), count, size);
  const probes = Array.from({ length: batch }, (_, b) =>
    corruptPattern(fold(makeKey(4097), b), patterns[b], s.corruption),
  );
  const buildStart = performance.now();
  const network = hopfieldNetwork({ weights: hebbianWeights(patterns), patterns });
  const buildMs = performance.now() - buildStart;
  console.error(`built N = ${size}, P = ${count} in ${buildMs.toFixed(0)} ms`);

  // Raw dense steps, from the probes (a step from a fixed state is as costly as any other).
  const initial = new Int8Array(batch * size);
  probes.forEach((probe, b) => {
    initial.set(probe, b * size);
  });
  const states = new Int8Array(batch * size);
  const fields = new Float64Array(batch * size);
  // One probe: the library's own field product (`localFields`: a WebAssembly SIMD
  // matrix–vector kernel over the resident couplings, `fieldPath(network, 1)`), then the sign.
  const singleState = new Float32Array(size);
  const singleFields = new Float64Array(size);
  const rawSingle = measure(
    () => {
      for (let i = 0; i < size; i++) singleState[i] = initial[i];
      localFields(network, singleState, singleFields);
      for (let i = 0; i < size; i++) {
        const h = singleFields[i];
        if (h !== 0) singleState[i] = h > 0 ? 1 : -1;
      }
    },
    { warmup: s.warmup, repeats: s.repeats },
  );
  // The batch: the library's batched field product (`localFieldsBatch`, `fieldPath(network,
  // batch)`), then the sign.
  const rawBatch = measure(
    () => {
      states.set(initial);
      localFieldsBatch(network, states, fields);
      for (let i = 0; i < batch * size; i++) {
        const h = fields[i];
        if (h !== 0) states[i] = h > 0 ? 1 : -1;
      }
    },
    { warmup: s.warmup, repeats: s.repeats },
  );
  const singlePath = fieldPath(network, 1);
  const batchPath = fieldPath(network, batch);
  console.error(
    `raw steps: ${rawSingle.medianMs.toFixed(1)} ms (1 probe, ${singlePath}), ${rawBatch.medianMs.toFixed(1)} ms (${batch}, ${batchPath})`,
  );

  // Full recalls.
  const recallOptions = { mode: 'synchronous', maxSteps: 50, recordTrajectory: false } as const;
  let denseResults = recallBatch(network, probes, { ...recallOptions, fieldUpdate: 'dense' });
  const recallDense = measure(
    () => {
      denseResults = recallBatch(network, probes, { ...recallOptions, fieldUpdate: 'dense' });
    },
    { warmup: 0, repeats: Math.max(2, s.repeats - 2) },
  );
  let autoResults = denseResults;
  const recallAuto = measure(
    () => {
      autoResults = recallBatch(network, probes, recallOptions);
    },
    { warmup: s.warmup, repeats: s.repeats },
  );
  let singleDense = denseResults.slice(0, 1);
  const recallSingleDense = measure(
    () => {
      singleDense = recallBatch(network, probes.slice(0, 1), { ...recallOptions, fieldUpdate: 'dense' });
    },
    { warmup: s.warmup, repeats: s.repeats },
  );
  let singleAuto = singleDense;
  const recallSingleAuto = measure(
    () => {
      singleAuto = recallBatch(network, probes.slice(0, 1), recallOptions);
    },
    { warmup: s.warmup, repeats: s.repeats },
  );
  const batchSteps = denseResults.map((r) => r.steps);
  const totalSteps = batchSteps.reduce((a, b) => a + b, 0);
  let agreed =
    autoResults.every((r, b) => r.steps === batchSteps[b]) &&
    singleAuto[0].steps === singleDense[0].steps &&
    denseResults.every((r) => r.cycleLength === 1);

  // numpy, on the same patterns and probes.
  const directory = mkdtempSync(join(tmpdir(), 'physml-hopfield-'));
  let single: PeerOutput | string;
  let multi: PeerOutput | string;
  try {
    const files = {
      patterns: join(directory, 'patterns.i8'),
      probes: join(directory, 'probes.i8'),
      states: join(directory, 'states.i8'),
    };
    const patternBytes = new Int8Array(count * size);
    patterns.forEach((p, mu) => {
      patternBytes.set(p, mu * size);
    });
    const probeBytes = new Int8Array(batch * size);
    probes.forEach((p, b) => {
      probeBytes.set(p, b * size);
    });
    writeFileSync(files.patterns, patternBytes);
    writeFileSync(files.probes, probeBytes);
    const spec = { size, count, batch, ...files, max_steps: 50, warmup: s.warmup, repeats: s.repeats };
    const specPath = join(directory, 'spec.json');
    writeFileSync(specPath, JSON.stringify(spec));
    single = runPeer(specPath, true);
    if (typeof single !== 'string') {
      const numpyStates = new Int8Array(readFileSync(files.states));
      const sameStates = denseResults.every((r, b) =>
        r.state.every((v, i) => v === numpyStates[b * size + i]),
      );
      const sameSteps = single.steps_batch.every((steps, b) => steps === batchSteps[b]);
      agreed &&=
        sameStates &&
        sameSteps &&
        single.incremental_matches_dense &&
        single.steps_single === singleDense[0].steps;
    }
    multi = runPeer(specPath, false);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }

  const memory = measureWeightMemory(s.memorySize, count);

  // Report.
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
  console.log(
    `Dense field paths (fieldPath): 1 probe ${singlePath}, ${batch} probes ${batchPath}; ` +
      `weight grid: integers × 2^-${network.weightGrid.exponent}, max |k| ${network.weightGrid.maxInteger}, ` +
      `max row Σ|k| ${network.weightGrid.maxRowSum}`,
  );
  console.log(
    `\nN = ${size}, P = ${count} (α = ${(count / size).toFixed(3)}), ${batch} probes at ${100 * s.corruption}% corruption; ` +
      `steps to a fixed point per probe: ${[...new Set(batchSteps)].sort().join('/')} (total ${totalSteps}); ` +
      `Hebbian weights built in ${(buildMs / 1000).toFixed(2)} s` +
      (typeof single === 'string' ? '' : ` (numpy 1 thread: ${single.build_seconds[0].toFixed(2)} s)`),
  );
  const peerRate = (peer: PeerOutput | string, pick: (p: PeerOutput) => number[], updates: number) =>
    typeof peer === 'string' ? undefined : rate(updates, 1000 * median(pick(peer)));
  const row = (
    label: string,
    timing: Timing,
    updates: number,
    pick: (p: PeerOutput) => number[],
    peerUpdates = updates,
  ): string[] => {
    const physml = rate(updates, timing.medianMs);
    const one = peerRate(single, pick, peerUpdates);
    const all = peerRate(multi, pick, peerUpdates);
    return [
      label,
      `${formatRate(physml / 1e6)} (${formatRate(rate(updates, timing.maxMs) / 1e6)}–${formatRate(rate(updates, timing.minMs) / 1e6)})`,
      one === undefined ? 'n/a' : formatRate(one / 1e6),
      one === undefined ? 'n/a' : `${formatRate(physml / one)}`,
      all === undefined ? 'n/a' : formatRate(all / 1e6),
    ];
  };
  const singleSteps = singleDense[0].steps;
  console.log('');
  console.log(
    markdownTable(
      [
        'operation',
        'physml M updates/s (range)',
        'numpy 1 thread',
        'physml ÷ numpy 1 thread',
        'numpy default threads',
      ],
      [
        row('raw dense step, 1 probe (W·s)', rawSingle, size, (p) => p.raw_single),
        row(`raw dense step, ${batch} probes (S·Wᵀ)`, rawBatch, batch * size, (p) => p.raw_batch),
        row('recall, 1 probe, dense fields', recallSingleDense, singleSteps * size, (p) => p.recall_single),
        row(
          'recall, 1 probe, incremental fields (physml auto)',
          recallSingleAuto,
          singleSteps * size,
          (p) => p.recall_single,
        ),
        row(`recall, ${batch} probes, dense fields`, recallDense, totalSteps * size, (p) => p.recall_batch),
        row(
          `recall, ${batch} probes, incremental fields (both sides)`,
          recallAuto,
          totalSteps * size,
          (p) => p.recall_batch_incremental,
        ),
      ],
    ),
  );
  console.log(
    '\nRates are medians (range: slowest–fastest repeat). The "1 probe, incremental" row compares physml\'s ' +
      "incremental fields with numpy's dense recall of that probe (numpy has no single-probe incremental run).",
  );
  const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(1);
  console.log(
    `\nMemory, N = ${s.memorySize} Hebbian weights (P = ${count}): arrayBuffers grew by ${mib(memory.bytes)} MiB while ` +
      `building (${mib(memory.afterGc)} MiB after GC); the matrix's WebAssembly memory: ${mib(memory.residentBytes)} MiB; ` +
      `the shared kernels' memory grew by ${mib(memory.sharedGrowth)} MiB; the float32 matrix is ${mib(4 * s.memorySize ** 2)} MiB. ` +
      `Built in ${(memory.buildMs / 1000).toFixed(1)} s.`,
  );
  if (!agreed)
    console.log('\nMISMATCH: physml and numpy (or physml dense and incremental) ran different dynamics.');
  return agreed;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const ok = runHopfieldBenchmark(process.argv.includes('--quick'));
  process.exitCode = ok ? 0 : 1;
}
