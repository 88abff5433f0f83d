/**
 * The last link of a descent chain: multiplies the incoming direction by −learningRate, so
 * that adding the update to the parameters moves downhill. The learning rate is a number or
 * a {@link Schedule} read at the update counter (0 for the first update).
 */
import type { Schedule } from '../schedules/schedule.js';
import { type GradientTransformation, positiveParameter } from './transform.js';

/** State of {@link scaleByLearningRate}: the number of updates done so far. */
export interface ScaleByLearningRateState {
  readonly count: number;
}

/** A learning rate: a fixed number > 0 or a schedule `step → rate`. */
export type LearningRate = number | Schedule;

/** Validates a learning rate given as a number or a schedule (schedules are checked when read). */
export function validateLearningRate(learningRate: LearningRate, caller: string): LearningRate {
  if (typeof learningRate === 'function') return learningRate;
  return positiveParameter(learningRate, 'learningRate', caller);
}

/** The learning rate at update `count`; throws if a schedule returns a negative or non-finite value. */
export function learningRateAt(learningRate: LearningRate, count: number, caller: string): number {
  if (typeof learningRate === 'number') return learningRate;
  const value = learningRate(count);
  if (!(value >= 0) || !Number.isFinite(value)) {
    throw new Error(
      `${caller}: the learning-rate schedule returned ${value} at step ${count}; it must be finite and ≥ 0`,
    );
  }
  return value;
}

/** Scales updates by `−learningRate` (descent); the rate may follow a schedule. */
export function scaleByLearningRate(
  learningRate: LearningRate,
): GradientTransformation<ScaleByLearningRateState> {
  const caller = 'scaleByLearningRate';
  const rate = validateLearningRate(learningRate, caller);
  return {
    name: 'scaleByLearningRate',
    init: () => ({ count: 0 }),
    update(gradient, state) {
      const factor = -learningRateAt(rate, state.count, caller);
      const out = new Float64Array(gradient.length);
      for (let i = 0; i < out.length; i++) out[i] = factor * gradient[i];
      return [out, { count: state.count + 1 }];
    },
  };
}
