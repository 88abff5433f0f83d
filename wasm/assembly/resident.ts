/**
 * Entry of the resident-matrix binary: only the Hopfield field kernels, with no packing
 * scratch, so an instance that holds one large matrix (src/core/kernels/wasm/resident-matrix.ts)
 * carries little besides the matrix itself.
 */
export {
  hopfieldAddRowsExactF32,
  hopfieldAddRowsF32,
  hopfieldMatMulI16,
  hopfieldMatVecExactF32,
  hopfieldMatVecF32,
  hopfieldSymMatVecExactF32,
} from './hopfield';

/** First byte the host may use for the matrix and its vectors. */
export function heapBase(): usize {
  return __heap_base;
}
