/**
 * The Ising model: 1D chains and 2D square lattices (periodic or open, coupling J, field h),
 * four update algorithms and a simulation driver with honest error bars and checkpoints.
 *
 * ```ts
 * const model = isingModel({ dimension: 2, length: 16, coupling: 1, field: 0 });
 * const lattice = createIsingLattice(model, { initial: 'random', key: makeKey(1) });
 * const stream = new RandomStream(makeKey(2));
 * metropolisSweep(lattice, 2.0, stream);           // or heatBathSweep, wolffSweep, swendsenWangSweep
 *
 * const result = simulateIsing({ model, temperature: 2.0, algorithm: 'wolff',
 *   sweeps: 10_000, burnIn: 1_000, key: makeKey(3) });
 * result.observables.absMagnetizationPerSpin;      // { mean, stderr }
 * ```
 * Energy convention: H = −J Σ_<ij> s_i s_j − h Σ s_i. Exact references live in `exact/`.
 */

export {
  assertIsingAlgorithm,
  ISING_ALGORITHMS,
  type IsingAlgorithm,
  type IsingRandomSource,
  type IsingSweep,
  type IsingSweepStats,
  isingSweepFunction,
} from './algorithm.js';
export { heatBathSiteUpdate, heatBathSweep, heatBathTable } from './heat-bath.js';
export {
  createIsingLattice,
  type IsingInitialState,
  type IsingLattice,
  type IsingLatticeOptions,
  isingBondSum,
  isingEnergy,
  isingMagnetization,
  isingNeighborSum,
} from './lattice.js';
export {
  metropolisAcceptanceTable,
  metropolisSiteUpdate,
  metropolisSweep,
  metropolisTableIndex,
} from './metropolis.js';
export {
  type IsingBoundary,
  type IsingModel,
  type IsingModelOptions,
  isingBondCount,
  isingCoordination,
  isingMemoryBytes,
  isingModel,
  MAX_ISING_SITES,
} from './model.js';
export {
  type IsingProgress,
  IsingSimulation,
  type ResumeIsingOptions,
  resumeIsingSimulation,
  type SimulateIsingOptions,
  simulateIsing,
  startIsingSimulation,
} from './simulate.js';
export type { IsingSimulationResult } from './simulation-result.js';
export {
  decodeSpins,
  encodeSpins,
  ISING_CHECKPOINT_FORMAT,
  type IsingSimulationState,
  type IsingSweepTotals,
} from './simulation-state.js';
export { swendsenWangSweep } from './swendsen-wang.js';
export { clusterBondProbability, type WolffOptions, wolffSweep } from './wolff.js';
