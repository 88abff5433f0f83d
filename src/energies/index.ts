/**
 * Energies: U(x) = −log p̃(x), the landscapes every optimizer and sampler of physml moves on.
 *
 * Each library energy is a factory taking an options object and returning an `Energy` whose
 * `energyAndGradient(x, gradient)` is analytic and allocates nothing (hot loops call it with
 * preallocated buffers; `gradient` must not alias `x`), with exact `hessianVector` and
 * `hessian`, plus the exact facts its tests and experiments are checked against (minimizers,
 * normalizers, moments, exact samplers, basin probabilities). Any differentiable tensor
 * function becomes an energy through `energyFromTensorFunction` (gradients by autodiff).
 *
 * ```ts
 * const u = rosenbrockEnergy({ dimension: 10 });
 * const g = new Float64Array(10);
 * const value = u.energyAndGradient(x, g);
 * ```
 */

export {
  type BananaEnergy,
  type BananaOptions,
  bananaEnergy,
} from './banana.js';
export {
  type DoubleWellEnergy,
  type DoubleWellOptions,
  doubleWellEnergy,
} from './double-well.js';
export { type Energy, energyFromTensorFunction, gradientOf } from './energy.js';
export { adiabaticRate, doubleWellPassageTime, meanFirstPassageTime } from './first-passage-time.js';
export { type FunnelEnergy, type FunnelOptions, funnelEnergy } from './funnel.js';
export {
  type GaussianEnergy,
  type GaussianEnergyOptions,
  gaussianEnergy,
  type RandomCovariance,
  type RandomCovarianceOptions,
  randomCovariance,
} from './gaussian.js';
export {
  type LogisticDataSet,
  type LogisticRegressionOptions,
  type LogisticRegressionPosterior,
  logisticRegressionPosterior,
  type SyntheticLogisticOptions,
  syntheticLogisticData,
} from './logistic-regression.js';
export {
  type IllConditionedQuadratic,
  type IllConditionedQuadraticOptions,
  illConditionedQuadratic,
  type QuadraticEnergy,
  type QuadraticEnergyOptions,
  quadraticEnergy,
} from './quadratic.js';
export { integrate, type QuadratureOptions, type QuadratureResult } from './quadrature.js';
export { type RosenbrockEnergy, type RosenbrockOptions, rosenbrockEnergy } from './rosenbrock.js';
export { logSpacedEigenvalues, matrixFromSpectrum, randomOrthogonal } from './spectrum.js';
export {
  type BasinProbabilities,
  type WideNarrowWellEnergy,
  type WideNarrowWellOptions,
  wideNarrowWellEnergy,
} from './wide-narrow-well.js';
