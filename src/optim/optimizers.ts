/**
 * The named first-order optimizers, each a {@link chain} of small transformations (as in
 * Optax) with a name and, where one exists, its linear stability condition on a quadratic
 * (used when a run diverges). All are {@link GradientTransformation}s: drive them with
 * `minimize`, or step them by hand with `init`/`update`/`applyUpdates`.
 */
import { addDecayedWeights } from './add-decayed-weights.js';
import { clipByGlobalNorm } from './clip-by-global-norm.js';
import { type ScaleByAdamOptions, scaleByAdam } from './scale-by-adam.js';
import {
  type LearningRate,
  learningRateAt,
  scaleByLearningRate,
  validateLearningRate,
} from './scale-by-learning-rate.js';
import { type ScaleByRmsOptions, scaleByRms } from './scale-by-rms.js';
import { gradientDescentStability, heavyBallStability, nesterovStability } from './stability.js';
import { traceMomentum } from './trace-momentum.js';
import { chain, decayParameter, type GradientTransformation, named } from './transform.js';

/** Options of {@link gradientDescent}. */
export interface GradientDescentOptions {
  /** η > 0, or a schedule. */
  learningRate: LearningRate;
}

/**
 * Gradient descent `x ← x − η∇U(x)`: the forward-Euler discretization of gradient flow
 * `ẋ = −∇U(x)` with time step η. Stable on a quadratic iff η < 2/λmax.
 */
export function gradientDescent(options: GradientDescentOptions): GradientTransformation {
  const learningRate = validateLearningRate(options.learningRate, 'gradientDescent');
  return named(scaleByLearningRate(learningRate), 'gradient descent', (curvature, index) =>
    gradientDescentStability(learningRateAt(learningRate, index, 'gradientDescent'), curvature),
  );
}

/** Options of {@link heavyBall} and {@link nesterov}. */
export interface MomentumOptions {
  /** η > 0, or a schedule. */
  learningRate: LearningRate;
  /** β ∈ [0, 1). */
  momentum: number;
}

/**
 * Polyak's heavy ball `x_{t+1} = x_t − η∇U(x_t) + β(x_t − x_{t−1})`:
 * `chain(traceMomentum(β), scaleByLearningRate(η))`. It discretizes
 * `m θ'' + γ θ' + ∇U = 0` (see `heavyBallDynamics` for the exact correspondence). With
 * Polyak's parameters (`polyakParameters`) it converges at `(√κ − 1)/(√κ + 1)` per step.
 */
export function heavyBall(options: MomentumOptions): GradientTransformation {
  const caller = 'heavyBall';
  const learningRate = validateLearningRate(options.learningRate, caller);
  const momentum = decayParameter(options.momentum, 'momentum', caller);
  return named(
    chain(traceMomentum(momentum), scaleByLearningRate(learningRate)),
    'heavy ball',
    (curvature, index) =>
      heavyBallStability(learningRateAt(learningRate, index, caller), momentum, curvature),
  );
}

/**
 * Nesterov's accelerated gradient (look-ahead momentum):
 * `chain(traceMomentum(β, { nesterov: true }), scaleByLearningRate(η))`.
 */
export function nesterov(options: MomentumOptions): GradientTransformation {
  const caller = 'nesterov';
  const learningRate = validateLearningRate(options.learningRate, caller);
  const momentum = decayParameter(options.momentum, 'momentum', caller);
  return named(
    chain(traceMomentum(momentum, { nesterov: true }), scaleByLearningRate(learningRate)),
    'Nesterov',
    (curvature, index) => nesterovStability(learningRateAt(learningRate, index, caller), momentum, curvature),
  );
}

/** Options of {@link rmsprop}. */
export interface RmspropOptions extends ScaleByRmsOptions {
  /** η > 0, or a schedule. */
  learningRate: LearningRate;
  /** Optional heavy-ball momentum on the scaled gradient, in [0, 1) (default 0: none). */
  momentum?: number;
}

/** RMSProp: `chain(scaleByRms(...), [traceMomentum(β)], scaleByLearningRate(η))`. */
export function rmsprop(options: RmspropOptions): GradientTransformation {
  const caller = 'rmsprop';
  const learningRate = validateLearningRate(options.learningRate, caller);
  const momentum = decayParameter(options.momentum ?? 0, 'momentum', caller);
  const rms = scaleByRms(options);
  const base =
    momentum > 0
      ? chain(rms, traceMomentum(momentum), scaleByLearningRate(learningRate))
      : chain(rms, scaleByLearningRate(learningRate));
  return named(base as GradientTransformation, 'RMSProp');
}

/** Options of {@link adam}. */
export interface AdamOptions extends ScaleByAdamOptions {
  /** η > 0, or a schedule (default 1e-3). */
  learningRate?: LearningRate;
  /** When given, gradients are first clipped to this global norm (> 0). */
  clipNorm?: number;
}

/** Adam: `chain([clipByGlobalNorm], scaleByAdam(β₁, β₂, ε), scaleByLearningRate(η))`. */
export function adam(options: AdamOptions = {}): GradientTransformation {
  const learningRate = validateLearningRate(options.learningRate ?? 1e-3, 'adam');
  const core = [scaleByAdam(options), scaleByLearningRate(learningRate)] as const;
  const base =
    options.clipNorm === undefined ? chain(...core) : chain(clipByGlobalNorm(options.clipNorm), ...core);
  return named(base as GradientTransformation, 'Adam');
}

/** Options of {@link adamw}. */
export interface AdamwOptions extends AdamOptions {
  /** Decoupled weight decay ≥ 0 (default 1e-4). */
  weightDecay?: number;
}

/** AdamW: `chain(scaleByAdam(...), addDecayedWeights(λ), scaleByLearningRate(η))`. */
export function adamw(options: AdamwOptions = {}): GradientTransformation {
  const learningRate = validateLearningRate(options.learningRate ?? 1e-3, 'adamw');
  const core = [
    scaleByAdam(options),
    addDecayedWeights(options.weightDecay ?? 1e-4),
    scaleByLearningRate(learningRate),
  ] as const;
  const base =
    options.clipNorm === undefined ? chain(...core) : chain(clipByGlobalNorm(options.clipNorm), ...core);
  return named(base as GradientTransformation, 'AdamW');
}
