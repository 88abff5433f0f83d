/**
 * The HMC proposal: L steps of a volume-preserving, time-reversible integrator from (q, p).
 * Reversibility plus the momentum flip (implicit: the kinetic energy is even in p) makes the
 * map an involution, so the Metropolis test on the energy error alone is exact.
 */
import type { Integrator, PhaseSpaceState } from '../../integrators/integrator.js';

/**
 * Advances `state` in place by `numSteps` steps of `integrator` with step `stepSize` and
 * returns the number of steps taken (one gradient evaluation each). Stops early once the
 * potential energy is no longer finite: the trajectory has blown up, the proposal will be
 * rejected whatever comes next, and further steps only spend gradients on NaNs.
 */
export function integrateTrajectory(
  integrator: Integrator,
  state: PhaseSpaceState,
  stepSize: number,
  numSteps: number,
): number {
  for (let step = 1; step <= numSteps; step++) {
    integrator.step(state, stepSize);
    if (!Number.isFinite(state.potentialEnergy)) return step;
  }
  return numSteps;
}
