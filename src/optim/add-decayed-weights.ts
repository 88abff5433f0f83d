/**
 * Decoupled weight decay (Loshchilov & Hutter 2019): adds `weightDecay · params` to the
 * incoming update. Placed after `scaleByAdam` and before `scaleByLearningRate` it gives
 * AdamW; on plain gradient descent it equals an L2 penalty `½·weightDecay·‖x‖²`. Stateless.
 */
import type { GradientTransformation } from './transform.js';

/** Adds `weightDecay · params` (weightDecay ≥ 0) to updates. */
export function addDecayedWeights(weightDecay: number): GradientTransformation<null> {
  if (typeof weightDecay !== 'number' || !(weightDecay >= 0) || !Number.isFinite(weightDecay)) {
    throw new Error(`addDecayedWeights: weightDecay must be a finite number ≥ 0, got ${weightDecay}`);
  }
  return {
    name: 'addDecayedWeights',
    init: () => null,
    update(gradient, state, params) {
      if (params.length !== gradient.length) {
        throw new Error(
          `addDecayedWeights: params must have gradient.length = ${gradient.length} entries, got ${params.length}`,
        );
      }
      const out = new Float64Array(gradient.length);
      for (let i = 0; i < out.length; i++) out[i] = gradient[i] + weightDecay * params[i];
      return [out, state];
    },
  };
}
