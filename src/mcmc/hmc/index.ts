/**
 * Hamiltonian Monte Carlo, the No-U-Turn Sampler and their Stan-style adaptation.
 *
 * ```ts
 * const energy = gaussianEnergy({ covariance });
 * const tuned = warmup((p) => nuts({ energy, ...p }), x0, warmupKey, { numSteps: 500, energy });
 * const sampler = nuts({ energy, stepSize: tuned.stepSize, inverseMassDiagonal: tuned.inverseMassDiagonal });
 * let state = tuned.state;
 * for (let t = 0; t < 1000; t++) [state] = sampler.step(fold(sampleKey, t), state);
 * ```
 */

export {
  type DualAveraging,
  type DualAveragingOptions,
  type DualAveragingState,
  dualAveraging,
} from './adaptation/dual-averaging.js';
export {
  type AcceptanceProbe,
  findReasonableStepSize,
  type LeapfrogProbeOptions,
  leapfrogAcceptanceProbe,
  type StepSizeHeuristicOptions,
} from './adaptation/step-size-heuristic.js';
export {
  type AdaptedParameters,
  type AlgorithmFactory,
  type WarmupOptions,
  type WarmupResult,
  warmup,
} from './adaptation/warmup.js';
export { WelfordVariance } from './adaptation/welford.js';
export {
  type AdaptationWindow,
  type WarmupScheduleOptions,
  warmupSchedule,
} from './adaptation/window-schedule.js';
export { type HmcInfo, type HmcOptions, type HmcState, hmc, hmcInit } from './hmc.js';
export { hamiltonianAcceptanceProbability, isDivergent, metropolisAccept } from './metropolis.js';
export { momentumScales, sampleMomentum, velocity } from './momentum.js';
export { type NutsInfo, type NutsOptions, nuts } from './nuts.js';
export { integrateTrajectory } from './proposal.js';
export { noUTurn, type TreeProposal } from './trajectory.js';
