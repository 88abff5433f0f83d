/**
 * Rollouts of a learned (or true) vector field from a batch of initial states.
 *
 * physml's `leapfrog` and `yoshida4` need a separable H = U(q) + ½pᵀM⁻¹p; a learned H_θ(q, p)
 * is not separable and the baseline's field is not Hamiltonian at all. Two methods work for
 * any field f:
 *
 * - `'rk4'` (default): classical explicit Runge–Kutta, order 4. This is the protocol of
 *   Greydanus et al. (scipy's RK45 at tight tolerance) and treats HNN and baseline alike; at a
 *   small step the integrator's own energy error (∝ h⁴ per unit time) is far below the models'
 *   errors, so the comparison measures the models, not the integrator.
 * - `'implicit-midpoint'`: y' = y + h f((y + y')/2), order 2, symplectic for EVERY Hamiltonian
 *   field, separable or not. On an HNN it conserves a modified H_θ over exponentially long
 *   times (no integrator drift at all); it conserves quadratic invariants exactly (the spring's
 *   H up to the solver tolerance). Solved by fixed-point iteration, which converges for
 *   h·Lip(f) < 2; a step that does not converge throws.
 *
 * States are interleaved [trajectory][2d]; a field maps such a batch to its derivatives, so
 * one network call serves every trajectory of the batch.
 */
import type { VectorFieldModel } from './hamiltonian-network.js';
import type { HamiltonianSystem } from './systems.js';

/** dx/dt of a batch of interleaved states (same length in and out). */
export type BatchVectorField = (states: Float64Array) => Float64Array;

/** How a rollout integrates (see the module comment). */
export type RolloutMethod = 'rk4' | 'implicit-midpoint';

/** Options of {@link rollout}. */
export interface RolloutOptions {
  /** Time step h > 0. */
  stepSize: number;
  /** Number of steps, an integer ≥ 0. */
  numSteps: number;
  /** Integration method (default 'rk4'). */
  method?: RolloutMethod;
  /** Keep every `saveEvery`-th state (default 1); the initial state is always kept. */
  saveEvery?: number;
  /** Implicit midpoint: stop iterating when max|Δ| ≤ tolerance·(1 + max|y|) (default 1e-13). */
  tolerance?: number;
  /** Implicit midpoint: most fixed-point iterations per step (default 100). */
  maxIterations?: number;
}

/** A batch of trajectories sampled at common times. */
export interface Rollout {
  /** Entries per state (2d). */
  readonly stateLength: number;
  readonly trajectoryCount: number;
  /** Times of the saved frames [frameCount] (the initial state at t = 0). */
  readonly times: Float64Array;
  /** Saved states [frameCount, trajectoryCount, stateLength]. */
  readonly states: Float64Array;
}

/** The field of a trained model (HNN or baseline) at `parameters`. */
export function modelVectorField(model: VectorFieldModel, parameters: Float64Array): BatchVectorField {
  return (states) => model.evaluate(parameters, states);
}

/** The exact field of a system. */
export function systemVectorField(system: HamiltonianSystem): BatchVectorField {
  return (states) => system.vectorField(states);
}

function checkField(field: BatchVectorField, states: Float64Array): Float64Array {
  const out = field(states);
  if (!(out instanceof Float64Array) || out.length !== states.length) {
    throw new Error(`the vector field must return a Float64Array of ${states.length} entries`);
  }
  return out;
}

function rk4Step(field: BatchVectorField, y: Float64Array, h: number): void {
  const n = y.length;
  const stage = new Float64Array(n);
  const k1 = checkField(field, y);
  for (let i = 0; i < n; i++) stage[i] = y[i] + 0.5 * h * k1[i];
  const k2 = checkField(field, stage);
  for (let i = 0; i < n; i++) stage[i] = y[i] + 0.5 * h * k2[i];
  const k3 = checkField(field, stage);
  for (let i = 0; i < n; i++) stage[i] = y[i] + h * k3[i];
  const k4 = checkField(field, stage);
  for (let i = 0; i < n; i++) y[i] += (h / 6) * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
}

function implicitMidpointStep(
  field: BatchVectorField,
  y: Float64Array,
  h: number,
  tolerance: number,
  maxIterations: number,
): void {
  const n = y.length;
  const midpoint = new Float64Array(n);
  // Start from the explicit Euler guess for y'.
  const next = checkField(field, y);
  for (let i = 0; i < n; i++) next[i] = y[i] + h * next[i];
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    for (let i = 0; i < n; i++) midpoint[i] = 0.5 * (y[i] + next[i]);
    const slope = checkField(field, midpoint);
    let change = 0;
    let size = 0;
    for (let i = 0; i < n; i++) {
      const value = y[i] + h * slope[i];
      change = Math.max(change, Math.abs(value - next[i]));
      size = Math.max(size, Math.abs(value));
      next[i] = value;
    }
    if (!Number.isFinite(change)) break;
    if (change <= tolerance * (1 + size)) {
      y.set(next);
      return;
    }
  }
  throw new Error(
    `implicit midpoint did not converge in ${maxIterations} iterations at stepSize ${h}; use a smaller stepSize`,
  );
}

/**
 * Integrates `field` from `initialStates` (interleaved, `stateLength` entries each) for
 * `numSteps` steps of size `stepSize`:
 *
 * ```ts
 * const path = rollout(modelVectorField(hnn, theta), test.initialStates, 2, { stepSize: 0.01, numSteps: 2000 });
 * const energies = energyAlongRollout(massSpring(), path);
 * ```
 */
export function rollout(
  field: BatchVectorField,
  initialStates: Float64Array,
  stateLength: number,
  options: RolloutOptions,
): Rollout {
  if (typeof field !== 'function') throw new Error('field must be a function of a batch of states');
  if (!Number.isInteger(stateLength) || stateLength < 1) {
    throw new Error(`stateLength must be a positive integer, got ${String(stateLength)}`);
  }
  if (!(initialStates instanceof Float64Array) || initialStates.length % stateLength !== 0) {
    throw new Error(`initialStates must be a Float64Array of interleaved states of ${stateLength} entries`);
  }
  const { stepSize, numSteps } = options;
  if (typeof stepSize !== 'number' || !(stepSize > 0) || !Number.isFinite(stepSize)) {
    throw new Error(`stepSize must be a finite number > 0, got ${String(stepSize)}`);
  }
  if (!Number.isInteger(numSteps) || numSteps < 0 || numSteps > 1e9) {
    throw new Error(`numSteps must be an integer in [0, 1e9], got ${String(numSteps)}`);
  }
  const method = options.method ?? 'rk4';
  if (method !== 'rk4' && method !== 'implicit-midpoint') {
    throw new Error(`method must be 'rk4' or 'implicit-midpoint', got ${String(method)}`);
  }
  const saveEvery = options.saveEvery ?? 1;
  if (!Number.isInteger(saveEvery) || saveEvery < 1) {
    throw new Error(`saveEvery must be a positive integer, got ${String(saveEvery)}`);
  }
  const tolerance = options.tolerance ?? 1e-13;
  if (!(tolerance > 0) || !Number.isFinite(tolerance)) {
    throw new Error(`tolerance must be a finite number > 0, got ${String(tolerance)}`);
  }
  const maxIterations = options.maxIterations ?? 100;
  if (!Number.isInteger(maxIterations) || maxIterations < 1) {
    throw new Error(`maxIterations must be a positive integer, got ${String(maxIterations)}`);
  }
  const frameCount = Math.floor(numSteps / saveEvery) + 1;
  const states = new Float64Array(frameCount * initialStates.length);
  const times = new Float64Array(frameCount);
  const y = Float64Array.from(initialStates);
  states.set(y, 0);
  let frame = 1;
  for (let step = 1; step <= numSteps; step++) {
    if (method === 'rk4') rk4Step(field, y, stepSize);
    else implicitMidpointStep(field, y, stepSize, tolerance, maxIterations);
    if (step % saveEvery === 0) {
      times[frame] = step * stepSize;
      states.set(y, frame * y.length);
      frame++;
    }
  }
  return { stateLength, trajectoryCount: initialStates.length / stateLength, times, states };
}
