/**
 * Particle rollouts with velocity Verlet (kick–drift–kick) under any position-dependent
 * force, learned or true:
 *
 *   v ← v + (h/2) F(x)/m,   x ← x + h v,   v ← v + (h/2) F(x)/m.
 *
 * This is physml's `leapfrog` written for a force instead of an `Energy` (a learned pair force
 * comes without its potential). Each kick changes the total momentum Σ m_i v_i by
 * (h/2) Σ_i F_i, so a force with Σ_i F_i = 0 (Newton's third law) keeps it constant up to
 * rounding, whatever the step: the property the interaction network is built to have.
 */

/** Writes the forces [N·D] at positions [N·D] into `out`. */
export type ParticleForce = (positions: Float64Array, out: Float64Array) => void;

/** Options of {@link velocityVerletRollout}. */
export interface VelocityVerletOptions {
  /** Particle masses (N positive numbers). */
  masses: ArrayLike<number>;
  /** D ≥ 1. */
  spatialDimension: number;
  /** Initial positions [N·D] (copied). */
  positions: ArrayLike<number>;
  /** Initial velocities [N·D] (copied). */
  velocities: ArrayLike<number>;
  /** h > 0. */
  stepSize: number;
  /** Number of steps, an integer ≥ 0. */
  numSteps: number;
  /** Keep every `saveEvery`-th state (default 1); the initial state is always kept. */
  saveEvery?: number;
}

/** Saved frames of a particle rollout. */
export interface ParticleRollout {
  /** Times of the frames [frameCount]. */
  readonly times: Float64Array;
  /** Positions [frameCount, N·D]. */
  readonly positions: Float64Array;
  /** Velocities [frameCount, N·D]. */
  readonly velocities: Float64Array;
  /** Total momentum Σ_i m_i v_i of every frame [frameCount, D]. */
  readonly momentum: Float64Array;
}

/** Total momentum Σ_i m_i v_i [D] of velocities [N·D]. */
export function totalMomentum(
  masses: ArrayLike<number>,
  velocities: ArrayLike<number>,
  spatialDimension: number,
): Float64Array {
  const out = new Float64Array(spatialDimension);
  for (let i = 0; i < masses.length; i++) {
    for (let a = 0; a < spatialDimension; a++) out[a] += masses[i] * velocities[i * spatialDimension + a];
  }
  return out;
}

/** Integrates N particles under `force` with velocity Verlet (see the module comment). */
export function velocityVerletRollout(force: ParticleForce, options: VelocityVerletOptions): ParticleRollout {
  if (typeof force !== 'function') throw new Error('force must be a function (positions, out) => void');
  const d = options.spatialDimension;
  if (!Number.isInteger(d) || d < 1)
    throw new Error(`spatialDimension must be a positive integer, got ${String(d)}`);
  const masses = Float64Array.from(options.masses ?? []);
  const n = masses.length;
  if (n < 1 || masses.some((m) => !(m > 0) || !Number.isFinite(m))) {
    throw new Error('masses must be at least one finite number > 0');
  }
  const x = Float64Array.from(options.positions ?? []);
  const v = Float64Array.from(options.velocities ?? []);
  if (x.length !== n * d || v.length !== n * d) {
    throw new Error(`positions and velocities must each have N·D = ${n * d} entries`);
  }
  const { stepSize, numSteps } = options;
  if (typeof stepSize !== 'number' || !(stepSize > 0) || !Number.isFinite(stepSize)) {
    throw new Error(`stepSize must be a finite number > 0, got ${String(stepSize)}`);
  }
  if (!Number.isInteger(numSteps) || numSteps < 0 || numSteps > 1e9) {
    throw new Error(`numSteps must be an integer in [0, 1e9], got ${String(numSteps)}`);
  }
  const saveEvery = options.saveEvery ?? 1;
  if (!Number.isInteger(saveEvery) || saveEvery < 1) {
    throw new Error(`saveEvery must be a positive integer, got ${String(saveEvery)}`);
  }
  const frameCount = Math.floor(numSteps / saveEvery) + 1;
  const times = new Float64Array(frameCount);
  const positions = new Float64Array(frameCount * n * d);
  const velocities = new Float64Array(frameCount * n * d);
  const momentum = new Float64Array(frameCount * d);
  const save = (frame: number, time: number) => {
    times[frame] = time;
    positions.set(x, frame * n * d);
    velocities.set(v, frame * n * d);
    momentum.set(totalMomentum(masses, v, d), frame * d);
  };
  const halfKick = new Float64Array(n * d);
  for (let i = 0; i < n * d; i++) halfKick[i] = (0.5 * stepSize) / masses[Math.floor(i / d)];
  const f = new Float64Array(n * d);
  force(x, f);
  save(0, 0);
  let frame = 1;
  for (let step = 1; step <= numSteps; step++) {
    for (let i = 0; i < n * d; i++) {
      v[i] += halfKick[i] * f[i];
      x[i] += stepSize * v[i];
    }
    force(x, f);
    for (let i = 0; i < n * d; i++) v[i] += halfKick[i] * f[i];
    if (step % saveEvery === 0) save(frame++, step * stepSize);
  }
  return { times, positions, velocities, momentum };
}
