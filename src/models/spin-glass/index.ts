/**
 * Spin glasses: Ising spins with random, frustrated couplings.
 *
 * - Systems: a generic sparse `SpinSystem` (H = −Σ J_ij s_i s_j − Σ h_i s_i) with local-field
 *   bookkeeping, so a flip costs O(degree); Sherrington–Kirkpatrick (Gaussian or ±J/√N
 *   couplings) and Edwards–Anderson (2D/3D periodic, ±J or Gaussian), all drawn from a key.
 * - Frustration: plaquettes of EA lattices, triangles of any graph.
 * - Dynamics: Metropolis and heat-bath sweeps at inverse temperature β; replicas and the
 *   overlap q, P(q), χ_SG and the Binder ratio; simulated annealing and parallel tempering.
 * - Exact results: ground states, degeneracies and P(q) by enumeration (N ≤ 30 / 20).
 * - Size sweeps of the SK ground-state energy and their extrapolation to Parisi's −0.7632.
 *
 * ```ts
 * const sk = sherringtonKirkpatrick({ size: 20, key: makeKey(1) });
 * const exact = exactGroundState(sk);                                   // enumeration, ~20 ms
 * const pt = temperSpins({ system: sk, temperatures: geometricTemperatures(0.2, 1.6, 12),
 *                          sweeps: 2000, targetEnergy: exact.energy, key: makeKey(2) });
 * pt.bestEnergy === exact.energy;  pt.sweepsToTarget;
 * ```
 */

export {
  type EdwardsAndersonFromCouplingsOptions,
  type EdwardsAndersonLatticeOptions,
  type EdwardsAndersonOptions,
  type EdwardsAndersonSystem,
  edwardsAnderson,
  edwardsAndersonFromCouplings,
  neighborSite,
} from './edwards-anderson.js';
export {
  type EnumerationOptions,
  type EnumerationPlan,
  type ExactGroundState,
  type ExactGroundStateOptions,
  exactGroundState,
  forEachEnergyBlock,
  forEachSpinConfiguration,
  MAX_ENUMERATION_SIZE,
  spinsFromCode,
} from './enumeration.js';
export { boltzmannProbabilities, exactOverlapDistribution } from './exact-overlap.js';
export {
  type FrustrationCount,
  frustratedPlaquettes,
  frustratedTriangles,
  isFrustratedLoop,
} from './frustration.js';
export {
  type ExtrapolationOptions,
  extrapolateGroundStateEnergy,
  type GroundStateExtrapolation,
  type GroundStateMethod,
  type GroundStateSizePoint,
  geometricTemperatures,
  type SkGroundStateSweepOptions,
  type SkGroundStateSweepResult,
  skGroundStateSweep,
} from './ground-state-sweep.js';
export {
  type OverlapDistribution,
  type OverlapMoments,
  type OverlapStatistics,
  type OverlapStatisticsOptions,
  overlap,
  overlapStatistics,
} from './overlap.js';
export { type SampleOverlapsOptions, type SampleOverlapsResult, sampleOverlaps } from './replicas.js';
export {
  COUPLING_DISTRIBUTIONS,
  type CouplingDistribution,
  PARISI_GROUND_STATE_ENERGY,
  REPLICA_SYMMETRIC_GROUND_STATE_ENERGY,
  type SherringtonKirkpatrickOptions,
  type SherringtonKirkpatrickSystem,
  sherringtonKirkpatrick,
} from './sherrington-kirkpatrick.js';
export {
  type AnnealingSchedule,
  type AnnealSpinsOptions,
  type AnnealSpinsResult,
  annealSpins,
  typicalLocalField,
} from './spin-annealing.js';
export {
  assignSpinState,
  copySpinState,
  createSpinState,
  flipEnergyChange,
  flipSpin,
  magnetization,
  randomSpinState,
  refreshSpinState,
  type SpinState,
} from './spin-state.js';
export {
  greedyDescent,
  heatBathSweep,
  metropolisSweep,
  SPIN_UPDATE_RULES,
  type SpinUpdateRule,
  spinSweep,
} from './spin-sweeps.js';
export {
  type BondList,
  couplingMatrix,
  localFields,
  type SpinSystem,
  type SpinSystemOptions,
  spinEnergy,
  spinSystem,
  spinSystemFromMatrix,
} from './spin-system.js';
export { type TemperSpinsOptions, type TemperSpinsResult, temperSpins } from './spin-tempering.js';
