/**
 * Physics-informed neural networks: domains with interior/boundary sampling, Dirichlet,
 * Neumann, periodic and initial conditions, a residual written by the user from the network's
 * input derivatives (Taylor mode for MLPs, nested autodiff otherwise), the loss as an
 * `Energy`, Adam → L-BFGS training, and errors against a reference.
 */
export {
  type Condition,
  checkCondition,
  type DirichletCondition,
  dirichlet,
  evaluateTarget,
  type InitialCondition,
  initial,
  type NeumannCondition,
  neumann,
  type PeriodicCondition,
  periodic,
  type Target,
} from './conditions.js';
export { type Axis, type Derivatives, type DerivativesOptions, derivativesAt } from './derivatives.js';
export {
  type BoundarySample,
  type Domain,
  type DomainMaps,
  disk,
  interval,
  lShape,
  makeDomain,
  rectangle,
  type SampleOptions,
} from './domain.js';
export { type ErrorReport, errorAgainst, evaluateError, testGrid } from './evaluate.js';
export { asPinnNetwork, mlpNetwork, type PinnNetwork, type TaylorDerivatives } from './network.js';
export {
  type CollocationBatch,
  type ConditionBatch,
  type LossTerms,
  type PinnEnergy,
  type PinnProblem,
  pinnEnergy,
  pinnLoss,
  pinnProblem,
  type ResidualContext,
  sampleCollocation,
} from './problem.js';
export { type Heat1dOptions, heat1d, heat1dExact } from './problems/heat-1d.js';
export { type Poisson2dOptions, poisson2d, poisson2dExact } from './problems/poisson-2d.js';
export { type SpaceTimeDomain, spaceTime } from './space-time.js';
export {
  type PinnStepInfo,
  predictWith,
  type TrainPinnOptions,
  type TrainPinnResult,
  trainPinn,
} from './train.js';
export { type SamplingMethod, samplingMethods, unitCubeSample } from './unit-cube.js';
