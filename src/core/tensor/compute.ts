/**
 * Raw, non-differentiable computations on typed arrays. The autodiff primitives call these
 * for their forward values; nothing here knows about graphs. Matmul and reductions go
 * through the kernel interface so a faster backend can replace them.
 */
export * from './compute-elementwise.js';
export * from './compute-layout.js';
export * from './compute-matmul.js';
export * from './compute-reduce.js';
export { splitAround } from './strided.js';
