/**
 * Autodiff overhead and memory (issue targets: grad(f)/f < 4× for an MLP loss of ~10⁴
 * parameters; a 1024² matmul with its gradient allocates ≤ 4 matrices of extra memory).
 *
 *   node --expose-gc --import tsx bench/autodiff.ts
 *
 * The peer of each gradient timing is the plain evaluation of the same function, measured
 * in the same run.
 */
import { grad } from '../src/core/autodiff/index.js';
import { noGrad } from '../src/core/autodiff/trace.js';
import { makeKey, normal, split } from '../src/core/random/index.js';
import * as T from '../src/core/tensor/index.js';
import { kernelLabel } from './harness.js';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Median wall time in milliseconds over `repeats` runs after `warmup` runs. */
function time(fn: () => unknown, repeats: number, warmup = 3): number {
  for (let i = 0; i < warmup; i++) fn();
  const samples: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const start = performance.now();
    fn();
    samples.push(performance.now() - start);
  }
  return median(samples);
}

function randomTensor(key: Uint32Array, shape: number[], scale: number): T.Tensor {
  const size = shape.reduce((p, d) => p * d, 1);
  return T.tensor(normal(key, size, { std: scale }), { shape });
}

// An MLP 100 → 64 → 48 → 1 with tanh, batch 256, mean-squared error: 9,633 parameters.
function mlpBenchmark() {
  const sizes = [100, 64, 48, 1];
  const keys = split(makeKey(1), 2 * sizes.length + 2);
  const params: T.Tensor[] = [];
  for (let l = 0; l < sizes.length - 1; l++) {
    params.push(randomTensor(keys[2 * l], [sizes[l], sizes[l + 1]], 1 / Math.sqrt(sizes[l])));
    params.push(randomTensor(keys[2 * l + 1], [sizes[l + 1]], 0.1));
  }
  const count = params.reduce((s, p) => s + p.size, 0);
  const x = randomTensor(keys[keys.length - 2], [256, 100], 1);
  const y = randomTensor(keys[keys.length - 1], [256, 1], 1);
  const loss = (...ps: T.Tensor[]) => {
    let h = x;
    for (let l = 0; l < ps.length / 2; l++) {
      h = T.add(T.matmul(h, ps[2 * l]), ps[2 * l + 1]);
      if (l < ps.length / 2 - 1) h = T.tanh(h);
    }
    return T.mean(T.square(T.sub(h, y)));
  };
  const argnums = params.map((_, i) => i);
  const forward = time(() => noGrad(() => loss(...params)), 30);
  const backward = time(() => grad(loss, { argnums })(...params), 30);
  return { count, forward, backward };
}

// A chain of 1000 small ops (sin, mul, add on a 4-vector): pure per-op overhead.
function chainBenchmark() {
  const x = T.tensor([0.1, 0.2, 0.3, 0.4]);
  const f = (v: T.Tensor) => {
    let h = v;
    for (let i = 0; i < 333; i++) h = T.add(T.mul(T.sin(h), 0.9), 0.01);
    return T.sum(h);
  };
  const forward = time(() => noGrad(() => f(x)), 30);
  const backward = time(() => grad(f)(x), 30);
  return { ops: 333 * 3 + 1, forward, backward };
}

function gc() {
  const g = (globalThis as { gc?: () => void }).gc;
  if (!g) throw new Error('run with node --expose-gc so memory can be measured');
  // Array buffers are released by a later collection than the one that finds them dead.
  for (let i = 0; i < 3; i++) g();
}

// Extra memory of C = A·B, L = ΣC and ∂L/∂A, ∂L/∂B for 1024² float64 matrices.
function memoryBenchmark() {
  const n = 1024;
  const [ka, kb] = split(makeKey(2), 2);
  const a = randomTensor(ka, [n, n], 1);
  const b = randomTensor(kb, [n, n], 1);
  const matrixBytes = n * n * 8;
  // The kernel's packing scratch (a fixed 0.75 MiB per process, whatever the size) is
  // allocated by a first product, so what is measured is the memory of this computation.
  T.matmul(T.ones([512, 512]), T.ones([512, 512]));
  gc();
  const before = process.memoryUsage().arrayBuffers;
  let peak = before;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().arrayBuffers);
  }, 1);
  const grads = grad((p: T.Tensor, q: T.Tensor) => T.sum(T.matmul(p, q)), { argnums: [0, 1] })(a, b);
  clearInterval(sampler);
  const retained = process.memoryUsage().arrayBuffers;
  peak = Math.max(peak, retained);
  // Checks the gradients: ∂ΣC/∂A = 1·Bᵀ (row sums of B), ∂ΣC/∂B = Aᵀ·1 (column sums of A).
  let rowSum = 0;
  for (let j = 0; j < n; j++) rowSum += b.data[j];
  if (Math.abs(grads[0].data[0] - rowSum) > 1e-9 * n)
    throw new Error('wrong gradient in the memory benchmark');
  return {
    retainedMatrices: (retained - before) / matrixBytes,
    peakMatrices: (peak - before) / matrixBytes,
  };
}

const mlp = mlpBenchmark();
const chain = chainBenchmark();
const memory = memoryBenchmark();
console.log(`kernels: ${kernelLabel()}; node ${process.version}`);
console.log('| benchmark | f (ms) | grad f (ms) | ratio grad/f | target |');
console.log('|---|---|---|---|---|');
console.log(
  `| MLP loss, ${mlp.count} parameters, batch 256 | ${mlp.forward.toFixed(3)} | ${mlp.backward.toFixed(3)} | ${(mlp.backward / mlp.forward).toFixed(2)} | < 4 |`,
);
console.log(
  `| chain of ${chain.ops} small ops | ${chain.forward.toFixed(3)} | ${chain.backward.toFixed(3)} | ${(chain.backward / chain.forward).toFixed(2)} | (reported) |`,
);
console.log('');
console.log('| 1024² float64 matmul + gradient | extra memory (in 8 MiB matrices) | target |');
console.log('|---|---|---|');
console.log(`| peak while computing (sampled every 1 ms) | ${memory.peakMatrices.toFixed(2)} | ≤ 4 |`);
console.log(`| retained: C, ∂L/∂C, ∂L/∂A, ∂L/∂B alive | ${memory.retainedMatrices.toFixed(2)} | ≤ 4 |`);
