/** The physml WebAssembly kernels: every export the host calls. */

export {
  addProductF32,
  addProductF64,
  gradientBackwardF32,
  gradientBackwardF64,
  multiplyF32,
  multiplyF64,
} from './input-gradient';
export { matmulF32 } from './matmul-f32';
export { matmulF64 } from './matmul-f64';
export { rbmListedOuterF64, rbmSparseRowsTimesF64, transposeF64 } from './rbm';
export { dotF32, dotF64, maxF32, maxF64, minF32, minF64, sumF32, sumF64 } from './reductions';
export { heapBase } from './scratch';
export {
  activationFactorsF32,
  activationFactorsF64,
  addBiasF32,
  addBiasF64,
  taylorStreamsBackwardF32,
  taylorStreamsBackwardF64,
  taylorStreamsF32,
  taylorStreamsF64,
} from './taylor';
