/**
 * The kernel layer: the interface every layer above calls, the default plain-TypeScript
 * implementation, a naive reference implementation for tests, the registry that picks the
 * active one, and the argument checks any new implementation should run first.
 */
export { jsKernels } from './js-kernels.js';
export type { FloatArray, Kernels, MatmulArgs, ReduceArgs } from './kernels.js';
export { referenceKernels } from './reference-kernels.js';
export { getKernels, setKernels, withKernels } from './registry.js';
export { validateDotArgs, validateMatmulArgs, validateReduceArgs } from './validate.js';
