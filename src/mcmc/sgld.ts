/**
 * Stochastic gradient Langevin dynamics (Welling and Teh 2011): the ULA update with the
 * gradient replaced by an unbiased minibatch estimate,
 *
 *   x ← x − hₜ·N·ĝ(x) + √(2hₜT) ξ,
 *
 * where ĝ is what `stochasticGradient` returns and N is `dataSize`. Two conventions work:
 * a callback that estimates ∇U itself (prior plus N/n times the minibatch likelihood sum, as
 * `minibatchGradient` builds) with `dataSize` 1, the default; or a callback that returns the
 * gradient of the minibatch-average loss L = U/N, as deep-learning code does, with
 * `dataSize` = N. At T = 0 this is SGD. With a decreasing step size (Σhₜ = ∞, Σhₜ² < ∞) the
 * chain converges to exp(−U/T); at a fixed step it has an O(h) bias plus the extra variance of
 * the gradient noise (on a Gaussian target the stationary mean is still exact).
 */
import { RandomStream, split } from '../core/random/index.js';
import { assertFunction, assertOptions, assertPositive } from '../core/validate.js';
import type { Schedule } from '../schedules/schedule.js';
import { hasDiverged } from './overdamped-langevin.js';
import type { SamplerInfo, SamplerState, SamplingAlgorithm } from './sampler.js';
import type { PotentialEnergy, StochasticGradient } from './target.js';
import { assertEnergy, initialPosition, scheduleValue, temperatureOption } from './validate.js';

/** Options of `sgld`. */
export interface SgldOptions {
  /** The gradient estimate ĝ (its key picks the minibatch). */
  stochasticGradient: StochasticGradient;
  /** Step size h > 0, or a schedule step ↦ hₜ > 0 (step counts from 0). */
  stepSize: number | Schedule;
  /** T ≥ 0 (default 1); T = 0 is stochastic gradient descent. */
  temperature?: number;
  /** N > 0 multiplying ĝ (default 1; see the module comment). */
  dataSize?: number;
  /**
   * The exact energy, evaluated at every step for the state's `energy` (costs a full pass).
   * Without it, the state's energy is N times the number `stochasticGradient` returns, or NaN.
   */
  energy?: PotentialEnergy;
}

/** State of a stochastic-gradient chain. */
export interface StochasticGradientState extends SamplerState {
  /** Number of steps taken so far (the schedule's argument for the next step). */
  readonly step: number;
}

/** What one SGLD step reports: always accepted. */
export interface StochasticGradientInfo extends SamplerInfo {
  readonly divergent: boolean;
  /** Stochastic gradient evaluations: 1. */
  readonly gradientEvaluations: number;
  /** The step size used by this step. */
  readonly stepSize: number;
}

/** Checks the options shared by SGLD and SGHMC; returns the step-size schedule and N. */
export function stochasticGradientOptions(
  where: string,
  options: { stochasticGradient: unknown; stepSize: unknown; dataSize?: unknown; energy?: unknown },
): { stepSizeAt: (step: number) => number; dataSize: number } {
  assertOptions(where, options);
  assertFunction(where, 'stochasticGradient', options.stochasticGradient);
  const dataSize = options.dataSize ?? 1;
  assertPositive(where, 'dataSize', dataSize);
  if (options.energy !== undefined) assertEnergy(where, options.energy, false);
  const { stepSize } = options;
  if (typeof stepSize === 'function') {
    const schedule = stepSize as Schedule;
    return { stepSizeAt: (step) => scheduleValue(where, 'stepSize', schedule, step, true), dataSize };
  }
  assertPositive(where, 'stepSize', stepSize);
  return { stepSizeAt: () => stepSize, dataSize };
}

/**
 * SGLD targeting exp(−U/T) (see the module comment). A step splits its key into a gradient key
 * (passed to `stochasticGradient`) and a noise key (d normals).
 */
export function sgld(
  options: SgldOptions,
): SamplingAlgorithm<StochasticGradientState, StochasticGradientInfo> {
  const where = 'sgld';
  const { stepSizeAt, dataSize } = stochasticGradientOptions(where, options);
  const { stochasticGradient, energy } = options;
  const temperature = temperatureOption(where, options.temperature, true);
  let gradient = new Float64Array(0);
  return {
    name: 'sgld',
    init(position) {
      const x = initialPosition(`${where}.init`, position, energy?.dimension);
      return { position: x, energy: energy === undefined ? Number.NaN : energy.energy(x), step: 0 };
    },
    step(key, state) {
      const { position } = state;
      const dimension = position.length;
      const stepSize = stepSizeAt(state.step);
      const [gradientKey, noiseKey] = split(key, 2);
      if (gradient.length !== dimension) gradient = new Float64Array(dimension);
      gradient.fill(0);
      const estimate = stochasticGradient(gradientKey, position, gradient);
      const next = new Float64Array(dimension);
      const scale = stepSize * dataSize;
      for (let i = 0; i < dimension; i++) next[i] = position[i] - scale * gradient[i];
      if (temperature > 0) {
        const stream = new RandomStream(noiseKey);
        const noiseScale = Math.sqrt(2 * stepSize * temperature);
        for (let i = 0; i < dimension; i++) next[i] += noiseScale * stream.nextNormal();
      }
      const value =
        energy !== undefined
          ? energy.energy(next)
          : typeof estimate === 'number'
            ? dataSize * estimate
            : Number.NaN;
      return [
        { position: next, energy: value, step: state.step + 1 },
        {
          acceptanceProbability: 1,
          accepted: true,
          divergent: hasDiverged(Number.isNaN(value) ? 0 : value, next),
          gradientEvaluations: 1,
          stepSize,
        },
      ];
    },
  };
}
