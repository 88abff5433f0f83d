/**
 * Experiment `tensor-contraction` (seed essay 000): Einstein summation with Kronecker deltas.
 *
 * Index notation is how physicists write linear algebra: a repeated index is summed and
 * δ_ij renames one index into another. physml's `contract` evaluates such expressions on
 * tensors, differentiably. This experiment checks identities that hold exactly:
 * Σ A_ij B_kl δ_jk δ_li = tr(AB), δ_ii = n, δ_ij δ_jk = δ_ik, the 3-index chain
 * T_abc = Σ A_ai B_bj C_ck D_ijk against explicit loops, and ∂ tr(AB)/∂A = Bᵀ by autodiff,
 * and shows how the rounding error of a contraction grows with its size.
 */
import { z } from 'zod';
import { grad } from '../core/autodiff/index.js';
import { fold, normal, split } from '../core/random/index.js';
import * as T from '../core/tensor/index.js';
import { defineExperiment } from './framework/define.js';

function randomTensor(key: Uint32Array, shape: number[]): T.Tensor {
  return T.tensor(
    normal(
      key,
      shape.reduce((p, d) => p * d, 1),
    ),
    { shape },
  );
}

function maxAbsDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

function maxAbs(a: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]));
  return m;
}

/** T_abc = Σ_ijk A_ai B_bj C_ck D_ijk by explicit loops: the slow, obviously right reference. */
function chainByLoops(
  a: T.Tensor,
  b: T.Tensor,
  c: T.Tensor,
  d: T.Tensor,
  n: number,
  m: number,
): Float64Array {
  const out = new Float64Array(m * m * m);
  for (let p = 0; p < m; p++) {
    for (let q = 0; q < m; q++) {
      for (let r = 0; r < m; r++) {
        let s = 0;
        for (let i = 0; i < n; i++) {
          for (let j = 0; j < n; j++) {
            const ab = a.data[p * n + i] * b.data[q * n + j];
            for (let k = 0; k < n; k++) s += ab * c.data[r * n + k] * d.data[(i * n + j) * n + k];
          }
        }
        out[(p * m + q) * m + r] = s;
      }
    }
  }
  return out;
}

/** C = A·B by the naive triple loop, summing in the same order for every size. */
function matmulByLoops(a: T.Tensor, b: T.Tensor, n: number): Float64Array {
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += a.data[i * n + k] * b.data[k * n + j];
      out[i * n + j] = s;
    }
  }
  return out;
}

export const tensorContraction = defineExperiment({
  name: 'tensor-contraction',
  title: 'Tensor contraction with Kronecker deltas',
  description:
    'Evaluates index-notation expressions with contract(): Σ A_ij B_kl δ_jk δ_li = tr(AB), δ_ii = n, ' +
    'δ_ij δ_jk = δ_ik, a three-index chain Σ A_ai B_bj C_ck D_ijk against explicit loops, and the gradient ' +
    '∂ tr(AB)/∂A = Bᵀ through autodiff. It also measures how the rounding error of a contracted matrix ' +
    'product against a naive loop grows with the size n (about ε·√n for random data).',
  params: z.object({
    n: z.number().int().min(1).max(256).default(32).describe('size of every index of the matrices A and B'),
    chainSize: z
      .number()
      .int()
      .min(1)
      .max(16)
      .default(6)
      .describe('size of the indices of the three-index chain'),
    maxSize: z.number().int().min(2).max(512).default(256).describe('largest n in the rounding-error sweep'),
  }),
  metrics: {
    traceIdentityError: { description: '|Σ A_ij B_kl δ_jk δ_li − tr(AB)| / max(1, |tr(AB)|)' },
    deltaTrace: { description: 'δ_ii, which must equal n' },
    deltaCompositionError: { description: 'max |δ_ij δ_jk − δ_ik|' },
    chainError: { description: 'max relative difference of the three-index chain from explicit loops' },
    gradientError: { description: 'max |∂ tr(AB)/∂A − Bᵀ| by reverse-mode autodiff' },
    largestRoundingError: {
      description: 'relative difference of contract("ij,jk->ik") from a naive loop at the largest n',
    },
  },
  tour: { n: 24, chainSize: 5, maxSize: 128 },
  async run(params, context) {
    const { n, chainSize, maxSize } = params;
    const [ka, kb, kc, kd, ke, sweepKey] = split(context.key, 6);
    const a = randomTensor(ka, [n, n]);
    const b = randomTensor(kb, [n, n]);
    const identity = T.delta(n);

    const withDeltas = T.item(T.contract('ij,kl,jk,li->', a, b, identity, identity));
    const trace = T.item(T.trace(T.matmul(a, b)));
    const traceIdentityError = Math.abs(withDeltas - trace) / Math.max(1, Math.abs(trace));
    const deltaTrace = T.item(T.contract('ii->', identity));
    const deltaCompositionError = maxAbsDifference(
      T.contract('ij,jk->ik', identity, identity).data,
      identity.data,
    );
    context.progress(1, 4, 'identities');

    const m = chainSize;
    const ca = randomTensor(kc, [m, m]);
    const cb = randomTensor(kd, [m, m]);
    const cc = randomTensor(ke, [m, m]);
    const d = randomTensor(fold(ke, 1), [m, m, m]);
    const chain = T.contract('ai,bj,ck,ijk->abc', ca, cb, cc, d);
    const loops = chainByLoops(ca, cb, cc, d, m, m);
    const chainError = maxAbsDifference(chain.data, loops) / Math.max(1, maxAbs(loops));
    context.progress(2, 4, 'three-index chain');

    const gradient = grad((x: T.Tensor) => T.contract('ij,ji->', x, b))(a);
    const gradientError = maxAbsDifference(gradient.data, T.transpose(b).data);
    context.progress(3, 4, 'gradient');

    const sizes: number[] = [];
    for (let size = 2; size <= maxSize; size *= 2) sizes.push(size);
    if (sizes[sizes.length - 1] !== maxSize) sizes.push(maxSize);
    const errors = sizes.map((size, index) => {
      const [x, y] = split(fold(sweepKey, index), 2);
      const p = randomTensor(x, [size, size]);
      const q = randomTensor(y, [size, size]);
      const reference = matmulByLoops(p, q, size);
      return maxAbsDifference(T.contract('ij,jk->ik', p, q).data, reference) / maxAbs(reference);
    });
    context.progress(4, 4, 'rounding sweep');

    const largestRoundingError = errors[errors.length - 1];
    const epsilon = Number.EPSILON;
    return {
      metrics: {
        traceIdentityError,
        deltaTrace,
        deltaCompositionError,
        chainError,
        gradientError,
        largestRoundingError,
      },
      reference: {
        traceIdentityError: 0,
        deltaTrace: n,
        deltaCompositionError: 0,
        chainError: 0,
        gradientError: 0,
        largestRoundingError: 'O(ε·n) worst case; ≈ ε·√n for random data',
      },
      checks: [
        { metric: 'traceIdentityError', reference: 0, tolerance: 1e-13, kind: 'absolute' },
        { metric: 'deltaTrace', reference: n, tolerance: 0, kind: 'absolute' },
        { metric: 'deltaCompositionError', reference: 0, tolerance: 0, kind: 'absolute' },
        { metric: 'chainError', reference: 0, tolerance: 1e-13, kind: 'absolute' },
        { metric: 'gradientError', reference: 0, tolerance: 0, kind: 'absolute' },
        { metric: 'largestRoundingError', reference: 0, tolerance: epsilon * maxSize, kind: 'absolute' },
      ],
      plots: [
        {
          kind: 'line',
          title: 'Rounding error of contract("ij,jk->ik") against a naive loop',
          caption:
            'Both sums are exact up to rounding; their difference grows slowly with n, far below the ε·n worst case.',
          x: { title: 'matrix size n', scale: 'log' },
          y: { title: 'max relative difference', scale: 'log' },
          points: true,
          series: [
            { name: 'measured', x: sizes, y: errors.map((e) => Math.max(e, epsilon / 4)) },
            { name: 'ε·√n', x: sizes, y: sizes.map((s) => epsilon * Math.sqrt(s)) },
            { name: 'ε·n (worst case)', x: sizes, y: sizes.map((s) => epsilon * s) },
          ],
        },
        {
          kind: 'heatmap',
          title: 'Gradient ∂ tr(AB)/∂A from autodiff (equals Bᵀ)',
          x: { title: 'column j' },
          y: { title: 'row i' },
          color: { title: '∂ tr(AB)/∂A_ij', scheme: 'diverging' },
          rows: n,
          columns: n,
          values: gradient.data,
        },
      ],
    };
  },
});
