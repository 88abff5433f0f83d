/**
 * Learning-rate schedules that decay: constant, step (piecewise constant), exponential and
 * cosine (with an optional linear warmup). All are `step → value` functions (Optax style).
 */
import {
  assertStep,
  factorInUnitInterval,
  integerAtLeast,
  nonNegative,
  positive,
  type Schedule,
} from './schedule.js';

/** The same value at every step. */
export function constant(value: number): Schedule {
  nonNegative(value, 'value', 'constant');
  return (step) => {
    assertStep(step, 'constant');
    return value;
  };
}

/** Options of {@link stepDecay}. */
export interface StepDecayOptions {
  /** The value for steps in [0, decaySteps). */
  initialValue: number;
  /** Multiplies the value every `decaySteps` steps; in (0, 1] (default 0.1). */
  decayFactor?: number;
  /** Steps between two decays (integer ≥ 1). */
  decaySteps: number;
}

/**
 * Step decay (PyTorch's StepLR): `initialValue · decayFactor^⌊step / decaySteps⌋`, a
 * staircase that drops by `decayFactor` every `decaySteps` steps.
 */
export function stepDecay(options: StepDecayOptions): Schedule {
  const caller = 'stepDecay';
  const initialValue = nonNegative(options.initialValue, 'initialValue', caller);
  const decayFactor = factorInUnitInterval(options.decayFactor ?? 0.1, 'decayFactor', caller);
  const decaySteps = integerAtLeast(options.decaySteps, 1, 'decaySteps', caller);
  return (step) => {
    assertStep(step, caller);
    return initialValue * decayFactor ** Math.floor(step / decaySteps);
  };
}

/** Options of {@link piecewiseConstant}. */
export interface PiecewiseConstantOptions {
  /** Strictly increasing steps (> 0) at which the value changes. */
  boundaries: readonly number[];
  /** One more value than boundaries: `values[i]` holds on `[boundaries[i−1], boundaries[i])`. */
  values: readonly number[];
}

/**
 * A general piecewise-constant schedule: `values[0]` before `boundaries[0]`, `values[i]` on
 * `[boundaries[i−1], boundaries[i])`, and the last value from the last boundary on.
 */
export function piecewiseConstant(options: PiecewiseConstantOptions): Schedule {
  const caller = 'piecewiseConstant';
  const { boundaries, values } = options;
  if (values.length !== boundaries.length + 1) {
    throw new Error(
      `${caller}: values must have boundaries.length + 1 = ${boundaries.length + 1} entries, got ${values.length}`,
    );
  }
  values.forEach((value, i) => {
    nonNegative(value, `values[${i}]`, caller);
  });
  boundaries.forEach((boundary, i) => {
    positive(boundary, `boundaries[${i}]`, caller);
    if (i > 0 && !(boundary > boundaries[i - 1])) {
      throw new Error(
        `${caller}: boundaries must be strictly increasing, got boundaries[${i - 1}] = ${boundaries[i - 1]} ` +
          `and boundaries[${i}] = ${boundary}`,
      );
    }
  });
  const frozenBoundaries = boundaries.slice();
  const frozenValues = values.slice();
  return (step) => {
    assertStep(step, caller);
    let i = 0;
    while (i < frozenBoundaries.length && step >= frozenBoundaries[i]) i++;
    return frozenValues[i];
  };
}

/** Options of {@link exponentialDecay}. */
export interface ExponentialDecayOptions {
  /** The value at step 0 (> 0). */
  initialValue: number;
  /** The factor applied over every `decaySteps` steps, > 0 (< 1 decays, > 1 grows). */
  decayRate: number;
  /** Steps over which the value is multiplied by `decayRate` (> 0, default 1). */
  decaySteps?: number;
  /** Decay in whole intervals (a staircase) instead of continuously (default false). */
  staircase?: boolean;
  /** A floor (for decay) or a ceiling (for growth) the value never passes (default none). */
  finalValue?: number;
}

/**
 * Exponential decay (Optax's `exponential_decay`):
 * `initialValue · decayRate^(step / decaySteps)`, clipped at `finalValue` when given.
 */
export function exponentialDecay(options: ExponentialDecayOptions): Schedule {
  const caller = 'exponentialDecay';
  const initialValue = positive(options.initialValue, 'initialValue', caller);
  const decayRate = positive(options.decayRate, 'decayRate', caller);
  const decaySteps = positive(options.decaySteps ?? 1, 'decaySteps', caller);
  const staircase = options.staircase ?? false;
  const finalValue =
    options.finalValue === undefined ? undefined : nonNegative(options.finalValue, 'finalValue', caller);
  if (finalValue !== undefined && decayRate < 1 && finalValue > initialValue) {
    throw new Error(
      `${caller}: finalValue must be ≤ initialValue = ${initialValue} when decayRate < 1, got ${finalValue}`,
    );
  }
  if (finalValue !== undefined && decayRate > 1 && finalValue < initialValue) {
    throw new Error(
      `${caller}: finalValue must be ≥ initialValue = ${initialValue} when decayRate > 1, got ${finalValue}`,
    );
  }
  return (step) => {
    assertStep(step, caller);
    const exponent = staircase ? Math.floor(step / decaySteps) : step / decaySteps;
    const value = initialValue * decayRate ** exponent;
    if (finalValue === undefined) return value;
    return decayRate < 1 ? Math.max(value, finalValue) : Math.min(value, finalValue);
  };
}

/** Options of {@link cosineDecay}. */
export interface CosineDecayOptions {
  /** The peak value, reached at the end of the warmup (at step 0 without warmup). */
  initialValue: number;
  /** Length of the cosine phase, counted after the warmup (integer ≥ 1). */
  decaySteps: number;
  /** The value at the end of the cosine phase and after it (default 0; ≤ initialValue). */
  finalValue?: number;
  /** Steps of linear warmup before the cosine phase (integer ≥ 0, default 0). */
  warmupSteps?: number;
  /** The value at step 0 when there is a warmup (default 0; ≤ initialValue). */
  warmupInitialValue?: number;
}

/**
 * Cosine decay (Loshchilov & Hutter 2017) with optional linear warmup: from
 * `warmupInitialValue` up to `initialValue` over `warmupSteps`, then
 * `finalValue + ½(initialValue − finalValue)(1 + cos(π·t/decaySteps))` for the
 * `t = step − warmupSteps ∈ [0, decaySteps]`, then `finalValue`.
 */
export function cosineDecay(options: CosineDecayOptions): Schedule {
  const caller = 'cosineDecay';
  const initialValue = nonNegative(options.initialValue, 'initialValue', caller);
  const decaySteps = integerAtLeast(options.decaySteps, 1, 'decaySteps', caller);
  const finalValue = nonNegative(options.finalValue ?? 0, 'finalValue', caller);
  const warmupSteps = integerAtLeast(options.warmupSteps ?? 0, 0, 'warmupSteps', caller);
  const warmupInitialValue = nonNegative(options.warmupInitialValue ?? 0, 'warmupInitialValue', caller);
  if (finalValue > initialValue) {
    throw new Error(`${caller}: finalValue must be ≤ initialValue = ${initialValue}, got ${finalValue}`);
  }
  if (warmupInitialValue > initialValue) {
    throw new Error(
      `${caller}: warmupInitialValue must be ≤ initialValue = ${initialValue}, got ${warmupInitialValue}`,
    );
  }
  return (step) => {
    assertStep(step, caller);
    if (step < warmupSteps) {
      return warmupInitialValue + ((initialValue - warmupInitialValue) * step) / warmupSteps;
    }
    const t = Math.min(step - warmupSteps, decaySteps);
    return finalValue + 0.5 * (initialValue - finalValue) * (1 + Math.cos((Math.PI * t) / decaySteps));
  };
}
