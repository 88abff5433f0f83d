/**
 * The contract of the stochastic integrators (Langevin dynamics), next to the deterministic
 * `Integrator`: a step takes, besides the state and the step size, a source of Gaussian noise.
 *
 *   step(state, stepSize, noise)   // noise: a RandomStream (hot loops) or a Key
 *
 * With a `RandomStream` a long run allocates nothing and draws its normals in order, so a run is
 * a pure function of the stream's key and the initial state. With a `Key` a fresh stream is made
 * for the step (one small allocation), which fits samplers that receive a key per step
 * (`step(key, state)` in `mcmc/`). At temperature 0 no noise is drawn: the dynamics is then a
 * deterministic optimizer (overdamped: gradient descent; underdamped: heavy ball).
 */

import { type Key, RandomStream } from '../core/random/index.js';
import type { Energy } from '../energies/energy.js';

/** Where a step's Gaussian noise comes from: a stream (no allocation) or a key (a fresh stream). */
export type NoiseSource = RandomStream | Key;

/** A configuration x with U(x) and ∇U(x) cached (a `PhaseSpaceState` is one too). */
export interface OverdampedState {
  position: Float64Array;
  /** U(position). */
  potentialEnergy: number;
  /** ∇U(position). */
  gradient: Float64Array;
}

/** A stochastic map of the state (one step of size `stepSize` > 0), advancing it in place. */
export interface StochasticIntegrator<State extends OverdampedState> {
  readonly name: string;
  /** Weak order: the error of long-time averages ∝ stepSize^weakOrder. */
  readonly weakOrder: number;
  /** Gradient evaluations per step. */
  readonly gradientEvaluationsPerStep: number;
  /** The temperature T ≥ 0; may be changed between steps (annealing, cyclic schedules). */
  temperature: number;
  /** Advances `state` in place by one step and returns it. */
  step(state: State, stepSize: number, noise: NoiseSource): State;
}

/** Builds an overdamped state at `position` (copied), evaluating U and ∇U. */
export function overdampedState(energy: Energy, position: ArrayLike<number>): OverdampedState {
  const q = Float64Array.from(position);
  const gradient = new Float64Array(q.length);
  const potentialEnergy = energy.energyAndGradient(q, gradient);
  return { position: q, potentialEnergy, gradient };
}

/** The stream to draw a step's noise from (a `Key` gets a fresh stream). */
export function noiseStream(where: string, noise: NoiseSource): RandomStream {
  if (noise instanceof RandomStream) return noise;
  if (noise instanceof Uint32Array) return new RandomStream(noise);
  throw new TypeError(`${where}: noise must be a RandomStream or a Key (Uint32Array)`);
}
