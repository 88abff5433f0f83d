/**
 * Single-spin-flip Monte Carlo sweeps at inverse temperature β = 1/T: Metropolis, heat bath
 * (Glauber/Gibbs) and the zero-temperature greedy descent that ends an annealing run.
 *
 * A sweep visits the spins in order 0 … N − 1. Each single-site update leaves the Boltzmann
 * distribution exp(−βH)/Z invariant, so the sequential composition does too (it satisfies
 * balance, not detailed balance, which is all a stationary chain needs). The kernels take β
 * rather than T so that β = 0 (every flip accepted: uniform spins) and β = ∞ (greedy) are both
 * exact, which annealed importance sampling and thermodynamic integration rely on.
 *
 * Acceptance decisions use `portableExp` and one 53-bit uniform per test, so runs are
 * bit-identical in every JavaScript engine.
 */
import { portableExp, type RandomStream } from '../../core/random/index.js';
import { describe } from '../../core/validate.js';
import { flipEnergyChange, flipSpin, type SpinState } from './spin-state.js';

/** The single-spin-flip update rules. */
export type SpinUpdateRule = 'metropolis' | 'heat-bath';

/** The update rules, for validation and option lists. */
export const SPIN_UPDATE_RULES: readonly SpinUpdateRule[] = ['metropolis', 'heat-bath'];

function assertInverseTemperature(where: string, inverseTemperature: unknown): void {
  if (typeof inverseTemperature !== 'number' || !(inverseTemperature >= 0)) {
    throw new RangeError(
      `${where}: inverseTemperature must be a number in [0, ∞] (β = 1/T), got ${describe(inverseTemperature)}`,
    );
  }
}

/**
 * One Metropolis sweep: for each spin, flip with probability min(1, exp(−β ΔE)). A uniform is
 * drawn only when ΔE > 0 (downhill and level moves are always accepted). Returns the number of
 * spins flipped.
 */
export function metropolisSweep(state: SpinState, inverseTemperature: number, stream: RandomStream): number {
  assertInverseTemperature('metropolisSweep', inverseTemperature);
  const size = state.system.size;
  const { spins, localFields } = state;
  let flips = 0;
  for (let i = 0; i < size; i++) {
    const change = 2 * spins[i] * localFields[i];
    if (change > 0) {
      if (inverseTemperature === Number.POSITIVE_INFINITY) continue;
      if (inverseTemperature !== 0 && !(stream.nextUniform() < portableExp(-inverseTemperature * change)))
        continue;
    }
    flipSpin(state, i);
    flips++;
  }
  return flips;
}

/**
 * One heat-bath sweep: each spin in turn is drawn from its conditional distribution,
 * P(s_i = +1 | rest) = 1 / (1 + exp(−2β φ_i)), with one uniform per spin. At β = ∞ a spin
 * aligns with its field (and a spin in zero field is drawn at random). Returns the number of
 * spins that changed.
 */
export function heatBathSweep(state: SpinState, inverseTemperature: number, stream: RandomStream): number {
  assertInverseTemperature('heatBathSweep', inverseTemperature);
  const size = state.system.size;
  const { spins, localFields } = state;
  let flips = 0;
  for (let i = 0; i < size; i++) {
    const field = localFields[i];
    const u = stream.nextUniform();
    let up: boolean;
    if (inverseTemperature === Number.POSITIVE_INFINITY && field !== 0) up = field > 0;
    else if (inverseTemperature === 0 || field === 0) up = u < 0.5;
    else up = u < 1 / (1 + portableExp(-2 * inverseTemperature * field));
    if ((spins[i] === 1) !== up) {
      flipSpin(state, i);
      flips++;
    }
  }
  return flips;
}

/** One sweep of the given rule; returns the number of spins flipped. */
export function spinSweep(
  state: SpinState,
  inverseTemperature: number,
  stream: RandomStream,
  rule: SpinUpdateRule,
): number {
  return rule === 'heat-bath'
    ? heatBathSweep(state, inverseTemperature, stream)
    : metropolisSweep(state, inverseTemperature, stream);
}

/**
 * Zero-temperature descent: sweeps flipping every spin whose flip strictly lowers the energy,
 * until a full sweep changes nothing. The result is a local minimum under single flips (a
 * "one-spin-flip stable" state). Deterministic; returns the number of flips made. `tolerance`
 * guards against flipping back and forth over rounding-level energy changes.
 */
export function greedyDescent(state: SpinState, tolerance = 1e-12 * state.system.energyScale): number {
  const size = state.system.size;
  let flips = 0;
  for (let changed = true; changed; ) {
    changed = false;
    for (let i = 0; i < size; i++) {
      if (flipEnergyChange(state, i) < -tolerance) {
        flipSpin(state, i);
        flips++;
        changed = true;
      }
    }
  }
  return flips;
}
