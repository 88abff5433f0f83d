/**
 * Temperature schedules for annealing and tempering. Temperature turns optimization into
 * sampling: at T = 0 the dynamics descends, at T > 0 it samples p(x) ∝ exp(−U(x)/T).
 * Cooling slowly (simulated annealing) or cycling T (to hop barriers and then settle) are
 * both `step → T` functions, like learning-rate schedules.
 */
import {
  assertStep,
  factorInUnitInterval,
  integerAtLeast,
  nonNegative,
  ordered,
  positive,
  type Schedule,
} from './schedule.js';

/** Options of {@link linearTemperature}. */
export interface LinearTemperatureOptions {
  /** T at step 0 (≥ 0). */
  initialTemperature: number;
  /** T from step `steps` on (≥ 0; above the initial value for heating). */
  finalTemperature: number;
  /** Length of the ramp in steps (integer ≥ 1). */
  steps: number;
}

/** A linear ramp from `initialTemperature` to `finalTemperature` over `steps`, then constant. */
export function linearTemperature(options: LinearTemperatureOptions): Schedule {
  const caller = 'linearTemperature';
  const initial = nonNegative(options.initialTemperature, 'initialTemperature', caller);
  const final = nonNegative(options.finalTemperature, 'finalTemperature', caller);
  const steps = integerAtLeast(options.steps, 1, 'steps', caller);
  return (step) => {
    assertStep(step, caller);
    const fraction = Math.min(step / steps, 1);
    return initial + (final - initial) * fraction;
  };
}

/** Options of {@link geometricTemperature}. */
export interface GeometricTemperatureOptions {
  /** T at step 0 (> 0). */
  initialTemperature: number;
  /** T is multiplied by this factor every step; in (0, 1] (classic annealing uses 0.9–0.999). */
  coolingRate: number;
  /** A floor the temperature never goes below (default 0). */
  minTemperature?: number;
}

/** Geometric cooling `T = max(T₀ · coolingRate^step, minTemperature)` (Kirkpatrick et al. 1983). */
export function geometricTemperature(options: GeometricTemperatureOptions): Schedule {
  const caller = 'geometricTemperature';
  const initial = positive(options.initialTemperature, 'initialTemperature', caller);
  const rate = factorInUnitInterval(options.coolingRate, 'coolingRate', caller);
  const floor = nonNegative(options.minTemperature ?? 0, 'minTemperature', caller);
  ordered(floor, initial, 'minTemperature', 'initialTemperature', caller);
  return (step) => {
    assertStep(step, caller);
    return Math.max(initial * rate ** step, floor);
  };
}

/** Options of {@link cyclicTemperature}. */
export interface CyclicTemperatureOptions {
  /** The lowest temperature of a cycle (≥ 0). */
  minTemperature: number;
  /** The highest temperature of a cycle (≥ minTemperature). */
  maxTemperature: number;
  /** Length of one cycle in steps (> 0). */
  period: number;
  /** `'cosine'` (default): smooth; `'triangular'`: linear ramps down and up. */
  shape?: 'cosine' | 'triangular';
  /** Where each cycle starts: `'max'` (default: heat, then cool, as in annealing) or `'min'`. */
  startAt?: 'max' | 'min';
}

/**
 * A periodic temperature between `minTemperature` and `maxTemperature`. With the default
 * `startAt: 'max'`, a cycle starts hot, reaches `minTemperature` at mid-period and is back
 * at `maxTemperature` at the end: `T = T_min + ½(T_max − T_min)(1 + cos(2π·step/period))`
 * for the cosine shape.
 */
export function cyclicTemperature(options: CyclicTemperatureOptions): Schedule {
  const caller = 'cyclicTemperature';
  const low = nonNegative(options.minTemperature, 'minTemperature', caller);
  const high = nonNegative(options.maxTemperature, 'maxTemperature', caller);
  ordered(low, high, 'minTemperature', 'maxTemperature', caller);
  const period = positive(options.period, 'period', caller);
  const shape = options.shape ?? 'cosine';
  if (shape !== 'cosine' && shape !== 'triangular') {
    throw new Error(`${caller}: shape must be 'cosine' or 'triangular', got ${String(shape)}`);
  }
  const startAt = options.startAt ?? 'max';
  if (startAt !== 'max' && startAt !== 'min') {
    throw new Error(`${caller}: startAt must be 'max' or 'min', got ${String(startAt)}`);
  }
  return (step) => {
    assertStep(step, caller);
    const phase = (step % period) / period;
    // "Heat" h ∈ [0, 1]: 1 at the start of a cycle that starts hot, 0 at mid-cycle.
    const heat = shape === 'cosine' ? 0.5 * (1 + Math.cos(2 * Math.PI * phase)) : Math.abs(1 - 2 * phase);
    return low + (high - low) * (startAt === 'max' ? heat : 1 - heat);
  };
}
