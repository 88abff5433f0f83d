/**
 * Schedules: plain `step → value` functions for learning rates and temperatures (Optax
 * style). They compose with the optimizers (`scaleByLearningRate(cosineDecay(...))`) and
 * with the samplers (a temperature schedule for annealing).
 */

export {
  type CyclicalOptions,
  type ExpRangeOptions,
  expRange,
  triangular,
  triangular2,
} from './cyclical.js';
export {
  type CosineDecayOptions,
  constant,
  cosineDecay,
  type ExponentialDecayOptions,
  exponentialDecay,
  type PiecewiseConstantOptions,
  piecewiseConstant,
  type StepDecayOptions,
  stepDecay,
} from './decay.js';
export { assertStep, type Schedule } from './schedule.js';
export {
  type CyclicTemperatureOptions,
  cyclicTemperature,
  type GeometricTemperatureOptions,
  geometricTemperature,
  type LinearTemperatureOptions,
  linearTemperature,
} from './temperature.js';
export { type CosineWarmRestartsOptions, cosineWarmRestarts, warmRestartPeriod } from './warm-restarts.js';
