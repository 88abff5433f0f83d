/**
 * Runnable experiments: the framework, the registry and the experiments themselves.
 */

export { cyclicalLr, fractionWithError, plateauTrapLandscape } from './cyclical-lr.js';
export { denseCapacityTheory, denseMemory } from './dense-memory.js';
export { doubleWellAnnealing } from './double-well-annealing.js';
export { ebm2d } from './ebm-2d.js';
export { EQUIVARIANCE_LIMIT, egnnExperiment } from './egnn.js';
export * from './framework/index.js';
export { fittedSlope, gradientFlow } from './gradient-flow.js';
export { hmcExperiment } from './hmc.js';
export { HNN_ENERGY_RATIO_LIMITS, HNN_SYSTEMS, hnn } from './hnn.js';
export {
  BREAK_OVERLAP,
  crossingLoad,
  hopfieldCapacity,
  loadGrid,
  weightedLine,
} from './hopfield-capacity.js';
export { hopfieldRecall } from './hopfield-recall.js';
export {
  digitPatterns,
  MAX_DIGIT_PATTERNS,
  PSEUDO_INVERSE_DIGITS,
  storedPatternStability,
} from './hopfield-report.js';
export { interactionNetworkExperiment, MOMENTUM_DRIFT_LIMIT } from './interaction-network.js';
export { ISING_CHECK_SIGMAS, ISING_EXPERIMENT_ALGORITHMS, ising, isingReference } from './ising.js';
export { EXACT_AGREEMENT, isingExact } from './ising-exact.js';
export { binderCrossing, CRITICAL_BINDER_CUMULANT, isingPhase } from './ising-phase.js';
export { automaticStepSize, langevinWideNarrow, type WideNarrowDynamics } from './langevin-wide-narrow.js';
export { linearSystem, randomSpdMatrix } from './linear-system.js';
export { fittedRate, momentum } from './momentum.js';
export { optimizerNames, optimizers } from './optimizers.js';
export { orthonormal } from './orthonormal.js';
export { partitionFunction } from './partition-function.js';
export {
  BURGERS_SLOPE_TOLERANCE,
  BURGERS_SOLVER_TOLERANCE,
  PINN_BURGERS_DEFAULT_BOUND,
  pinnBurgers,
} from './pinn-burgers.js';
export { pinnElasticity } from './pinn-elasticity.js';
export { PINN_HEAT_DEFAULT_BOUNDS, pinnHeat } from './pinn-heat.js';
export { pinnInverseHeat } from './pinn-inverse-heat.js';
export { pinnPoisson } from './pinn-poisson.js';
export { MNIST_REFERENCE_LOG_LIKELIHOOD, rbm } from './rbm.js';
export { CD_BIAS_STEPS, rbmExact } from './rbm-exact.js';
export { experimentNames, experiments, getExperiment } from './registry.js';
export { spinGlass } from './spin-glass.js';
export { tensorContraction } from './tensor-contraction.js';
export { tspHopfield } from './tsp-hopfield.js';
