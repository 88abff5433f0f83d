/**
 * Resident copies of tensors in WebAssembly memory (src/core/kernels/wasm/resident-copies.ts)
 * against copying every operand per call, in the same run: one training step of an MLP written
 * with tensor ops (forward, reverse-mode gradient, plain gradient update), whose products and
 * sums go to the WebAssembly kernels.
 *
 *   node --import tsx bench/resident-copies.ts [--rounds 3] [--repeats 9]
 *   node --import tsx bench/resident-copies.ts --quick    # 1 round of 3 steps, to check that it runs
 *
 * Both sides run the same kernels build on their own instance; the per-call side is a runtime
 * without the resident region (what every call did before). Reported: milliseconds per step,
 * bytes copied into WebAssembly memory per step, and the memory each instance holds after the
 * run. The final weights must be bit-identical or the script exits with status 1.
 */
import { valueAndGrad } from '../src/core/autodiff/index.js';
import { type Kernels, wasmKernels, withKernels } from '../src/core/kernels/index.js';
import { wasmMultiplyAdd } from '../src/core/kernels/wasm/multiply-add-variant.js';
import type { WasmRuntime } from '../src/core/kernels/wasm/runtime.js';
import { wasmResidentStats, wasmRuntime, wasmRuntimeOfVariant } from '../src/core/kernels/wasm/runtime.js';
import { wasmMatmul } from '../src/core/kernels/wasm/wasm-matmul.js';
import { wasmReduce } from '../src/core/kernels/wasm/wasm-reductions.js';
import { makeKey, normal, split } from '../src/core/random/index.js';
import * as T from '../src/core/tensor/index.js';
import { kernelLabel, markdownTable, measure, median } from './harness.js';

const argv = process.argv.slice(2);
function option(name: string, fallback: number): number {
  const at = argv.indexOf(name);
  if (at < 0) return fallback;
  const value = Number(argv[at + 1]);
  if (!(Number.isInteger(value) && value > 0))
    throw new Error(`bench/resident-copies: ${name} must be an integer > 0`);
  return value;
}
const quick = argv.includes('--quick');
const rounds = option('--rounds', quick ? 1 : 3);
const repeats = option('--repeats', quick ? 3 : 9);

const BATCH = 4096;
const SIZES = [16, 128, 128, 128, 1];

/** Copies in bytes per call: a kernels object over a runtime without resident copies. */
function perCallKernels(): { kernels: Kernels; runtime: WasmRuntime; copied: () => number } {
  const full = wasmRuntimeOfVariant(wasmMultiplyAdd());
  if (full === undefined) throw new Error('bench/resident-copies: the WebAssembly kernels do not load here');
  const runtime: WasmRuntime = { exports: full.exports, arena: full.arena };
  let bytes = 0;
  const kernels: Kernels = {
    ...wasmKernels,
    name: 'wasm, copies per call',
    matmul(args) {
      const width = args.a instanceof Float32Array && args.b instanceof Float32Array ? 4 : 8;
      const { m, n, k, batch, strideA, strideB } = args;
      bytes += width * ((batch - 1) * (strideA + strideB) + m * k + k * n);
      wasmMatmul(runtime, args);
    },
    sum(args) {
      bytes += args.x.BYTES_PER_ELEMENT * args.outer * args.length * args.inner;
      wasmReduce(runtime, 'sum', args);
    },
  };
  return { kernels, runtime, copied: () => bytes };
}

/** A training loop: `step()` takes one gradient step; `weights()` gives the current weights. */
function trainer() {
  const keys = split(makeKey(21), SIZES.length);
  const x = T.tensor(normal(keys[0], BATCH * SIZES[0]), { shape: [BATCH, SIZES[0]] });
  const target = T.tensor(normal(keys[0], BATCH), { shape: [BATCH, 1] });
  let weights = SIZES.slice(1).map((out, i) =>
    T.tensor(normal(keys[i + 1], SIZES[i] * out, { std: 1 / Math.sqrt(SIZES[i]) }), {
      shape: [SIZES[i], out],
    }),
  );
  const loss = valueAndGrad(
    (...ws: T.Tensor[]) => {
      let h = x;
      ws.forEach((w, i) => {
        h = T.matmul(h, w);
        if (i < ws.length - 1) h = T.tanh(h);
      });
      return T.mean(T.square(T.sub(h, target)));
    },
    { argnums: weights.map((_, i) => i) },
  );
  return {
    step() {
      const [, grads] = loss(...weights);
      weights = weights.map((w, i) => T.sub(w, T.mul((grads as T.Tensor[])[i], 1e-3)));
    },
    weights: () => weights.map((w) => w.data),
  };
}

const perCall = perCallKernels();
const a = trainer();
const b = trainer();
wasmRuntime();
const rows: string[][] = [];
const perCallMs: number[] = [];
const residentMs: number[] = [];
let perCallBytes = 0;
let residentBytes = 0;
for (let round = 0; round < rounds; round++) {
  const copiedBefore = perCall.copied();
  const perCallTiming = withKernels(perCall.kernels, () => measure(() => a.step(), { repeats }));
  perCallBytes = (perCall.copied() - copiedBefore) / (repeats + 2);
  const statsBefore = wasmResidentStats();
  const residentTiming = withKernels(wasmKernels, () => measure(() => b.step(), { repeats }));
  const statsAfter = wasmResidentStats();
  residentBytes = ((statsAfter?.bytesCopiedIn ?? 0) - (statsBefore?.bytesCopiedIn ?? 0)) / (repeats + 2);
  perCallMs.push(perCallTiming.medianMs);
  residentMs.push(residentTiming.medianMs);
}
const wa = a.weights();
const wb = b.weights();
const identical = wa.every((w, i) => w.length === wb[i].length && w.every((v, j) => Object.is(v, wb[i][j])));
const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(2);
rows.push([
  'per call (before)',
  median(perCallMs).toFixed(2),
  perCallMs.map((v) => v.toFixed(2)).join(' / '),
  mib(perCallBytes),
  mib(perCall.runtime.arena.byteLength),
]);
rows.push([
  'resident copies',
  median(residentMs).toFixed(2),
  residentMs.map((v) => v.toFixed(2)).join(' / '),
  mib(residentBytes),
  mib(wasmRuntime().arena.byteLength),
]);
console.log(
  `MLP ${SIZES.join('→')} tanh, batch ${BATCH}, tensor ops + reverse mode; kernels: ${kernelLabel()}; ${rounds} rounds × median of ${repeats} steps\n`,
);
console.log(
  markdownTable(
    [
      'operands',
      'ms per step (median of rounds)',
      'each round',
      'MiB copied in per step',
      'MiB of memory held',
    ],
    rows,
  ),
);
console.log(`\nper call ÷ resident, time per step: ${(median(perCallMs) / median(residentMs)).toFixed(2)}×`);
const stats = wasmResidentStats();
if (stats !== undefined)
  console.log(
    `resident region: ${mib(stats.residentBytes)} of ${mib(stats.capacity)} MiB in use; ${stats.hits} hits, ${stats.misses} copies`,
  );
console.log(`final weights bit-identical: ${identical}`);
if (!identical) process.exitCode = 1;
