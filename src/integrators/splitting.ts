/**
 * Palindromic kick–drift splittings: the family that holds leapfrog, McLachlan's minimum-error
 * method and Yoshida's fourth-order triple jump. A step of size h is
 *
 *   kick(b₀h) drift(a₀h) kick(b₁h) drift(a₁h) … drift(a_{k−1}h) kick(b_k h),
 *
 * where kick(τ): p ← p − τ∇U(q) and drift(τ): q ← q + τM⁻¹p are exact flows of U and of the
 * kinetic energy. Every such composition is symplectic; a palindromic one (b_j = b_{k−j},
 * a_j = a_{k−1−j}) is also time-reversible, hence of even order. Consistency needs Σa = Σb = 1.
 * A step costs k gradients: the last kick's force is cached for the next step's first kick.
 */
import type { Energy } from '../energies/energy.js';
import type { Integrator, PhaseSpaceState } from './integrator.js';
import { assertEnergy, assertStep, inverseMassOf } from './validate.js';

/** The coefficients of a kick–drift splitting (see the module comment). */
export interface SplittingCoefficients {
  /** Name reported by the integrators. */
  name: string;
  /** Order of the method (not checked: it is a property of the coefficients). */
  order: number;
  /** b₀ … b_k: k + 1 kick fractions of the step, summing to 1. */
  kicks: readonly number[];
  /** a₀ … a_{k−1}: k drift fractions of the step, summing to 1. */
  drifts: readonly number[];
}

/**
 * An integrator factory (an `IntegratorFactory` whose inverse mass defaults to the identity) for the kick–drift splitting with the given coefficients. Checks
 * consistency (Σa = Σb = 1) and the palindrome, which reversibility (and HMC) relies on.
 */
export function kickDriftSplitting(
  coefficients: SplittingCoefficients,
): (energy: Energy, inverseMassDiagonal?: Float64Array) => Integrator {
  const { name, order } = coefficients;
  const where = `kickDriftSplitting(${name})`;
  const kicks = Float64Array.from(coefficients.kicks);
  const drifts = Float64Array.from(coefficients.drifts);
  const stages = drifts.length;
  if (stages < 1 || kicks.length !== stages + 1) {
    throw new RangeError(
      `${where}: needs k ≥ 1 drifts and k + 1 kicks, got ${drifts.length} and ${kicks.length}`,
    );
  }
  const total = (values: Float64Array) => values.reduce((s, v) => s + v, 0);
  if (Math.abs(total(kicks) - 1) > 1e-12 || Math.abs(total(drifts) - 1) > 1e-12) {
    throw new RangeError(
      `${where}: kick and drift fractions must each sum to 1, got ${total(kicks)} and ${total(drifts)}`,
    );
  }
  for (let j = 0; j <= stages; j++) {
    const mirroredDrift = j < stages && Math.abs(drifts[j] - drifts[stages - 1 - j]) > 1e-15;
    if (Math.abs(kicks[j] - kicks[stages - j]) > 1e-15 || mirroredDrift) {
      throw new RangeError(
        `${where}: the coefficients must be palindromic (symmetric) for a reversible method`,
      );
    }
  }
  return (energy: Energy, inverseMassDiagonal?: Float64Array): Integrator => {
    assertEnergy(name, energy);
    const inverseMass = inverseMassOf(name, energy, inverseMassDiagonal);
    const n = energy.dimension;
    return {
      name,
      order,
      gradientEvaluationsPerStep: stages,
      step(state: PhaseSpaceState, stepSize: number): PhaseSpaceState {
        assertStep(name, n, state.position, stepSize);
        const { position: q, momentum: p, gradient: g } = state;
        for (let s = 0; s < stages; s++) {
          const kick = kicks[s] * stepSize;
          const drift = drifts[s] * stepSize;
          for (let i = 0; i < n; i++) {
            p[i] -= kick * g[i];
            q[i] += drift * inverseMass[i] * p[i];
          }
          state.potentialEnergy = energy.energyAndGradient(q, g);
        }
        const lastKick = kicks[stages] * stepSize;
        for (let i = 0; i < n; i++) p[i] -= lastKick * g[i];
        return state;
      },
    };
  };
}
