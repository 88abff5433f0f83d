/**
 * The dispatching kernels (`name: 'auto'`), physml's default: each call picks plain
 * TypeScript or WebAssembly SIMD by its size. Tiny operations stay in TypeScript, where a call
 * costs nothing beyond the loop (a WebAssembly call costs the copies in and out, about a
 * microsecond); everything larger goes to WebAssembly when it is available (loaded, or
 * loadable synchronously), and to TypeScript otherwise.
 *
 * The choice depends only on the shape, never on timing, so a given call always takes the
 * same path and its result is bit-identical from run to run. The two paths agree to round-off
 * (float32 products differ most: WebAssembly computes them in float32, TypeScript in float64).
 * The thresholds are measured crossovers (bench/small-ops.ts; Node 20, AMD EPYC Zen 4).
 * Operands beyond 1 GiB stay in TypeScript, so that no single call pins that much
 * WebAssembly memory for good.
 */
import { blockedMatmul } from '../js-matmul.js';
import { jsDot, jsMax, jsMin, jsSum } from '../js-reductions.js';
import type { FloatArray, Kernels, MatmulArgs, ReduceArgs } from '../kernels.js';
import { validateDotArgs, validateMatmulArgs, validateReduceArgs } from '../validate.js';
import { type WasmRuntime, wasmRuntimeIfAvailable } from './runtime.js';
import { threadedMatmulFor } from './threaded-hook.js';
import { wasmMatmul } from './wasm-matmul.js';
import { wasmDot, wasmReduce } from './wasm-reductions.js';

/** Multiply-adds (batch·m·n·k) from which a matmul goes to WebAssembly (measured: it wins from about 8³). */
export const MATMUL_WASM_MIN_WORK = 1024;
/** Entries of x from which sum, max and min go to WebAssembly (a one-row sum wins from about 2048). */
export const REDUCE_WASM_MIN_SIZE = 2048;
/** Length from which dot goes to WebAssembly. */
export const DOT_WASM_MIN_LENGTH = 1024;

/**
 * Operands larger than this (bytes, counted as float64) stay in TypeScript: WebAssembly memory
 * never shrinks, and one huge call would hold that much memory for the rest of the process.
 */
export const WASM_MAX_OPERAND_BYTES = 2 ** 30;

/**
 * The WebAssembly runtime when `args` is large enough to gain from it, else undefined.
 * Matrix–vector products (m = 1 or n = 1) stay in TypeScript: they are bound by memory
 * traffic, which the copies in and out would double.
 */
function matmulRuntime(args: MatmulArgs): WasmRuntime | undefined {
  const { m, n, k, batch, strideA, strideB, strideC } = args;
  if (m <= 1 || n <= 1 || batch * m * n * k < MATMUL_WASM_MIN_WORK) return undefined;
  const entries = (batch - 1) * (strideA + strideB + strideC) + m * k + k * n + m * n;
  if (8 * entries > WASM_MAX_OPERAND_BYTES) return undefined;
  return wasmRuntimeIfAvailable();
}

function reduceRuntime(args: ReduceArgs): WasmRuntime | undefined {
  const size = args.outer * args.length * args.inner;
  if (size < REDUCE_WASM_MIN_SIZE || 8 * size > WASM_MAX_OPERAND_BYTES) return undefined;
  return wasmRuntimeIfAvailable();
}

/** Size-dispatching kernels (`name: 'auto'`); see the file comment. */
export const autoKernels: Kernels = Object.freeze({
  name: 'auto',
  matmul(args: MatmulArgs): void {
    validateMatmulArgs(args);
    const runtime = matmulRuntime(args);
    if (runtime === undefined) blockedMatmul(args);
    else {
      // Large products split by rows when `setKernelThreads` started threads (same result bits).
      const threaded = threadedMatmulFor(args);
      if (threaded === undefined) wasmMatmul(runtime, args);
      else threaded.matmul(args);
    }
  },
  sum(args: ReduceArgs): void {
    validateReduceArgs('sum', args);
    const runtime = reduceRuntime(args);
    if (runtime === undefined) jsSum(args);
    else wasmReduce(runtime, 'sum', args);
  },
  max(args: ReduceArgs): void {
    validateReduceArgs('max', args);
    const runtime = reduceRuntime(args);
    if (runtime === undefined) jsMax(args);
    else wasmReduce(runtime, 'max', args);
  },
  min(args: ReduceArgs): void {
    validateReduceArgs('min', args);
    const runtime = reduceRuntime(args);
    if (runtime === undefined) jsMin(args);
    else wasmReduce(runtime, 'min', args);
  },
  dot(x: FloatArray, y: FloatArray, n: number): number {
    validateDotArgs(x, y, n);
    const runtime =
      n >= DOT_WASM_MIN_LENGTH && 16 * n <= WASM_MAX_OPERAND_BYTES ? wasmRuntimeIfAvailable() : undefined;
    return runtime === undefined ? jsDot(x, y, n) : wasmDot(runtime, x, y, n);
  },
});
