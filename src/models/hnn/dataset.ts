/**
 * Training data for Hamiltonian networks, built as in Greydanus et al. (2019): random
 * initial states, trajectories observed at evenly spaced times, Gaussian observation noise
 * added to the states, and as targets the time derivatives of the EXACT vector field at the
 * clean (noise-free) states. This is what their reference code does for the mass-spring, the
 * pendulum and two-body data; only their real-pendulum data use finite differences.
 * So a model is asked to map a noisy state to the true derivative, and noise acts as input
 * noise on the regression.
 */
import { fold, type Key, normal, split } from '../../core/random/index.js';
import type { HamiltonianSystem } from './systems.js';

/** Options of {@link hamiltonianDataset}. */
export interface HamiltonianDatasetOptions {
  /** Number of trajectories, an integer ≥ 1 (Greydanus: 25 for training, 25 for testing). */
  trajectoryCount: number;
  /** Observation window [t₀, t₁] (default [0, 3], theirs). */
  timeSpan?: readonly [number, number];
  /** Observations per trajectory, evenly spaced including both ends (default 30, theirs). */
  pointsPerTrajectory?: number;
  /** Std σ ≥ 0 of the Gaussian noise added to every coordinate (default 0.1, theirs). */
  noiseStd?: number;
  /** Largest integrator step for systems without a closed form (default 1e-3). */
  stepSize?: number;
  /** The key of initial states and noise. */
  key: Key;
}

/** (state, time derivative) pairs, trajectory by trajectory. Arrays are row-major. */
export interface HamiltonianDataset {
  readonly degreesOfFreedom: number;
  /** Number of pairs: trajectoryCount × pointsPerTrajectory. */
  readonly count: number;
  readonly trajectoryCount: number;
  readonly pointsPerTrajectory: number;
  /** Observation times of every trajectory [pointsPerTrajectory]. */
  readonly times: Float64Array;
  /** Noisy observed states [count, 2d] (trajectory-major). */
  readonly states: Float64Array;
  /** Exact time derivatives at the clean states [count, 2d]. */
  readonly derivatives: Float64Array;
  /** The clean states [count, 2d]. */
  readonly cleanStates: Float64Array;
  /** Each trajectory's (clean) initial state [trajectoryCount, 2d]. */
  readonly initialStates: Float64Array;
}

function checkInteger(value: number, name: string, low: number, high: number): number {
  if (!Number.isInteger(value) || value < low || value > high) {
    throw new Error(`${name} must be an integer in [${low}, ${high}], got ${String(value)}`);
  }
  return value;
}

/** Draws a Greydanus-style data set for `system` (see the module comment). */
export function hamiltonianDataset(
  system: HamiltonianSystem,
  options: HamiltonianDatasetOptions,
): HamiltonianDataset {
  const trajectoryCount = checkInteger(options.trajectoryCount, 'trajectoryCount', 1, 1_000_000);
  const pointsPerTrajectory = checkInteger(
    options.pointsPerTrajectory ?? 30,
    'pointsPerTrajectory',
    1,
    1_000_000,
  );
  const [start, end] = options.timeSpan ?? [0, 3];
  if (!Number.isFinite(start) || !Number.isFinite(end) || !(end >= start)) {
    throw new Error(`timeSpan must be [t0, t1] with finite t0 ≤ t1, got [${start}, ${end}]`);
  }
  const noiseStd = options.noiseStd ?? 0.1;
  if (typeof noiseStd !== 'number' || !(noiseStd >= 0) || !Number.isFinite(noiseStd)) {
    throw new Error(`noiseStd must be a finite number ≥ 0, got ${String(noiseStd)}`);
  }
  const stateLength = 2 * system.degreesOfFreedom;
  const count = trajectoryCount * pointsPerTrajectory;
  if (count * stateLength > 2 ** 27) {
    throw new Error(
      `trajectoryCount × pointsPerTrajectory = ${count} states is too large (max ${2 ** 27 / stateLength})`,
    );
  }
  const times = new Float64Array(pointsPerTrajectory);
  for (let k = 0; k < pointsPerTrajectory; k++) {
    times[k] = pointsPerTrajectory === 1 ? start : start + ((end - start) * k) / (pointsPerTrajectory - 1);
  }
  const [initialKey, noiseKey] = split(options.key);
  const initialStates = new Float64Array(trajectoryCount * stateLength);
  const cleanStates = new Float64Array(count * stateLength);
  const trajectoryOptions = options.stepSize === undefined ? {} : { stepSize: options.stepSize };
  for (let n = 0; n < trajectoryCount; n++) {
    const initial = system.sampleInitialState(fold(initialKey, n));
    initialStates.set(initial, n * stateLength);
    cleanStates.set(
      system.trajectory(initial, times, trajectoryOptions),
      n * pointsPerTrajectory * stateLength,
    );
  }
  const derivatives = system.vectorField(cleanStates);
  const noise = normal(noiseKey, cleanStates.length, { std: noiseStd });
  const states = new Float64Array(cleanStates.length);
  for (let i = 0; i < states.length; i++) states[i] = cleanStates[i] + noise[i];
  return {
    degreesOfFreedom: system.degreesOfFreedom,
    count,
    trajectoryCount,
    pointsPerTrajectory,
    times,
    states,
    derivatives,
    cleanStates,
    initialStates,
  };
}
