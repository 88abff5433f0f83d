/**
 * Cyclical learning rates (Smith 2017, "Cyclical Learning Rates for Training Neural
 * Networks"): the rate sweeps linearly between a base value and a maximum and back, one
 * cycle every `2·stepsPerHalfCycle` steps. Large rates let the dynamics cross barriers and
 * leave plateaus; small ones let it settle. Three policies, as in the paper:
 * - `triangular`: constant amplitude;
 * - `triangular2`: the amplitude halves after every cycle;
 * - `expRange`: the amplitude decays as `γ^step`.
 */
import {
  assertStep,
  factorInUnitInterval,
  nonNegative,
  ordered,
  positive,
  type Schedule,
} from './schedule.js';

/** Options shared by the cyclical policies. */
export interface CyclicalOptions {
  /** The lowest value (Smith's `base_lr`), at the start and end of every cycle. */
  minValue: number;
  /** The highest value (`max_lr`), reached in the middle of the first cycle. */
  maxValue: number;
  /** Steps from the minimum to the maximum (Smith's `stepsize`; half a cycle, > 0). */
  stepsPerHalfCycle: number;
}

/** Options of {@link expRange}. */
export interface ExpRangeOptions extends CyclicalOptions {
  /** The amplitude is multiplied by `gamma` every step; in (0, 1]. */
  gamma: number;
}

type Scale = (cycle: number, step: number) => number;

function cyclical(caller: string, options: CyclicalOptions, amplitudeScale: Scale): Schedule {
  const minValue = nonNegative(options.minValue, 'minValue', caller);
  const maxValue = nonNegative(options.maxValue, 'maxValue', caller);
  ordered(minValue, maxValue, 'minValue', 'maxValue', caller);
  const half = positive(options.stepsPerHalfCycle, 'stepsPerHalfCycle', caller);
  return (step) => {
    assertStep(step, caller);
    // Smith's formulas: the cycle index counts from 1, and x runs 1 → 0 → 1 over a cycle.
    const cycle = Math.floor(1 + step / (2 * half));
    const x = Math.abs(step / half - 2 * cycle + 1);
    return minValue + (maxValue - minValue) * Math.max(0, 1 - x) * amplitudeScale(cycle, step);
  };
}

/** The triangular policy: a symmetric triangle wave between `minValue` and `maxValue`. */
export function triangular(options: CyclicalOptions): Schedule {
  return cyclical('triangular', options, () => 1);
}

/** The triangular2 policy: a triangle wave whose amplitude halves after every cycle. */
export function triangular2(options: CyclicalOptions): Schedule {
  return cyclical('triangular2', options, (cycle) => 1 / 2 ** (cycle - 1));
}

/** The exp_range policy: a triangle wave whose amplitude is scaled by `gamma^step`. */
export function expRange(options: ExpRangeOptions): Schedule {
  const gamma = factorInUnitInterval(options.gamma, 'gamma', 'expRange');
  return cyclical('expRange', options, (_cycle, step) => gamma ** step);
}
