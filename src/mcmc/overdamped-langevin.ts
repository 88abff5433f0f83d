/**
 * Overdamped Langevin dynamics, unadjusted (ULA): the Euler–Maruyama discretisation of
 * dx = −∇U(x) dt + √(2T) dW,
 *
 *   x ← x − h ∇U(x) + √(2hT) ξ,   ξ ~ N(0, I).
 *
 * This is where optimizers and samplers meet: at T = 0 the update is exactly gradient descent
 * with learning rate h (the same floating-point operations, so the iterates are bitwise those of
 * `gradientDescent`), and at T > 0 the chain samples exp(−U/T) up to an O(h) bias that no
 * accept/reject step removes (on U = x²/2 the stationary variance is T/(1 − h/2), not T; use
 * `mala` for an exact chain). A step costs one gradient evaluation: the gradient at the new
 * point is kept in the state for the next step. The move itself is the `eulerMaruyama`
 * integrator of `src/integrators`, applied to a copy of the state.
 */

import { assertOptions, assertPositive } from '../core/validate.js';
import type { Energy } from '../energies/energy.js';
import { eulerMaruyama } from '../integrators/euler-maruyama.js';
import type { OverdampedState, StochasticIntegrator } from '../integrators/stochastic.js';
import type { SamplerInfo, SamplerState, SamplingAlgorithm } from './sampler.js';
import type { DifferentiableEnergy } from './target.js';
import { assertEnergy, initialPosition, temperatureOption } from './validate.js';

/** Options of `overdampedLangevin`. */
export interface OverdampedLangevinOptions {
  /** The target's energy U, with its gradient. */
  energy: DifferentiableEnergy;
  /** Step size h > 0 (the learning rate, at T = 0). */
  stepSize: number;
  /** T ≥ 0 (default 1); T = 0 is gradient descent. */
  temperature?: number;
}

/** State of a gradient-based chain: the point, U there, and ∇U there. */
export interface LangevinState extends SamplerState {
  /** ∇U(position) (owned by the state). */
  readonly gradient: Float64Array;
}

/** What one unadjusted step reports: always accepted; divergent when U or x became non-finite. */
export interface LangevinInfo extends SamplerInfo {
  readonly divergent: boolean;
  readonly gradientEvaluations: number;
}

/** The state at `position` (copied and checked): evaluates U and ∇U once. Shared with `mala`. */
export function langevinInit(
  where: string,
  energy: DifferentiableEnergy,
  position: ArrayLike<number>,
): LangevinState {
  const x = initialPosition(where, position, energy.dimension);
  const gradient = new Float64Array(x.length);
  const value = energy.energyAndGradient(x, gradient);
  if (Number.isNaN(value) || value === Number.POSITIVE_INFINITY) {
    throw new RangeError(`${where}: the energy at the initial position must be < +∞, got ${value}`);
  }
  return { position: x, energy: value, gradient };
}

/**
 * The target as a full `Energy` of the given dimension, for the integrators of
 * `src/integrators` (which check dimensions); methods are called on the original object.
 */
export function energyOfDimension(energy: DifferentiableEnergy, dimension: number): Energy {
  return {
    name: energy.name ?? 'energy',
    dimension,
    energy: (x) => energy.energy(x),
    energyAndGradient: (x, gradient) => energy.energyAndGradient(x, gradient),
  };
}

/** True when U or any coordinate of x is not finite (the dynamics has blown up). */
export function hasDiverged(energy: number, position: Float64Array): boolean {
  if (!Number.isFinite(energy)) return true;
  for (let i = 0; i < position.length; i++) if (!Number.isFinite(position[i])) return true;
  return false;
}

/**
 * The unadjusted Langevin algorithm targeting exp(−U/T) (with O(h) bias). A step reads d
 * normals from its key (none at T = 0) and allocates the new position and gradient.
 */
export function overdampedLangevin(
  options: OverdampedLangevinOptions,
): SamplingAlgorithm<LangevinState, LangevinInfo> {
  const where = 'overdampedLangevin';
  assertOptions(where, options);
  const { energy, stepSize } = options;
  assertEnergy(where, energy, true);
  assertPositive(where, 'stepSize', stepSize);
  const temperature = temperatureOption(where, options.temperature, true);
  // Built for the dimension of the first state (energies need not declare one).
  let integrator: StochasticIntegrator<OverdampedState> | null = null;
  let integratorDimension = -1;
  const integratorFor = (dimension: number) => {
    if (integrator === null || integratorDimension !== dimension) {
      integrator = eulerMaruyama(energyOfDimension(energy, dimension), { temperature });
      integratorDimension = dimension;
    }
    return integrator;
  };
  return {
    name: 'overdamped-langevin',
    init: (position) => langevinInit(`${where}.init`, energy, position),
    step(key, state) {
      // At T = 0 the integrator computes x − h·g, exactly gradient descent's x + (−h·g).
      const next: OverdampedState = {
        position: Float64Array.from(state.position),
        potentialEnergy: state.energy,
        gradient: Float64Array.from(state.gradient),
      };
      integratorFor(next.position.length).step(next, stepSize, key);
      return [
        { position: next.position, energy: next.potentialEnergy, gradient: next.gradient },
        {
          acceptanceProbability: 1,
          accepted: true,
          divergent: hasDiverged(next.potentialEnergy, next.position),
          gradientEvaluations: 1,
        },
      ];
    },
  };
}
