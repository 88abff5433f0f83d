/**
 * The WebAssembly SIMD kernels as a `Kernels` implementation (`name: 'wasm-simd'`): every call
 * goes to WebAssembly, whatever its size (for tests and comparisons; `autoKernels` is the one
 * to use). Arguments are validated first, exactly as by `jsKernels`.
 *
 * The module is compiled synchronously on the first call (Node, Web Workers); in a browser's
 * main thread, await `loadWasmKernels()` first. Without WebAssembly SIMD every call throws an
 * Error saying so.
 */
import type { FloatArray, Kernels, MatmulArgs, ReduceArgs } from '../kernels.js';
import { validateDotArgs, validateMatmulArgs, validateReduceArgs } from '../validate.js';
import { loadWasmRuntime, wasmRuntime, wasmRuntimeIfAvailable } from './runtime.js';
import { wasmMatmul } from './wasm-matmul.js';
import { wasmDot, wasmReduce } from './wasm-reductions.js';

/** WebAssembly SIMD kernels for every call (`name: 'wasm-simd'`); see the file comment. */
export const wasmKernels: Kernels = Object.freeze({
  name: 'wasm-simd',
  matmul(args: MatmulArgs): void {
    validateMatmulArgs(args);
    wasmMatmul(wasmRuntime(), args);
  },
  sum(args: ReduceArgs): void {
    validateReduceArgs('sum', args);
    wasmReduce(wasmRuntime(), 'sum', args);
  },
  max(args: ReduceArgs): void {
    validateReduceArgs('max', args);
    wasmReduce(wasmRuntime(), 'max', args);
  },
  min(args: ReduceArgs): void {
    validateReduceArgs('min', args);
    wasmReduce(wasmRuntime(), 'min', args);
  },
  dot(x: FloatArray, y: FloatArray, n: number): number {
    validateDotArgs(x, y, n);
    return wasmDot(wasmRuntime(), x, y, n);
  },
});

/**
 * Loads the WebAssembly module asynchronously (the way for a browser's main thread) and
 * resolves to `wasmKernels`, which from then on also serves `autoKernels`.
 * @throws Error (as a rejection) when WebAssembly SIMD is missing.
 */
export async function loadWasmKernels(): Promise<Kernels> {
  await loadWasmRuntime();
  return wasmKernels;
}

/**
 * True when the WebAssembly kernels are loaded or can be loaded synchronously here (Node, Web
 * Workers, after `loadWasmKernels()`); false where WebAssembly SIMD is missing.
 */
export function wasmKernelsAvailable(): boolean {
  return wasmRuntimeIfAvailable() !== undefined;
}
