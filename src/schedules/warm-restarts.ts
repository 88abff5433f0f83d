/**
 * Cosine annealing with warm restarts (SGDR, Loshchilov & Hutter 2017): the learning rate
 * follows a half cosine from `maxValue` down to `minValue` over a period, then jumps back
 * to `maxValue`; each period is `periodMultiplier` times longer than the one before.
 */
import { assertStep, nonNegative, ordered, positive, type Schedule } from './schedule.js';

/** Options of {@link cosineWarmRestarts}. */
export interface CosineWarmRestartsOptions {
  /** The value at the start of every period (η_max). */
  maxValue: number;
  /** The value approached at the end of every period (η_min, default 0). */
  minValue?: number;
  /** Length of the first period in steps (T₀ > 0). */
  period: number;
  /** Each period is this many times longer than the previous one (T_mult ≥ 1, default 1). */
  periodMultiplier?: number;
}

/**
 * The start step and the length of the period that contains `step`: periods have lengths
 * T₀, T₀·m, T₀·m², … Found by walking the periods (O(log step) for m > 1) rather than by a
 * logarithm, so that restart points such as step = T₀(1 + m) land exactly on a restart.
 */
export function warmRestartPeriod(
  step: number,
  period: number,
  periodMultiplier: number,
): { start: number; length: number; index: number } {
  if (periodMultiplier === 1) {
    const index = Math.floor(step / period);
    return { start: index * period, length: period, index };
  }
  let start = 0;
  let length = period;
  let index = 0;
  while (start + length <= step) {
    start += length;
    length *= periodMultiplier;
    index++;
  }
  return { start, length, index };
}

/**
 * SGDR: `η = η_min + ½(η_max − η_min)(1 + cos(π·T_cur/T_i))`, where `T_cur` counts steps
 * since the last restart and `T_i` is the current period. Restarts happen at
 * `T₀, T₀(1 + m), T₀(1 + m + m²), …`.
 */
export function cosineWarmRestarts(options: CosineWarmRestartsOptions): Schedule {
  const caller = 'cosineWarmRestarts';
  const maxValue = nonNegative(options.maxValue, 'maxValue', caller);
  const minValue = nonNegative(options.minValue ?? 0, 'minValue', caller);
  ordered(minValue, maxValue, 'minValue', 'maxValue', caller);
  const period = positive(options.period, 'period', caller);
  const periodMultiplier = options.periodMultiplier ?? 1;
  if (!(periodMultiplier >= 1) || !Number.isFinite(periodMultiplier)) {
    throw new Error(`${caller}: periodMultiplier must be a finite number ≥ 1, got ${periodMultiplier}`);
  }
  return (step) => {
    assertStep(step, caller);
    const { start, length } = warmRestartPeriod(step, period, periodMultiplier);
    const fraction = (step - start) / length;
    return minValue + 0.5 * (maxValue - minValue) * (1 + Math.cos(Math.PI * fraction));
  };
}
