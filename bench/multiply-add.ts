/**
 * The two builds of the WebAssembly matrix products, measured in the same run: `fused`
 * (relaxed SIMD's fused multiply-add, six-row micro-tiles) against `separate` (fixed-width SIMD:
 * a multiply and an add, five-row micro-tiles). Each build runs in its own instance on the same
 * inputs; their repeats are interleaved, so that both see the same machine load.
 *
 *   node --import tsx bench/multiply-add.ts [--repeats 15]
 *   node --import tsx bench/multiply-add.ts --quick       # 3 repeats, to check that it runs
 *
 * Shapes: 64³, 256³, 1024³, and the three products of a PINN layer (4 streams × 4096 points,
 * width 64): H·W (16384×64·64×64), Ḡ·Wᵀ and Hᵀ·Ḡ (64×16384·16384×64); float64 and float32.
 * The two products must agree to round-off (relative 1e-12 in float64, 1e-4 in float32) or
 * the script exits with status 1.
 */
import type { FloatArray } from '../src/core/kernels/index.js';
import {
  fusedMultiplyAddSupported,
  type MultiplyAddVariant,
} from '../src/core/kernels/wasm/multiply-add-variant.js';
import { wasmRuntimeOfVariant } from '../src/core/kernels/wasm/runtime.js';
import { wasmMatmul } from '../src/core/kernels/wasm/wasm-matmul.js';
import { makeKey, split, uniform } from '../src/core/random/index.js';
import { formatRate, markdownTable, median } from './harness.js';

const argv = process.argv.slice(2);
const repeatsAt = argv.indexOf('--repeats');
const repeats = repeatsAt < 0 ? (argv.includes('--quick') ? 3 : 15) : Number(argv[repeatsAt + 1]);
if (!(Number.isInteger(repeats) && repeats > 0))
  throw new Error('bench/multiply-add: --repeats must be an integer > 0');

if (!fusedMultiplyAddSupported()) {
  console.log(
    'This engine lacks relaxed SIMD (Node 20: --experimental-wasm-relaxed-simd): only the separate build runs.',
  );
  process.exit(0);
}

interface Shape {
  label: string;
  m: number;
  n: number;
  k: number;
  transA: boolean;
  transB: boolean;
}

const SHAPES: Shape[] = [
  { label: '64³', m: 64, n: 64, k: 64, transA: false, transB: false },
  { label: '256³', m: 256, n: 256, k: 256, transA: false, transB: false },
  { label: '1024³', m: 1024, n: 1024, k: 1024, transA: false, transB: false },
  { label: 'PINN H·W', m: 16384, n: 64, k: 64, transA: false, transB: false },
  { label: 'PINN Ḡ·Wᵀ', m: 16384, n: 64, k: 64, transA: false, transB: true },
  { label: 'PINN Hᵀ·Ḡ', m: 64, n: 64, k: 16384, transA: true, transB: false },
];
const VARIANTS: MultiplyAddVariant[] = ['separate', 'fused'];
const runtimes = VARIANTS.map((variant) => {
  const runtime = wasmRuntimeOfVariant(variant);
  if (runtime === undefined) throw new Error(`bench/multiply-add: the ${variant} build does not load`);
  return runtime;
});

const rows: string[][] = [];
let agree = true;
let seed = 0;
for (const dtype of ['float64', 'float32'] as const) {
  for (const shape of SHAPES) {
    const { m, n, k, transA, transB } = shape;
    const [ka, kb] = split(makeKey(seed++), 2);
    const make = (values: Float64Array): FloatArray =>
      dtype === 'float32' ? Float32Array.from(values) : values;
    const a = make(uniform(ka, m * k, { low: -1, high: 1 }));
    const b = make(uniform(kb, k * n, { low: -1, high: 1 }));
    const outputs = VARIANTS.map(() =>
      dtype === 'float32' ? new Float32Array(m * n) : new Float64Array(m * n),
    );
    const call = (v: number) =>
      wasmMatmul(runtimes[v], {
        a,
        b,
        c: outputs[v],
        m,
        n,
        k,
        transA,
        transB,
        batch: 1,
        strideA: m * k,
        strideB: k * n,
        strideC: m * n,
        accumulate: false,
      });
    const flops = 2 * m * n * k;
    const inner = Math.max(1, Math.round(2e8 / flops));
    const times: number[][] = VARIANTS.map(() => []);
    for (let v = 0; v < VARIANTS.length; v++) for (let i = 0; i < 2; i++) call(v);
    for (let r = 0; r < repeats; r++) {
      for (let v = 0; v < VARIANTS.length; v++) {
        const start = performance.now();
        for (let i = 0; i < inner; i++) call(v);
        times[v].push((performance.now() - start) / inner);
      }
    }
    let difference = 0;
    let scale = 0;
    for (let i = 0; i < m * n; i++) {
      difference = Math.max(difference, Math.abs(outputs[0][i] - outputs[1][i]));
      scale = Math.max(scale, Math.abs(outputs[0][i]));
    }
    const relative = difference / Math.max(scale, 1e-300);
    if (relative > (dtype === 'float64' ? 1e-12 : 1e-4)) agree = false;
    const rates = times.map((t) => flops / median(t) / 1e6);
    rows.push([
      `${shape.label} ${dtype}`,
      formatRate(rates[0]),
      formatRate(rates[1]),
      `${(rates[1] / rates[0]).toFixed(2)}×`,
      relative.toExponential(1),
    ]);
  }
}
console.log(
  `WebAssembly matrix products, separate against fused multiply-add build; median of ${repeats} interleaved repeats\n`,
);
console.log(
  markdownTable(
    ['shape', 'separate GFLOP/s', 'fused GFLOP/s', 'fused ÷ separate', 'relative difference'],
    rows,
  ),
);
if (!agree) {
  console.log('\nMISMATCH: the two builds differ beyond round-off.');
  process.exitCode = 1;
}
