/**
 * Restricted Boltzmann machines: Bernoulli–Bernoulli and Gaussian–Bernoulli (unit-variance
 * visible units), trained by CD-k or persistent CD with momentum, weight decay and learning-rate
 * schedules; free energy and conditionals; exact log Z, log-likelihood, visible distribution and
 * gradient by enumeration for small models; annealed importance sampling of log Z with error bars
 * for large ones; the bias of CD-k computed exactly; pseudo-likelihood, reconstruction error,
 * Gibbs samples (fantasy particles) and filters as image arrays.
 *
 * ```ts
 * const data = loadDigits().images;                                  // 1797 × 64, in [0, 1]
 * const rbm = createRbm({ visibleCount: 64, hiddenCount: 100, key: makeKey(0) });
 * const trainer = new RbmTrainer(rbm, data, { learningRate: 0.06, batchSize: 10, key: makeKey(1) });
 * trainer.train(20);                                                 // PCD-1, scikit-learn's rule
 * pseudoLogLikelihood(rbm, data).mean;                               // exact log PL per image
 * const ais = rbmAnnealedImportanceSampling({ rbm, chains: 100, steps: 10_000, key: makeKey(2),
 *   baseVisibleBias: baseRateVisibleBias(data, 64) });
 * ```
 * Energy: E(v, h) = −bᵀv − cᵀh − vᵀWh (Bernoulli) or ½‖v − b‖² − cᵀh − vᵀWh (Gaussian);
 * W is V×H row-major.
 */

export {
  type AnnealingSchedule,
  annealingLadder,
  type RbmAnnealedImportanceSamplingOptions,
  type RbmAnnealedImportanceSamplingResult,
  rbmAnnealedImportanceSampling,
} from './annealed-importance-sampling.js';
export {
  freeEnergies,
  freeEnergy,
  hiddenActivations,
  hiddenProbabilities,
  sampleBernoulliInPlace,
  sampleHidden,
  sampleVisible,
  visibleActivations,
  visibleMeans,
} from './conditionals.js';
export {
  type ContrastiveDivergenceBias,
  type ContrastiveDivergenceBiasEntry,
  contrastiveDivergenceBias,
  MAX_CONTRASTIVE_DIVERGENCE_UNITS,
} from './contrastive-divergence-bias.js';
export {
  type EnumeratedLayer,
  MAX_DISTRIBUTION_UNITS,
  MAX_ENUMERATED_UNITS,
  type RbmGradient,
  type RbmLogLikelihood,
  rbmLogLikelihood,
  rbmLogLikelihoodGradient,
  rbmLogPartitionFunction,
  rbmVisibleDistribution,
} from './exact.js';
export { exponential, logSigmoid, sigmoid, softplus } from './logistic.js';
export {
  type PseudoLogLikelihoodOptions,
  type PseudoLogLikelihoodResult,
  pseudoLogLikelihood,
} from './pseudo-likelihood.js';
export {
  baseRateVisibleBias,
  type CreateRbmOptions,
  cloneRbm,
  createRbm,
  MAX_RBM_UNITS,
  type Rbm,
  type RbmJson,
  type RbmPrecision,
  rbmEnergy,
  rbmFromJSON,
  rbmPrecision,
  rbmToJSON,
  VISIBLE_UNITS,
  type VisibleUnits,
} from './rbm.js';
export {
  type RbmGibbsSamples,
  type RbmGibbsSamplingOptions,
  rbmFilters,
  rbmGibbsSampling,
  rbmReconstructionError,
} from './sampling.js';
export { RbmTrainer } from './trainer.js';
export type { RbmTrainerOptions, RbmTrainingMethod, RbmTrainingState } from './trainer-options.js';
