/**
 * The Metropolis correction of Hamiltonian Monte Carlo: a trajectory that ends with energy
 * error ΔH = H(end) − H(start) is accepted with probability min(1, exp(−ΔH/T)). An exact
 * integrator (ΔH = 0) is always accepted; the correction removes the integrator's bias whatever
 * the step size. The exponential is `portableExp` and the test is `u < probability`, so chains
 * are bit-identical across JavaScript engines.
 */
import { portableExp } from '../../core/random/index.js';

/**
 * min(1, exp(−energyError/T)): 1 when the Hamiltonian did not rise, 0 for a NaN or +∞ error
 * (a trajectory that blew up).
 *
 * @param energyError H(proposal) − H(current).
 * @param temperature T > 0.
 */
export function hamiltonianAcceptanceProbability(energyError: number, temperature: number): number {
  if (energyError <= 0) return 1;
  if (!(energyError < Number.POSITIVE_INFINITY)) return 0;
  return portableExp(-energyError / temperature);
}

/**
 * The accept decision for a uniform `u` in [0, 1): `u < probability`, true with probability
 * exactly `probability` on the 2^-53 grid (always for 1, never for 0).
 */
export function metropolisAccept(uniform: number, probability: number): boolean {
  return uniform < probability;
}

/**
 * Whether a trajectory diverged: its energy error, in units of the temperature, exceeds
 * `divergenceThreshold` or is not a number. A divergence means the step size is too large for
 * the local curvature (Betancourt 2017, §6.2); Stan's threshold is 1000.
 */
export function isDivergent(energyError: number, temperature: number, divergenceThreshold: number): boolean {
  return !(energyError / temperature <= divergenceThreshold);
}
