/**
 * Fast lattice kernels: bit-packed 2D Ising spins (multispin coding) with word-parallel
 * checkerboard Metropolis sweeps, popcount observables, and worker threads for independent
 * chains and for row-block parallel sweeps of one large lattice.
 *
 * ```ts
 * const lattice = createPackedLattice(1024);
 * randomizeSpins(lattice, new RandomStream(initKey));
 * const chain = packedMetropolis(lattice, sweepKey, { temperature: 2.269 });
 * chain.sweep(100);
 * const { energy, magnetization } = packedEnergyAndMagnetization(lattice);
 * ```
 */

export {
  type RandomWordSource,
  Xoshiro128StarStar,
  type Xoshiro128State,
} from '../core/random/xoshiro128.js';
export { barrierWait, createBarrierWords } from './barrier.js';
export {
  bernoulliLanes,
  binaryExpansionMasks,
  countBitsOfFour,
  type MetropolisClasses,
  metropolisClasses,
  popcount32,
} from './bitwise-logic.js';
export { type PackedChainResult, type PackedChainTask, runPackedChain } from './packed-chain.js';
export {
  assertPackedLatticeSize,
  copyPackedLattice,
  createPackedLattice,
  DEFAULT_MEMORY_FRACTION,
  formatBytes,
  getSpin,
  MAX_PACKED_LATTICE_SIZE,
  type PackedLattice,
  type PackedLatticeOptions,
  packedLatticeBytes,
  packedLatticeView,
  packSpins,
  randomizeSpins,
  setSpin,
  unpackSpins,
} from './packed-lattice.js';
export {
  blockGenerator,
  blockRows,
  type PackedAcceptance,
  type PackedMetropolisOptions,
  type PackedMetropolisSampler,
  type PackedMetropolisSamplerOptions,
  packedAcceptance,
  packedHalfSweep,
  packedMetropolis,
} from './packed-metropolis.js';
export {
  countAntiAlignedBonds,
  countUpSpins,
  type EnergyAndMagnetization,
  packedEnergyAndMagnetization,
} from './packed-observables.js';
export {
  type ParallelPackedMetropolis,
  type ParallelPackedMetropolisOptions,
  parallelPackedMetropolis,
} from './parallel-metropolis.js';
export {
  LatticeWorkerPool,
  type LatticeWorkerPoolOptions,
  MAX_LATTICE_THREADS,
  runPackedChains,
} from './worker-pool.js';
