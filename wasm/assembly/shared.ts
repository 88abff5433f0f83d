/**
 * Entry of the shared-memory build of every kernel (`scripts/build-wasm.mjs`): the fused MLP
 * passes keep their tape in one shared memory (`src/core/kernels/wasm/threaded-tape-arena.ts`),
 * and worker threads, each with its own instance of this module on that memory, compute blocks
 * of rows of its large products (`matmulRowsF32` / `matmulRowsF64`, bit-identical to the
 * single-thread product for any split).
 */
export * from './index';
export { matmulRowsF32, matmulRowsF64, packABytes, packBBytes, setScratch } from './threaded';
