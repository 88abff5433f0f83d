/**
 * RMSProp's scaling (Tieleman & Hinton 2012): divide each coordinate by the root of an
 * exponential moving average of its squared gradient,
 * `ν_t = ρ·ν_{t−1} + (1 − ρ)·g_t²`, update `g_t / (√ν_t + ε)`.
 * Every coordinate then moves at a similar speed whatever its curvature scale: a diagonal
 * preconditioner learned from the gradients.
 */
import { decayParameter, type GradientTransformation } from './transform.js';

/** State of {@link scaleByRms}: the running mean of squared gradients. */
export interface ScaleByRmsState {
  readonly meanSquare: Float64Array;
}

/** Options of {@link scaleByRms}. */
export interface ScaleByRmsOptions {
  /** Decay ρ of the moving average, in [0, 1) (default 0.9). */
  decay?: number;
  /** ε added to the root, > 0 (default 1e-8). */
  epsilon?: number;
  /** Initial value of ν for every coordinate, ≥ 0 (default 0, as in Optax). */
  initialScale?: number;
}

/** Scales updates by the inverse root mean square of past gradients. */
export function scaleByRms(options: ScaleByRmsOptions = {}): GradientTransformation<ScaleByRmsState> {
  const caller = 'scaleByRms';
  const decay = decayParameter(options.decay ?? 0.9, 'decay', caller);
  const epsilon = options.epsilon ?? 1e-8;
  if (!(epsilon > 0) || !Number.isFinite(epsilon)) {
    throw new Error(`${caller}: epsilon must be a finite number > 0, got ${epsilon}`);
  }
  const initialScale = options.initialScale ?? 0;
  if (!(initialScale >= 0) || !Number.isFinite(initialScale)) {
    throw new Error(`${caller}: initialScale must be a finite number ≥ 0, got ${initialScale}`);
  }
  return {
    name: 'scaleByRms',
    init: (params) => ({ meanSquare: new Float64Array(params.length).fill(initialScale) }),
    update(gradient, state) {
      const n = gradient.length;
      const meanSquare = new Float64Array(n);
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const g = gradient[i];
        meanSquare[i] = decay * state.meanSquare[i] + (1 - decay) * g * g;
        out[i] = g / (Math.sqrt(meanSquare[i]) + epsilon);
      }
      return [out, { meanSquare }];
    },
  };
}
