/**
 * Adam's scaling (Kingma & Ba 2015): moving averages of the gradient (first moment m) and
 * of its square (second moment v), both bias-corrected for their zero start,
 * `m̂ = m/(1 − β₁ᵗ)`, `v̂ = v/(1 − β₂ᵗ)`, update `m̂ / (√(v̂ + ε_root) + ε)`.
 * Momentum and RMS preconditioning in one transform; follow it with `scaleByLearningRate`.
 */

import { portablePow } from '../core/math/index.js';
import { decayParameter, type GradientTransformation } from './transform.js';

/** State of {@link scaleByAdam}. */
export interface ScaleByAdamState {
  /** Number of updates done so far (t − 1 during update t). */
  readonly count: number;
  /** First moment m (moving average of g). */
  readonly firstMoment: Float64Array;
  /** Second moment v (moving average of g²). */
  readonly secondMoment: Float64Array;
}

/** Options of {@link scaleByAdam}. */
export interface ScaleByAdamOptions {
  /** Decay β₁ of the first moment, in [0, 1) (default 0.9). */
  b1?: number;
  /** Decay β₂ of the second moment, in [0, 1) (default 0.999). */
  b2?: number;
  /** ε added to the root, > 0 (default 1e-8). */
  epsilon?: number;
  /** ε added inside the root, ≥ 0 (default 0; > 0 keeps derivatives through Adam finite). */
  epsilonRoot?: number;
}

/** Adam's bias-corrected moment scaling. */
export function scaleByAdam(options: ScaleByAdamOptions = {}): GradientTransformation<ScaleByAdamState> {
  const caller = 'scaleByAdam';
  const b1 = decayParameter(options.b1 ?? 0.9, 'b1', caller);
  const b2 = decayParameter(options.b2 ?? 0.999, 'b2', caller);
  const epsilon = options.epsilon ?? 1e-8;
  if (!(epsilon > 0) || !Number.isFinite(epsilon)) {
    throw new Error(`${caller}: epsilon must be a finite number > 0, got ${epsilon}`);
  }
  const epsilonRoot = options.epsilonRoot ?? 0;
  if (!(epsilonRoot >= 0) || !Number.isFinite(epsilonRoot)) {
    throw new Error(`${caller}: epsilonRoot must be a finite number ≥ 0, got ${epsilonRoot}`);
  }
  return {
    name: 'scaleByAdam',
    init: (params) => ({
      count: 0,
      firstMoment: new Float64Array(params.length),
      secondMoment: new Float64Array(params.length),
    }),
    update(gradient, state) {
      const n = gradient.length;
      const count = state.count + 1;
      // portablePow, not **: engines round β^t differently (Node 20 and Chromium from t = 4 on).
      const correction1 = 1 - portablePow(b1, count);
      const correction2 = 1 - portablePow(b2, count);
      const firstMoment = new Float64Array(n);
      const secondMoment = new Float64Array(n);
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const g = gradient[i];
        firstMoment[i] = b1 * state.firstMoment[i] + (1 - b1) * g;
        secondMoment[i] = b2 * state.secondMoment[i] + (1 - b2) * g * g;
        out[i] =
          firstMoment[i] / correction1 / (Math.sqrt(secondMoment[i] / correction2 + epsilonRoot) + epsilon);
      }
      return [out, { count, firstMoment, secondMoment }];
    },
  };
}
