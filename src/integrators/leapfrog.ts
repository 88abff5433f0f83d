/**
 * Leapfrog, in its velocity-Verlet form (kick–drift–kick):
 *
 *   p ← p − (h/2)∇U(q),   q ← q + h M⁻¹p,   p ← p − (h/2)∇U(q).
 *
 * Second order, symplectic (it preserves phase-space volume and a modified Hamiltonian
 * H̃ = H + O(h²), so the energy error stays bounded over exponentially long times) and
 * time-reversible (flip p, step, flip p: the inverse step). These two properties are exactly
 * what makes the HMC proposal exact after a Metropolis test. The force at the end of a step is
 * the force at the start of the next, so a step costs one gradient.
 */
import type { Energy } from '../energies/energy.js';
import type { Integrator, PhaseSpaceState } from './integrator.js';
import { assertEnergy, assertStep, inverseMassOf } from './validate.js';

/**
 * Velocity Verlet on H = U(q) + ½pᵀM⁻¹p (M⁻¹ diagonal, identity by default; the array is read
 * at every step, so a sampler may adapt it in place). Exact for a linear potential (free fall).
 * One gradient per step; allocates nothing.
 */
export function leapfrog(energy: Energy, inverseMassDiagonal?: Float64Array): Integrator {
  const where = 'leapfrog';
  assertEnergy(where, energy);
  const inverseMass = inverseMassOf(where, energy, inverseMassDiagonal);
  const n = energy.dimension;
  return {
    name: 'leapfrog',
    order: 2,
    gradientEvaluationsPerStep: 1,
    step(state: PhaseSpaceState, stepSize: number): PhaseSpaceState {
      assertStep(where, n, state.position, stepSize);
      const { position: q, momentum: p, gradient: g } = state;
      const halfStep = 0.5 * stepSize;
      for (let i = 0; i < n; i++) {
        p[i] -= halfStep * g[i];
        q[i] += stepSize * inverseMass[i] * p[i];
      }
      state.potentialEnergy = energy.energyAndGradient(q, g);
      for (let i = 0; i < n; i++) p[i] -= halfStep * g[i];
      return state;
    },
  };
}
