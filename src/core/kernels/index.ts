/**
 * The kernel layer: the interface every layer above calls, the plain-TypeScript kernels, the
 * WebAssembly SIMD kernels and the dispatching default that picks between them per call, a
 * naive reference implementation for tests, the registry that holds the active one, and the
 * argument checks any new implementation should run first.
 */
export { jsKernels } from './js-kernels.js';
export type { FloatArray, Kernels, MatmulArgs, ReduceArgs } from './kernels.js';
export { referenceKernels } from './reference-kernels.js';
export { defaultKernels, getKernels, kernelsForSetting, setKernels, withKernels } from './registry.js';
export { validateDotArgs, validateMatmulArgs, validateReduceArgs } from './validate.js';
export {
  autoKernels,
  fusedMultiplyAddSupported,
  kernelThreads,
  loadWasmKernels,
  MATMUL_THREADS_MIN_WORK,
  type MultiplyAddSetting,
  type MultiplyAddVariant,
  setWasmMultiplyAdd,
  THREADED_MATMUL_TASK,
  type ThreadedMatmulData,
  ThreadedWasmMatmul,
  threadedMatmulHandler,
  wasmKernels,
  wasmKernelsAvailable,
  wasmMultiplyAdd,
  wasmSimdSupported,
} from './wasm/index.js';
