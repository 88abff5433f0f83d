/**
 * Momentum as a trace of past gradients (Optax's `trace`): `m_t = g_t + β·m_{t−1}`. Followed
 * by `scaleByLearningRate(η)` this is Polyak's heavy ball,
 * `x_{t+1} = x_t − η·g_t + β·(x_t − x_{t−1})`, the discretized `m θ'' + γ θ' + ∇L = 0`.
 * With `nesterov: true` the update is `g_t + β·m_t` instead of `m_t`: Nesterov's accelerated
 * gradient in the reparametrization of Sutskever et al. (2013), whose characteristic
 * polynomial per mode is `z² − (1 + β)(1 − ηλ)z + β(1 − ηλ)`.
 */
import { decayParameter, type GradientTransformation } from './transform.js';

/** State of {@link traceMomentum}: the gradient trace m. */
export interface TraceMomentumState {
  readonly trace: Float64Array;
}

/** Options of {@link traceMomentum}. */
export interface TraceMomentumOptions {
  /** Use Nesterov's look-ahead form (default false). */
  nesterov?: boolean;
}

/** Accumulates a momentum trace with decay `momentum` ∈ [0, 1). */
export function traceMomentum(
  momentum: number,
  options: TraceMomentumOptions = {},
): GradientTransformation<TraceMomentumState> {
  const beta = decayParameter(momentum, 'momentum', 'traceMomentum');
  const nesterov = options.nesterov ?? false;
  return {
    name: nesterov ? 'traceMomentum(nesterov)' : 'traceMomentum',
    init: (params) => ({ trace: new Float64Array(params.length) }),
    update(gradient, state) {
      const n = gradient.length;
      const trace = new Float64Array(n);
      for (let i = 0; i < n; i++) trace[i] = gradient[i] + beta * state.trace[i];
      if (!nesterov) return [trace, { trace }];
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) out[i] = gradient[i] + beta * trace[i];
      return [out, { trace }];
    },
  };
}
