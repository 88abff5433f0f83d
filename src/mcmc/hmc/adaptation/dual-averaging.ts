/**
 * Step-size adaptation by Nesterov's dual averaging (Nesterov 2009), as tuned for HMC by
 * Hoffman & Gelman (2014, §3.2, Algorithm 5) and used by Stan and BlackJAX.
 *
 * The statistic Hₜ = δ − αₜ (target minus observed acceptance) is averaged,
 *   H̄ₜ = (1 − 1/(t + t₀))·H̄ₜ₋₁ + Hₜ/(t + t₀),
 * and the log step size is set by a shrinkage toward μ = log(10·ε₀),
 *   log εₜ = μ − (√t/γ)·H̄ₜ,
 * while the iterate average log ε̄ₜ = t^−κ·log εₜ + (1 − t^−κ)·log ε̄ₜ₋₁ converges to the step
 * size whose mean acceptance is δ; ε̄ is the step size to keep after warmup. Written
 * Optax-style: a pair `init`/`update` over a plain immutable state.
 */
import { describe } from '../../../core/validate.js';

/** Options of `dualAveraging` (defaults from Hoffman & Gelman 2014). */
export interface DualAveragingOptions {
  /** The mean acceptance δ to reach, in (0, 1); 0.8 by default. */
  targetAcceptance?: number;
  /** γ > 0, how strongly log ε is pulled toward μ; 0.05 by default. */
  gamma?: number;
  /** t₀ ≥ 0, which damps the first iterations; 10 by default. */
  t0?: number;
  /** κ in (0.5, 1], the decay of the iterate average's weights; 0.75 by default. */
  kappa?: number;
}

/** The dual-averaging state after t updates. */
export interface DualAveragingState {
  /** Number of updates t. */
  readonly iteration: number;
  /** log εₜ: the step size to use for the next transition is exp(logStepSize). */
  readonly logStepSize: number;
  /** log ε̄ₜ: the averaged iterate, the step size to keep after warmup. */
  readonly logAverageStepSize: number;
  /** H̄ₜ, the running mean of δ − α. */
  readonly averageGradient: number;
  /** μ = log(10·ε₀), the point log ε is shrunk toward. */
  readonly shrinkageTarget: number;
}

/** The pair of functions that adapts a step size. */
export interface DualAveraging {
  /** The state before any update, for an initial step size ε₀ > 0 (sets μ = log(10·ε₀)). */
  init(initialStepSize: number): DualAveragingState;
  /** The state after observing `acceptanceProbability` α ∈ [0, 1] at step size exp(logStepSize). */
  update(state: DualAveragingState, acceptanceProbability: number): DualAveragingState;
}

function checkRange(name: string, value: number, ok: boolean, range: string): void {
  if (typeof value !== 'number' || !ok) {
    throw new RangeError(`dualAveraging: ${name} must be ${range}, got ${describe(value)}`);
  }
}

/** Dual-averaging step-size adaptation toward a target mean acceptance. */
export function dualAveraging(options: DualAveragingOptions = {}): DualAveraging {
  const { targetAcceptance = 0.8, gamma = 0.05, t0 = 10, kappa = 0.75 } = options;
  checkRange('targetAcceptance', targetAcceptance, targetAcceptance > 0 && targetAcceptance < 1, 'in (0, 1)');
  checkRange('gamma', gamma, Number.isFinite(gamma) && gamma > 0, 'a finite number > 0');
  checkRange('t0', t0, Number.isFinite(t0) && t0 >= 0, 'a finite number ≥ 0');
  checkRange('kappa', kappa, kappa > 0.5 && kappa <= 1, 'in (0.5, 1]');
  return {
    init(initialStepSize) {
      checkRange(
        'initialStepSize',
        initialStepSize,
        Number.isFinite(initialStepSize) && initialStepSize > 0,
        'a finite number > 0',
      );
      const logStepSize = Math.log(initialStepSize);
      return {
        iteration: 0,
        logStepSize,
        logAverageStepSize: 0,
        averageGradient: 0,
        shrinkageTarget: Math.log(10) + logStepSize,
      };
    },
    update(state, acceptanceProbability) {
      // A NaN acceptance (a transition that blew up) counts as a rejection.
      const alpha = Number.isNaN(acceptanceProbability) ? 0 : Math.min(1, Math.max(0, acceptanceProbability));
      const t = state.iteration + 1;
      const weight = 1 / (t + t0);
      const averageGradient = (1 - weight) * state.averageGradient + weight * (targetAcceptance - alpha);
      const logStepSize = state.shrinkageTarget - (Math.sqrt(t) / gamma) * averageGradient;
      const eta = t ** -kappa;
      const logAverageStepSize = eta * logStepSize + (1 - eta) * state.logAverageStepSize;
      return {
        iteration: t,
        logStepSize,
        logAverageStepSize,
        averageGradient,
        shrinkageTarget: state.shrinkageTarget,
      };
    },
  };
}
