/**
 * Exact results for the Ising model, the references every simulation is checked against:
 * exact enumeration of small lattices (density of states g(B, M), any T, J, h afterwards), the
 * 1D transfer matrix (any length, with a field), Kaufman's finite periodic 2D lattice, and the
 * infinite 2D lattice (Onsager's energy and specific heat, Yang's magnetisation, T_c).
 *
 * ```ts
 * const dos = isingDensityOfStates({ dimension: 2, length: 4 });     // 2^16 states, once
 * exactIsingObservables(dos, 2.0).energyPerSpin;                     // −1.75538028878…
 * kaufmanIsing({ width: 64, temperature: 2.0 }).energyPerSpin;      // → onsagerEnergyPerSpin(2.0)
 * isingChainTransferMatrix({ length: 100, temperature: 1, field: 0.1 }).magnetizationPerSpin;
 * ```
 */

export {
  arithmeticGeometricMean,
  completeEllipticE,
  completeEllipticEFromComplement,
  completeEllipticK,
  completeEllipticKFromComplement,
} from './elliptic.js';
export { type IsingDensityOfStates, isingDensityOfStates, MAX_ENUMERATED_SITES } from './enumeration.js';
export { type KaufmanOptions, type KaufmanResult, kaufmanIsing } from './kaufman.js';
export {
  CRITICAL_TEMPERATURE,
  isingCriticalTemperature,
  onsagerEnergyPerSpin,
  onsagerSpecificHeat,
  yangMagnetization,
} from './onsager.js';
export {
  isingRowTransfer,
  MAX_ROW_TRANSFER_CHAIN,
  MAX_ROW_TRANSFER_WIDTH,
  type RowTransferIsing,
} from './row-transfer.js';
export {
  type ExactIsingObservables,
  type ExactIsingOptions,
  enumerateIsing,
  exactIsingObservables,
} from './thermodynamics.js';
export {
  type ChainTransferMatrixOptions,
  type ChainTransferMatrixResult,
  isingChainTransferMatrix,
} from './transfer-matrix.js';
