/**
 * The metrics of Greydanus et al. (2019) for learned dynamics, all measured with the TRUE
 * physics: the vector-field MSE on held-out states, the true energy H of the rolled-out
 * states, its mean squared deviation from the initial (conserved) energy along the rollout
 * ("energy MSE", the figure of their README: 1.7e-1 baseline vs 3.8e-4 HNN on the spring),
 * the energy drift at the end of the rollout, and the state error against the true
 * trajectories.
 */
import type { VectorFieldModel } from './hamiltonian-network.js';
import type { Rollout } from './rollout.js';
import type { HamiltonianSystem, TrajectoryOptions } from './systems.js';
import { checkVectorFieldData, type VectorFieldData } from './training.js';

/** Mean over pairs and coordinates of (f_θ(x) − ẋ)², evaluated without a graph. */
export function vectorFieldMse(
  model: VectorFieldModel,
  parameters: Float64Array,
  data: VectorFieldData,
): number {
  checkVectorFieldData(data, 2 * model.degreesOfFreedom);
  const predicted = model.evaluate(parameters, data.states);
  let total = 0;
  for (let i = 0; i < predicted.length; i++) {
    const error = predicted[i] - data.derivatives[i];
    total += error * error;
  }
  return total / predicted.length;
}

function checkRollout(system: HamiltonianSystem, path: Rollout): void {
  if (path === null || typeof path !== 'object' || path.stateLength !== 2 * system.degreesOfFreedom) {
    throw new Error(
      `rollout must hold states of 2d = ${2 * system.degreesOfFreedom} entries for ${system.name}`,
    );
  }
}

/** The true energy of every saved state: [frameCount, trajectoryCount], row-major. */
export function energyAlongRollout(system: HamiltonianSystem, path: Rollout): Float64Array {
  checkRollout(system, path);
  const width = path.stateLength;
  const count = path.states.length / width;
  const energies = new Float64Array(count);
  for (let i = 0; i < count; i++)
    energies[i] = system.energy(path.states.subarray(i * width, (i + 1) * width));
  return energies;
}

/**
 * Mean over frames and trajectories of (H(x̂_t) − H(x₀))²: the true dynamics conserve H, so
 * any deviation is the model's (and the integrator's) error.
 */
export function energyMse(system: HamiltonianSystem, path: Rollout): number {
  const energies = energyAlongRollout(system, path);
  const n = path.trajectoryCount;
  let total = 0;
  for (let i = 0; i < energies.length; i++) {
    const error = energies[i] - energies[i % n];
    total += error * error;
  }
  return total / energies.length;
}

/** Mean over trajectories of |H(x̂_T) − H(x₀)| at the last saved frame. */
export function energyDrift(system: HamiltonianSystem, path: Rollout): number {
  const energies = energyAlongRollout(system, path);
  const n = path.trajectoryCount;
  const last = energies.length - n;
  let total = 0;
  for (let b = 0; b < n; b++) total += Math.abs(energies[last + b] - energies[b]);
  return total / n;
}

/** The true trajectories from a rollout's initial states, saved at the rollout's times. */
export function referenceRollout(
  system: HamiltonianSystem,
  path: Rollout,
  options: TrajectoryOptions = {},
): Rollout {
  checkRollout(system, path);
  const width = path.stateLength;
  const n = path.trajectoryCount;
  const frames = path.times.length;
  const states = new Float64Array(path.states.length);
  for (let b = 0; b < n; b++) {
    const exact = system.trajectory(path.states.subarray(b * width, (b + 1) * width), path.times, options);
    for (let f = 0; f < frames; f++)
      states.set(exact.subarray(f * width, (f + 1) * width), (f * n + b) * width);
  }
  return { stateLength: width, trajectoryCount: n, times: Float64Array.from(path.times), states };
}

/** Mean over frames, trajectories and coordinates of the squared difference of two rollouts. */
export function stateMse(path: Rollout, reference: Rollout): number {
  if (path.states.length !== reference.states.length || path.stateLength !== reference.stateLength) {
    throw new Error('reference must have the same frames, trajectories and state length as the rollout');
  }
  let total = 0;
  for (let i = 0; i < path.states.length; i++) {
    const error = path.states[i] - reference.states[i];
    total += error * error;
  }
  return total / path.states.length;
}
