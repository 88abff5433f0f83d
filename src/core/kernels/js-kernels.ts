/**
 * The default kernels: plain TypeScript, one thread, named `'js-blocked'`.
 *
 * - `matmul`: packed, cache-blocked product with a 4×4 register-blocked micro-kernel
 *   (see `js-matmul.ts`); float32 and float64 storage, any mix; accumulation in float64.
 * - `sum`: compensated summation (about one rounding of the exact sum, see `js-reductions.ts`).
 * - `max` / `min`: NaN propagates; over an empty axis max is −∞ and min is +∞.
 * - `dot`: four float64 lanes.
 *
 * Every call validates its arguments first (O(1)) and throws an Error naming the parameter.
 * Scratch buffers are module-level and reused: a call allocates nothing, and its results do
 * not depend on earlier calls. C must not share memory with A or B, nor `out` with `x`.
 */
import { blockedMatmul } from './js-matmul.js';
import { jsDot, jsMax, jsMin, jsSum } from './js-reductions.js';
import type { FloatArray, Kernels, MatmulArgs, ReduceArgs } from './kernels.js';
import { validateDotArgs, validateMatmulArgs, validateReduceArgs } from './validate.js';

/**
 * The default `Kernels` implementation (`name: 'js-blocked'`): blocked float64-accumulating
 * matmul at a few GFLOP/s on one core, compensated sums, NaN-propagating max and min.
 * With `strideC = 0` a batched matmul sums the batch into C.
 */
export const jsKernels: Kernels = Object.freeze({
  name: 'js-blocked',
  matmul(args: MatmulArgs): void {
    validateMatmulArgs(args);
    blockedMatmul(args);
  },
  sum(args: ReduceArgs): void {
    validateReduceArgs('sum', args);
    jsSum(args);
  },
  max(args: ReduceArgs): void {
    validateReduceArgs('max', args);
    jsMax(args);
  },
  min(args: ReduceArgs): void {
    validateReduceArgs('min', args);
    jsMin(args);
  },
  dot(x: FloatArray, y: FloatArray, n: number): number {
    validateDotArgs(x, y, n);
    return jsDot(x, y, n);
  },
});
