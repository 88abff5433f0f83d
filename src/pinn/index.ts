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
  type Observations,
  type PhysicalParameters,
  type PinnEnergy,
  type PinnProblem,
  physicalParameterCount,
  pinnEnergy,
  pinnLoss,
  pinnProblem,
  type ResidualContext,
  sampleCollocation,
} from './problem.js';
export { type BurgersOptions, burgers, burgersResidual } from './problems/burgers.js';
export {
  type Elasticity2dOptions,
  elasticity2d,
  elasticity2dBodyForce,
  elasticity2dExact,
  planeStress,
  planeStressModuli,
} from './problems/elasticity-2d.js';
export { type Heat1dOptions, heat1d, heat1dExact } from './problems/heat-1d.js';
export { type Heat2dOptions, heat2d, heat2dExact } from './problems/heat-2d.js';
export { type InverseHeatOptions, inverseHeat, inverseHeatConductivity } from './problems/inverse-heat.js';
export { type Poisson2dOptions, poisson2d, poisson2dExact } from './problems/poisson-2d.js';
export {
  BURGERS_STEEPEST_SLOPE,
  BURGERS_STEEPEST_TIME,
  BURGERS_VISCOSITY,
  type BurgersColeHopf,
  type BurgersColeHopfOptions,
  type BurgersValue,
  burgersColeHopf,
} from './reference/burgers-cole-hopf.js';
export {
  type BurgersSpectralOptions,
  type BurgersSpectralSolution,
  solveBurgersSpectral,
} from './reference/burgers-solver.js';
export { type GaussHermiteRule, gaussHermite } from './reference/gauss-hermite.js';
export { type SpaceTimeDomain, spaceTime } from './space-time.js';
export {
  type PinnStepInfo,
  predictWith,
  type TrainPinnOptions,
  type TrainPinnResult,
  trainPinn,
} from './train.js';
export { type SamplingMethod, samplingMethods, unitCubeSample } from './unit-cube.js';
