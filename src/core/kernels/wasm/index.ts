/**
 * WebAssembly SIMD kernels: `wasmKernels` (every call in WebAssembly), `autoKernels` (the
 * default: TypeScript for tiny calls, WebAssembly for the rest) and their loading.
 */
export { autoKernels } from './auto-kernels.js';
export {
  fusedMultiplyAddSupported,
  type MultiplyAddSetting,
  type MultiplyAddVariant,
  setWasmMultiplyAdd,
  wasmMultiplyAdd,
} from './multiply-add-variant.js';
export { wasmSimdSupported } from './runtime.js';
export { kernelThreads, MATMUL_THREADS_MIN_WORK } from './threaded-hook.js';
export {
  THREADED_MATMUL_TASK,
  type ThreadedMatmulData,
  ThreadedWasmMatmul,
  threadedMatmulHandler,
} from './threaded-matmul.js';
export { loadWasmKernels, wasmKernels, wasmKernelsAvailable } from './wasm-kernels.js';
