/**
 * Integrators: the discretized dynamics that optimizers and samplers are built from.
 *
 * Deterministic (Hamiltonian, H = U(q) + ½pᵀM⁻¹p, M diagonal): an `IntegratorFactory`
 * `(energy, inverseMassDiagonal?) → Integrator` whose `step(state, stepSize)` advances a
 * `PhaseSpaceState` in place, reusing the cached gradient (allocation-free).
 *   - `forwardEuler`: order 1, not symplectic (energy grows); the baseline.
 *   - `leapfrog`: velocity Verlet, order 2, symplectic, reversible; 1 gradient per step.
 *   - `mclachlan`: 2-stage minimum-error splitting, order 2; 2 gradients per step.
 *   - `yoshida4`: Yoshida/Forest–Ruth triple jump, order 4; 3 gradients per step.
 *   - `kickDriftSplitting`: build your own palindromic splitting from coefficients.
 *
 * Stochastic (Langevin): a `StochasticIntegrator` whose `step(state, stepSize, noise)` takes a
 * `RandomStream` (hot loops, allocation-free) or a `Key` (a fresh stream for that step); the
 * `temperature` may be changed between steps.
 *   - `baoab(energy, { inverseMassDiagonal, friction, temperature })`: underdamped Langevin,
 *     on `PhaseSpaceState`s.
 *   - `eulerMaruyama(energy, { temperature, mobility })`: overdamped Langevin (ULA), on
 *     `OverdampedState`s (or phase-space states, ignoring the momentum).
 *
 * ```ts
 * const u = doubleWellEnergy();
 * const integrator = baoab(u, { friction: 1, temperature: 0.3 });
 * const state = phaseSpaceState(u, [1], [0]);
 * const stream = new RandomStream(makeKey(7));
 * for (let t = 0; t < 1000; t++) integrator.step(state, 0.05, stream);
 * ```
 */

export { type BaoabIntegrator, type BaoabOptions, baoab } from './baoab.js';
export { type EulerMaruyamaOptions, eulerMaruyama } from './euler-maruyama.js';
export { forwardEuler } from './forward-euler.js';
export {
  advance,
  assignPhaseSpaceState,
  copyPhaseSpaceState,
  hamiltonian,
  type Integrator,
  type IntegratorFactory,
  kineticEnergy,
  type PhaseSpaceState,
  phaseSpaceState,
} from './integrator.js';
export { leapfrog } from './leapfrog.js';
export { MCLACHLAN_KICK_WEIGHT, mclachlan } from './mclachlan.js';
export { kickDriftSplitting, type SplittingCoefficients } from './splitting.js';
export {
  type NoiseSource,
  type OverdampedState,
  overdampedState,
  type StochasticIntegrator,
} from './stochastic.js';
export { YOSHIDA_INNER_WEIGHT, YOSHIDA_OUTER_WEIGHT, yoshida4 } from './yoshida4.js';
