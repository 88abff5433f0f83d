/**
 * The numeric core: random keys, tensors and their differentiable ops, autodiff, dense
 * linear algebra (namespaced as `linalg`, whose matrix helpers would clash with tensor ops)
 * and the kernel interface.
 */
export * from './autodiff/index.js';
export * as kernels from './kernels/index.js';
export * as linalg from './linalg/index.js';
export * from './random/index.js';
export * from './tensor/index.js';
