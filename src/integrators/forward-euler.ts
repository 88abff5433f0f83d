/**
 * Forward (explicit) Euler for Hamilton's equations q' = M⁻¹p, p' = −∇U(q): both q and p are
 * updated from the SAME old state,
 *
 *   q_{n+1} = q_n + h M⁻¹ p_n,   p_{n+1} = p_n − h ∇U(q_n).
 *
 * First order and NOT symplectic: on the harmonic oscillator each step multiplies the energy by
 * exactly 1 + h²ω², so energy grows without bound. (Symplectic Euler, which kicks with the new
 * position, is a different method; leapfrog is two of its halves.) It is here as the baseline
 * that shows why the symplectic integrators matter, and because gradient descent is forward
 * Euler on gradient flow.
 */
import type { Energy } from '../energies/energy.js';
import type { Integrator, PhaseSpaceState } from './integrator.js';
import { assertEnergy, assertStep, inverseMassOf } from './validate.js';

/**
 * Forward Euler on H = U(q) + ½pᵀM⁻¹p (M⁻¹ diagonal; identity by default). One gradient per
 * step (the cached ∇U(q_n) is the force); allocates nothing per step.
 */
export function forwardEuler(energy: Energy, inverseMassDiagonal?: Float64Array): Integrator {
  const where = 'forwardEuler';
  assertEnergy(where, energy);
  const inverseMass = inverseMassOf(where, energy, inverseMassDiagonal);
  const n = energy.dimension;
  return {
    name: 'forward-euler',
    order: 1,
    gradientEvaluationsPerStep: 1,
    step(state: PhaseSpaceState, stepSize: number): PhaseSpaceState {
      assertStep(where, n, state.position, stepSize);
      const { position: q, momentum: p, gradient: g } = state;
      // q moves with the old p, then p is kicked with the old force.
      for (let i = 0; i < n; i++) {
        q[i] += stepSize * inverseMass[i] * p[i];
        p[i] -= stepSize * g[i];
      }
      state.potentialEnergy = energy.energyAndGradient(q, g);
      return state;
    },
  };
}
