/**
 * Optimizers as dynamics on an energy U: the zero-temperature members of the family whose
 * T > 0 members are the samplers (gradient descent is Langevin dynamics at T = 0; the heavy
 * ball is underdamped Langevin at T = 0). First-order methods are Optax-style gradient
 * transformations composed with `chain`; L-BFGS, Newton and the heavy-ball dynamics see the
 * energy itself. `minimize` drives either kind (and sequences of them, e.g. Adam → L-BFGS),
 * counts evaluations and explains divergence with the stability bound `η < 2/λmax`.
 */

export { addDecayedWeights } from './add-decayed-weights.js';
export { clipByGlobalNorm } from './clip-by-global-norm.js';
export { type LargestCurvatureOptions, type LargestCurvatureResult, largestCurvature } from './curvature.js';
export {
  type DivergenceDetails,
  DivergenceError,
  type DivergenceReason,
  divergenceMessage,
  divergenceReason,
  formatNumber,
} from './divergence.js';
export {
  type HeavyBallDynamicsOptions,
  type HeavyBallDynamicsState,
  heavyBallDynamics,
  heavyBallDynamicsParameters,
  heavyBallParameters,
} from './heavy-ball-dynamics.js';
export { type HessianVectorSource, hessianVectorOperator } from './hessian-vector.js';
export { type LbfgsOptions, type LbfgsState, lbfgs, lbfgsDirection } from './lbfgs.js';
export {
  type LinePoint,
  type LineSearch,
  type LineSearchResult,
  type ScalarLineSearchResult,
  type StrongWolfeOptions,
  strongWolfe,
  strongWolfeSearch,
} from './line-search.js';
export {
  type MinimizeOptions,
  type MinimizeResult,
  minimize,
  type OptimizerPhase,
  type StepInfo,
  type StopReason,
} from './minimize.js';
export { type NewtonOptions, type NewtonState, newton } from './newton.js';
export {
  asEnergyOptimizer,
  type EnergyOptimizer,
  type EnergyOptimizerStep,
  evaluateIterate,
  type Iterate,
  isEnergyOptimizer,
  type Optimizer,
  toEnergyOptimizer,
} from './optimizer.js';
export {
  type AdamOptions,
  type AdamwOptions,
  adam,
  adamw,
  type GradientDescentOptions,
  gradientDescent,
  heavyBall,
  type MomentumOptions,
  nesterov,
  type RmspropOptions,
  rmsprop,
} from './optimizers.js';
export { type ScaleByAdamOptions, type ScaleByAdamState, scaleByAdam } from './scale-by-adam.js';
export {
  type LearningRate,
  learningRateAt,
  type ScaleByLearningRateState,
  scaleByLearningRate,
} from './scale-by-learning-rate.js';
export { type ScaleByRmsOptions, type ScaleByRmsState, scaleByRms } from './scale-by-rms.js';
export {
  gradientDescentStability,
  heavyBallStability,
  nesterovStability,
  optimalGradientDescent,
  polyakParameters,
  type StabilityCondition,
} from './stability.js';
export { type TraceMomentumOptions, type TraceMomentumState, traceMomentum } from './trace-momentum.js';
export { applyUpdates, chain, type GradientTransformation, named, type StatesOf } from './transform.js';
