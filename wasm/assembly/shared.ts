/**
 * Entry of the shared-memory build of every kernel (`scripts/build-wasm.mjs`): the fused MLP
 * passes keep their tape in one shared memory (`src/core/kernels/wasm/threaded-tape-arena.ts`),
 * and worker threads, each with its own instance of this module on that memory, compute blocks
 * of rows of its large products (`matmulRowsF32` / `matmulRowsF64`, bit-identical to the
 * single-thread product for any split) and blocks of entries of its activation and stream
 * passes (`taylorStreams*Part*`; `activationFactors*` on offset pointers).
 */
export * from './index';
export {
  taylorStreamsBackwardPartF32,
  taylorStreamsBackwardPartF64,
  taylorStreamsPartF32,
  taylorStreamsPartF64,
} from './taylor';
export { matmulRowsF32, matmulRowsF64, packABytes, packBBytes, setScratch } from './threaded';
