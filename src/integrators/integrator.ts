/**
 * Phase-space integrators for H(q, p) = U(q) + ½ pᵀ M⁻¹ p (M diagonal).
 *
 * A state carries the potential energy and its gradient at `position`, so an integrator
 * evaluates ∇U once per step (the last force is reused as the next first kick). Steps work
 * in place on the state passed in (samplers copy a state before a proposal they may
 * reject), so a long run allocates nothing per step.
 */
import type { Energy } from '../energies/energy.js';

/** A point (q, p) of phase space with U(q) and ∇U(q) cached. */
export interface PhaseSpaceState {
  position: Float64Array;
  momentum: Float64Array;
  /** U(position). */
  potentialEnergy: number;
  /** ∇U(position). */
  gradient: Float64Array;
}

/** A deterministic, volume-preserving map of phase space (one step of size `stepSize`). */
export interface Integrator {
  readonly name: string;
  /** Order of the global error (energy error ∝ stepSize^order on smooth problems). */
  readonly order: number;
  /** Gradient evaluations per step (the cached gradient is reused, so leapfrog costs 1). */
  readonly gradientEvaluationsPerStep?: number;
  /** Advances `state` in place by one step and returns it. */
  step(state: PhaseSpaceState, stepSize: number): PhaseSpaceState;
}

/** A factory: an integrator for an energy and a diagonal inverse mass matrix. */
export type IntegratorFactory = (energy: Energy, inverseMassDiagonal: Float64Array) => Integrator;

/** Builds a state at `position` with momentum `momentum` (both copied), evaluating U and ∇U. */
export function phaseSpaceState(
  energy: Energy,
  position: ArrayLike<number>,
  momentum: ArrayLike<number>,
): PhaseSpaceState {
  const q = Float64Array.from(position);
  const gradient = new Float64Array(q.length);
  const potentialEnergy = energy.energyAndGradient(q, gradient);
  return { position: q, momentum: Float64Array.from(momentum), potentialEnergy, gradient };
}

/** A deep copy (samplers keep the current state while trying a proposal). */
export function copyPhaseSpaceState(state: PhaseSpaceState): PhaseSpaceState {
  return {
    position: Float64Array.from(state.position),
    momentum: Float64Array.from(state.momentum),
    potentialEnergy: state.potentialEnergy,
    gradient: Float64Array.from(state.gradient),
  };
}

/** Copies `source` into `target` without allocating. */
export function assignPhaseSpaceState(target: PhaseSpaceState, source: PhaseSpaceState): PhaseSpaceState {
  target.position.set(source.position);
  target.momentum.set(source.momentum);
  target.gradient.set(source.gradient);
  target.potentialEnergy = source.potentialEnergy;
  return target;
}

/** ½ pᵀ M⁻¹ p. */
export function kineticEnergy(momentum: Float64Array, inverseMassDiagonal: Float64Array): number {
  let s = 0;
  for (let i = 0; i < momentum.length; i++) s += momentum[i] * momentum[i] * inverseMassDiagonal[i];
  return 0.5 * s;
}

/** H(q, p) = U(q) + ½ pᵀ M⁻¹ p. */
export function hamiltonian(state: PhaseSpaceState, inverseMassDiagonal: Float64Array): number {
  return state.potentialEnergy + kineticEnergy(state.momentum, inverseMassDiagonal);
}

/**
 * Advances `state` in place by `numberOfSteps` steps of `integrator` and returns it: a plain
 * trajectory with no accept/reject, e.g. for energy-conservation checks.
 */
export function advance(
  integrator: Integrator,
  state: PhaseSpaceState,
  stepSize: number,
  numberOfSteps: number,
): PhaseSpaceState {
  if (!Number.isInteger(numberOfSteps) || numberOfSteps < 0) {
    throw new RangeError(`advance: numberOfSteps must be an integer ≥ 0, got ${numberOfSteps}`);
  }
  for (let i = 0; i < numberOfSteps; i++) integrator.step(state, stepSize);
  return state;
}
