/**
 * Boltzmann machines (Ackley, Hinton & Sejnowski 1985): fully connected 0/1 units, visible and
 * hidden, E(s) = −Σ_{i<j} W_ij s_i s_j − Σ b_i s_i. Exact log Z, log-likelihood, visible
 * distribution and gradient (positive minus negative phase) by enumeration up to 20 units;
 * Gibbs sweeps; a trainer with the exact gradient or with Gibbs-sampled phases (persistent
 * clamped chains for the data, persistent fantasy chains for the model), resumable from JSON.
 *
 * ```ts
 * const machine = createBoltzmannMachine({ visibleCount: 4, hiddenCount: 2, key: makeKey(0), weightScale: 0.1 });
 * const data = barsAndStripes(2).images;
 * const trainer = new BoltzmannTrainer(machine, data, { gradient: 'exact', learningRate: 0.1, key: makeKey(1) });
 * trainer.train(100);
 * boltzmannLogLikelihood(machine, data).mean;
 * ```
 */

export {
  assertBoltzmannMachine,
  type BoltzmannMachine,
  type BoltzmannMachineJson,
  boltzmannEnergy,
  boltzmannMachineFromJSON,
  boltzmannMachineToJSON,
  type CreateBoltzmannMachineOptions,
  cloneBoltzmannMachine,
  createBoltzmannMachine,
  MAX_BOLTZMANN_UNITS,
} from './boltzmann-machine.js';
export {
  type BoltzmannGradient,
  type BoltzmannLogLikelihood,
  boltzmannLogLikelihood,
  boltzmannLogLikelihoodGradient,
  boltzmannLogPartitionFunction,
  boltzmannVisibleDistribution,
  MAX_BOLTZMANN_ENUMERATED_UNITS,
} from './exact.js';
export {
  type BoltzmannGibbsSamplingOptions,
  boltzmannGibbsSampling,
  boltzmannGibbsSweep,
} from './gibbs-sweep.js';
export { BoltzmannTrainer } from './trainer.js';
export type { BoltzmannTrainerOptions, BoltzmannTrainingState } from './trainer-options.js';
