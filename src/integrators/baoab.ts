/**
 * BAOAB (Leimkuhler & Matthews 2013, "Rational construction of stochastic numerical methods for
 * molecular sampling"): underdamped Langevin dynamics
 *
 *   dq = M⁻¹p dt,   dp = −∇U(q) dt − γp dt + √(2γT) M^{1/2} dW,
 *
 * split into B (half kick), A (half drift), O (the exact Ornstein–Uhlenbeck flow of the
 * friction and noise for a full step), A, B:
 *
 *   O:  p ← e^{−γh} p + √(T(1 − e^{−2γh})) · M^{1/2} ξ,   ξ ~ N(0, I).
 *
 * Its invariant measure approximates exp(−H/T) with weak order 2 for configurational averages
 * and, on a harmonic potential, gives the position variance T/k exactly at any stable step;
 * the momentum variance is biased by O(h²). At γ = 0 it is leapfrog; at T = 0 it is a damped
 * heavy ball, i.e. momentum gradient descent with a symplectic inner step.
 */
import type { Energy } from '../energies/energy.js';
import type { PhaseSpaceState } from './integrator.js';
import { type NoiseSource, noiseStream, type StochasticIntegrator } from './stochastic.js';
import { assertEnergy, assertNonNegative, assertStep, inverseMassOf } from './validate.js';

/** Options of {@link baoab}. */
export interface BaoabOptions {
  /** Diagonal of M⁻¹ (read at every step); the identity by default. */
  inverseMassDiagonal?: Float64Array;
  /** Friction γ ≥ 0 (1/time); 1 by default. γ = 0 is Hamiltonian (leapfrog). */
  friction?: number;
  /** Temperature T ≥ 0; 1 by default. Settable between steps. */
  temperature?: number;
}

/** The BAOAB integrator; `friction` is fixed, `temperature` may be changed between steps. */
export interface BaoabIntegrator extends StochasticIntegrator<PhaseSpaceState> {
  readonly friction: number;
}

/**
 * Underdamped Langevin by BAOAB. A step costs one gradient (the cached force starts it) and
 * draws n normals from the noise source (none at T = 0); it allocates nothing given a stream.
 */
export function baoab(energy: Energy, options: BaoabOptions = {}): BaoabIntegrator {
  const where = 'baoab';
  assertEnergy(where, energy);
  const inverseMass = inverseMassOf(where, energy, options.inverseMassDiagonal);
  const { friction = 1 } = options;
  assertNonNegative(where, 'friction', friction);
  let temperature = options.temperature ?? 1;
  assertNonNegative(where, 'temperature', temperature);
  const n = energy.dimension;
  return {
    name: 'baoab',
    weakOrder: 2,
    gradientEvaluationsPerStep: 1,
    friction,
    get temperature() {
      return temperature;
    },
    set temperature(value: number) {
      assertNonNegative(`${where}.temperature`, 'temperature', value);
      temperature = value;
    },
    step(state: PhaseSpaceState, stepSize: number, noise: NoiseSource): PhaseSpaceState {
      assertStep(where, n, state.position, stepSize, true);
      const { position: q, momentum: p, gradient: g } = state;
      const halfStep = 0.5 * stepSize;
      const damping = Math.exp(-friction * stepSize);
      // √(T(1 − e^{−2γh})), with expm1 so that small γh keeps its digits.
      const kick = Math.sqrt(-temperature * Math.expm1(-2 * friction * stepSize));
      // B, A
      for (let i = 0; i < n; i++) {
        p[i] -= halfStep * g[i];
        q[i] += halfStep * inverseMass[i] * p[i];
      }
      // O: exact Ornstein–Uhlenbeck; M^{1/2} = 1/√(M⁻¹) per coordinate.
      if (kick > 0) {
        const stream = noiseStream(where, noise);
        for (let i = 0; i < n; i++)
          p[i] = damping * p[i] + (kick / Math.sqrt(inverseMass[i])) * stream.nextNormal();
      } else {
        for (let i = 0; i < n; i++) p[i] *= damping;
      }
      // A, B
      for (let i = 0; i < n; i++) q[i] += halfStep * inverseMass[i] * p[i];
      state.potentialEnergy = energy.energyAndGradient(q, g);
      for (let i = 0; i < n; i++) p[i] -= halfStep * g[i];
      return state;
    },
  };
}
