/**
 * Samplers (BlackJAX style: a factory returning `{ init, step }` with plain-record states) and
 * the chain driver. Every sampler targets p(x) ∝ exp(−U(x)/T); at T = 0 the Langevin family
 * turns into the optimizers of `src/optim` (ULA is gradient descent, underdamped Langevin the
 * heavy ball, SGLD is SGD).
 */

export {
  acceptanceProbabilityFromLogRatio,
  acceptProposal,
  metropolisLogRatio,
} from './acceptance.js';
export {
  type DiscreteEnergyTable,
  type DiscreteEnergyTableOptions,
  discreteEnergyTable,
} from './discrete-energy-table.js';
export {
  type DiscreteMetropolis,
  type DiscreteMetropolisInfo,
  type DiscreteMetropolisOptions,
  type DiscreteMetropolisState,
  discreteMetropolis,
} from './discrete-metropolis.js';
export {
  type ConditionalEnergies,
  type GibbsInfo,
  type GibbsOptions,
  type GibbsSampler,
  type GibbsState,
  gibbsSampler,
  MAX_ENUMERATED_CONFIGURATIONS,
} from './gibbs.js';
export * from './hmc/index.js';
export { type MalaInfo, type MalaOptions, mala } from './mala.js';
export {
  type MetropolisHastingsInfo,
  type MetropolisHastingsOptions,
  type MetropolisHastingsState,
  metropolisHastings,
  type Proposal,
} from './metropolis-hastings.js';
export { type MinibatchGradientOptions, minibatchGradient } from './minibatch-gradient.js';
export {
  type LangevinInfo,
  type LangevinState,
  type OverdampedLangevinOptions,
  overdampedLangevin,
} from './overdamped-langevin.js';
export {
  geometricLadder,
  type ParallelTempering,
  type ParallelTemperingInfo,
  type ParallelTemperingOptions,
  type ParallelTemperingState,
  parallelTempering,
} from './parallel-tempering.js';
export { type RandomWalkMetropolisOptions, randomWalkMetropolis } from './random-walk-metropolis.js';
export {
  type ChainResult,
  coordinateChains,
  type MultiChainResult,
  type SampleChainOptions,
  sampleChain,
  sampleChains,
} from './run-chain.js';
export type { SamplerInfo, SamplerState, SamplingAlgorithm } from './sampler.js';
export { type SghmcOptions, type SghmcState, sghmc } from './sghmc.js';
export {
  type SgldOptions,
  type StochasticGradientInfo,
  type StochasticGradientState,
  sgld,
} from './sgld.js';
export {
  type SimulatedAnnealingInfo,
  type SimulatedAnnealingOptions,
  type SimulatedAnnealingState,
  simulatedAnnealing,
} from './simulated-annealing.js';
export type { DifferentiableEnergy, PotentialEnergy, StochasticGradient } from './target.js';
export {
  type UnderdampedLangevinInfo,
  type UnderdampedLangevinOptions,
  type UnderdampedLangevinState,
  underdampedLangevin,
} from './underdamped-langevin.js';
