/**
 * Stochastic gradient Hamiltonian Monte Carlo (Chen, Fox and Guestrin 2014, Algorithm 2, with
 * M = I): Langevin dynamics with momentum, friction C and a minibatch gradient,
 *
 *   x ← x + h·p
 *   p ← p − h·N·ĝ(x) − h·C·p + √(2h(C·T − B̂)) ξ,   B̂ = ½·h·V̂.
 *
 * The gradient noise already injects variance h²V̂ per step into p; the optional
 * `gradientNoiseVariance` V̂ (an estimate of the per-coordinate variance of N·ĝ) lets the
 * sampler inject that much less, which is the paper's noise-estimate term (default V̂ = 0, the
 * common choice). C·T ≥ B̂ is required. `dataSize` N scales ĝ as in `sgld`. At T = 0 with
 * V̂ = 0 this is SGD with heavy-ball momentum (momentum coefficient 1 − hC, learning rate h²).
 * Momentum starts at 0 and is never resampled.
 */
import { RandomStream, split } from '../core/random/index.js';
import { assertNonNegative } from '../core/validate.js';
import type { Schedule } from '../schedules/schedule.js';
import { hasDiverged } from './overdamped-langevin.js';
import type { SamplingAlgorithm } from './sampler.js';
import {
  type StochasticGradientInfo,
  type StochasticGradientState,
  stochasticGradientOptions,
} from './sgld.js';
import type { PotentialEnergy, StochasticGradient } from './target.js';
import { initialPosition, temperatureOption } from './validate.js';

/** Options of `sghmc`. */
export interface SghmcOptions {
  /** The gradient estimate ĝ (its key picks the minibatch). */
  stochasticGradient: StochasticGradient;
  /** Step size h > 0, or a schedule step ↦ hₜ > 0. */
  stepSize: number | Schedule;
  /** Friction C ≥ 0, in units of 1/time (default 1). */
  friction?: number;
  /** T ≥ 0 (default 1). */
  temperature?: number;
  /** V̂ ≥ 0, estimated variance of each coordinate of N·ĝ (default 0: no correction). */
  gradientNoiseVariance?: number;
  /** N > 0 multiplying ĝ (default 1). */
  dataSize?: number;
  /** The exact energy, for the state's `energy` (see `sgld`). */
  energy?: PotentialEnergy;
}

/** State of an SGHMC chain. */
export interface SghmcState extends StochasticGradientState {
  /** The momentum p (owned by the state). */
  readonly momentum: Float64Array;
}

/**
 * SGHMC targeting exp(−U/T) in x. A step splits its key into a gradient key and a noise key
 * (d normals), and allocates the new position and momentum.
 */
export function sghmc(options: SghmcOptions): SamplingAlgorithm<SghmcState, StochasticGradientInfo> {
  const where = 'sghmc';
  const { stepSizeAt, dataSize } = stochasticGradientOptions(where, options);
  const { stochasticGradient, energy } = options;
  const friction = options.friction ?? 1;
  assertNonNegative(where, 'friction', friction);
  const temperature = temperatureOption(where, options.temperature, true);
  const noiseVariance = options.gradientNoiseVariance ?? 0;
  assertNonNegative(where, 'gradientNoiseVariance', noiseVariance);
  let gradient = new Float64Array(0);
  return {
    name: 'sghmc',
    init(position) {
      const x = initialPosition(`${where}.init`, position, energy?.dimension);
      return {
        position: x,
        momentum: new Float64Array(x.length),
        energy: energy === undefined ? Number.NaN : energy.energy(x),
        step: 0,
      };
    },
    step(key, state) {
      const { position, momentum } = state;
      const dimension = position.length;
      const stepSize = stepSizeAt(state.step);
      const injected = 2 * stepSize * (friction * temperature - 0.5 * stepSize * noiseVariance);
      if (injected < 0) {
        throw new RangeError(
          `${where}: the noise estimate B̂ = ½·h·gradientNoiseVariance = ${0.5 * stepSize * noiseVariance} exceeds friction·temperature = ${friction * temperature}; lower the step size or the estimate, or raise the friction`,
        );
      }
      const [gradientKey, noiseKey] = split(key, 2);
      const next = new Float64Array(dimension);
      for (let i = 0; i < dimension; i++) next[i] = position[i] + stepSize * momentum[i];
      if (gradient.length !== dimension) gradient = new Float64Array(dimension);
      gradient.fill(0);
      const estimate = stochasticGradient(gradientKey, next, gradient);
      const nextMomentum = new Float64Array(dimension);
      const kick = stepSize * dataSize;
      const damping = 1 - stepSize * friction;
      for (let i = 0; i < dimension; i++) nextMomentum[i] = damping * momentum[i] - kick * gradient[i];
      if (injected > 0) {
        const stream = new RandomStream(noiseKey);
        const noiseScale = Math.sqrt(injected);
        for (let i = 0; i < dimension; i++) nextMomentum[i] += noiseScale * stream.nextNormal();
      }
      const value =
        energy !== undefined
          ? energy.energy(next)
          : typeof estimate === 'number'
            ? dataSize * estimate
            : Number.NaN;
      return [
        { position: next, momentum: nextMomentum, energy: value, step: state.step + 1 },
        {
          acceptanceProbability: 1,
          accepted: true,
          divergent: hasDiverged(Number.isNaN(value) ? 0 : value, next) || hasDiverged(0, nextMomentum),
          gradientEvaluations: 1,
          stepSize,
        },
      ];
    },
  };
}
