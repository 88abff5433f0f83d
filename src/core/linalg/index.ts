/**
 * Dense linear algebra on row-major float64 matrices: factorizations (QR, Cholesky, LU),
 * the symmetric eigensolver, direct and triangular solves, and the Krylov methods
 * (conjugate gradients, Lanczos) that need the operator only as a matrix-vector product.
 */

export { type CholeskyOptions, cholesky, choleskySolve } from './cholesky.js';
export {
  type ConjugateGradientIterationInfo,
  type ConjugateGradientOptions,
  type ConjugateGradientResult,
  conjugateGradient,
  type LinearOperator,
} from './conjugate-gradient.js';
export {
  type EighOptions,
  type EighResult,
  type EighTridiagonalOptions,
  type EighTridiagonalResult,
  eigh,
  eighTridiagonal,
  symmetricEigenvalues,
} from './eigh.js';
export { type LanczosOptions, type LanczosResult, lanczos } from './lanczos.js';
export { determinant, type LuFactorization, logDeterminant, luFactor, luSolve } from './lu.js';
export {
  add,
  assertSymmetric,
  column,
  diagonalMatrix,
  frobeniusNorm,
  fromRows,
  identity,
  type Matrix,
  matrix,
  matVec,
  maxAbs,
  multiply,
  scale,
  subtract,
  transpose,
} from './matrix.js';
export { type QrOptions, type QrResult, qr } from './qr.js';
export { inverse, solve } from './solve.js';
export { type SolveTriangularOptions, solveTriangular } from './triangular.js';
