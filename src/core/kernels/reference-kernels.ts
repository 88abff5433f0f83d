/**
 * Naive kernels, written to be obviously correct rather than fast, named `'reference'`.
 * The tests check the fast kernels against these, entry by entry.
 *
 * Conventions (shared by every implementation):
 * - matmul accumulates each entry of C in float64 in order p = 0, 1, …, k−1 and stores it
 *   once; with `strideC = 0` the batch is summed into C.
 * - sum adds left to right in float64 (no compensation: this is the plain definition).
 * - max and min propagate NaN; over an empty axis max is −∞ and min is +∞.
 */
import type { FloatArray, Kernels, MatmulArgs, ReduceArgs } from './kernels.js';
import { validateDotArgs, validateMatmulArgs, validateReduceArgs } from './validate.js';

function referenceMatmul(args: MatmulArgs): void {
  validateMatmulArgs(args);
  const { a, b, c, m, n, k, transA, transB, batch, strideA, strideB, strideC, accumulate } = args;
  for (let index = 0; index < batch; index++) {
    const addToC = accumulate || (strideC === 0 && index > 0);
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        let sum = 0;
        for (let p = 0; p < k; p++) {
          const aEntry = transA ? a[index * strideA + p * m + i] : a[index * strideA + i * k + p];
          const bEntry = transB ? b[index * strideB + j * k + p] : b[index * strideB + p * n + j];
          sum += aEntry * bEntry;
        }
        const at = index * strideC + i * n + j;
        c[at] = addToC ? c[at] + sum : sum;
      }
    }
  }
}

function referenceReduce(
  operation: string,
  args: ReduceArgs,
  start: number,
  combine: (accumulator: number, value: number) => number,
): void {
  validateReduceArgs(operation, args);
  const { x, out, outer, length, inner } = args;
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      let accumulator = start;
      for (let j = 0; j < length; j++) accumulator = combine(accumulator, x[(o * length + j) * inner + i]);
      out[o * inner + i] = accumulator;
    }
  }
}

/** Naive, obviously correct kernels (`name: 'reference'`), for tests; slow on purpose. */
export const referenceKernels: Kernels = Object.freeze({
  name: 'reference',
  matmul: referenceMatmul,
  sum(args: ReduceArgs): void {
    referenceReduce('sum', args, 0, (s, v) => s + v);
  },
  max(args: ReduceArgs): void {
    // Math.max propagates NaN and Math.max() = −∞.
    referenceReduce('max', args, Number.NEGATIVE_INFINITY, Math.max);
  },
  min(args: ReduceArgs): void {
    referenceReduce('min', args, Number.POSITIVE_INFINITY, Math.min);
  },
  dot(x: FloatArray, y: FloatArray, n: number): number {
    validateDotArgs(x, y, n);
    let sum = 0;
    for (let i = 0; i < n; i++) sum += x[i] * y[i];
    return sum;
  },
});
