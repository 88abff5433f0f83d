/**
 * Underdamped (kinetic) Langevin dynamics, discretised by the BAOAB splitting of Leimkuhler and
 * Matthews (2013):
 *
 *   dq = M⁻¹p dt,   dp = −∇U(q) dt − γ p dt + √(2γT) M^½ dW.
 *
 * One step of size h is B (half kick p −= ½h∇U), A (half drift q += ½h M⁻¹p), O (exact
 * Ornstein–Uhlenbeck: p ← c·p + √((1 − c²)T) M^½ ξ with c = e^(−γh)), A, B. The force at the
 * end of one step is the first kick of the next, so a step costs one gradient evaluation. On a
 * harmonic potential BAOAB samples the positions exactly at any stable step (h < 2/ω): the O(h²)
 * error falls on the momenta only. Friction γ = 0 is plain leapfrog (Hamiltonian dynamics);
 * T = 0 is the damped heavy ball (momentum gradient descent). The stationary density is
 * ∝ exp(−(U(q) + ½pᵀM⁻¹p)/T), up to the discretisation error.
 *
 * There is no accept/reject step. Momentum starts at 0 in `init` (the O step thermalises it
 * within a few 1/γ). The move is the `baoab` integrator of `src/integrators`, applied to a copy
 * of the state.
 */

import { assertNonNegative, assertOptions, assertPositive } from '../core/validate.js';
import { type BaoabIntegrator, baoab } from '../integrators/baoab.js';
import { kineticEnergy, type PhaseSpaceState } from '../integrators/integrator.js';
import { energyOfDimension, hasDiverged, type LangevinState, langevinInit } from './overdamped-langevin.js';
import type { SamplerInfo, SamplingAlgorithm } from './sampler.js';
import type { DifferentiableEnergy } from './target.js';
import { assertEnergy, perDimension, temperatureOption } from './validate.js';

/** Options of `underdampedLangevin`. */
export interface UnderdampedLangevinOptions {
  /** The target's energy U, with its gradient. */
  energy: DifferentiableEnergy;
  /** Step size h > 0. */
  stepSize: number;
  /** Friction γ ≥ 0, in units of 1/time (default 1). */
  friction?: number;
  /** T ≥ 0 (default 1). */
  temperature?: number;
  /** Diagonal of M⁻¹: one number for all coordinates or one each, all > 0 (default 1). */
  inverseMassDiagonal?: number | ArrayLike<number>;
}

/** State of an underdamped chain: position, momentum, U and ∇U. */
export interface UnderdampedLangevinState extends LangevinState {
  /** The momentum p (owned by the state). */
  readonly momentum: Float64Array;
}

/** What one BAOAB step reports. */
export interface UnderdampedLangevinInfo extends SamplerInfo {
  readonly divergent: boolean;
  readonly gradientEvaluations: number;
  /** ½pᵀM⁻¹p at the end of the step (its average is d·T/2 at equilibrium, up to O(h²)). */
  readonly kineticEnergy: number;
}

/**
 * Underdamped Langevin dynamics by BAOAB, targeting exp(−U(q)/T) in q. A step reads d normals
 * from its key (none when T = 0 or γ = 0) and allocates the new position, momentum and gradient.
 */
export function underdampedLangevin(
  options: UnderdampedLangevinOptions,
): SamplingAlgorithm<UnderdampedLangevinState, UnderdampedLangevinInfo> {
  const where = 'underdampedLangevin';
  assertOptions(where, options);
  const { energy, stepSize } = options;
  assertEnergy(where, energy, true);
  assertPositive(where, 'stepSize', stepSize);
  const friction = options.friction ?? 1;
  assertNonNegative(where, 'friction', friction);
  const temperature = temperatureOption(where, options.temperature, true);
  const expandMass = perDimension(where, 'inverseMassDiagonal', options.inverseMassDiagonal ?? 1);
  // Built for the dimension of the first state (energies need not declare one).
  let integrator: BaoabIntegrator | null = null;
  let inverseMass: Float64Array = new Float64Array(0);
  const integratorFor = (dimension: number): BaoabIntegrator => {
    if (integrator === null || inverseMass.length !== dimension) {
      inverseMass = expandMass(dimension);
      integrator = baoab(energyOfDimension(energy, dimension), {
        inverseMassDiagonal: inverseMass,
        friction,
        temperature,
      });
    }
    return integrator;
  };
  return {
    name: 'underdamped-langevin',
    init(position) {
      const state = langevinInit(`${where}.init`, energy, position);
      integratorFor(state.position.length);
      return { ...state, momentum: new Float64Array(state.position.length) };
    },
    step(key, state) {
      const next: PhaseSpaceState = {
        position: Float64Array.from(state.position),
        momentum: Float64Array.from(state.momentum),
        potentialEnergy: state.energy,
        gradient: Float64Array.from(state.gradient),
      };
      integratorFor(next.position.length).step(next, stepSize, key);
      return [
        {
          position: next.position,
          momentum: next.momentum,
          energy: next.potentialEnergy,
          gradient: next.gradient,
        },
        {
          acceptanceProbability: 1,
          accepted: true,
          divergent: hasDiverged(next.potentialEnergy, next.position),
          gradientEvaluations: 1,
          kineticEnergy: kineticEnergy(next.momentum, inverseMass),
        },
      ];
    },
  };
}
