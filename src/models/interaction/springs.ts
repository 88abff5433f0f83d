/**
 * Simulated springs: N particles in D dimensions, every pair joined by a spring of stiffness k
 * and rest length L,
 *
 *   U(x) = Σ_{i<j} ½ k (‖x_i − x_j‖ − L)²,   f_ij = −k (‖x_ij‖ − L) x_ij/‖x_ij‖,
 *
 * the data source of the interaction network and the EGNN (as in Kipf et al. 2018 and
 * Satorras et al. 2021, here with all pairs connected). The pair force is central and odd,
 * f_ij = −f_ji, so the true dynamics conserve momentum; its magnitude |f_ij| ≤ kL for
 * ‖x_ij‖ < L, so collisions are harmless. Trajectories come from physml's `leapfrog`
 * (velocity Verlet) on this `Energy` with the particle masses.
 */

import { fold, type Key, normal, split } from '../../core/random/index.js';
import type { Energy } from '../../energies/energy.js';
import { leapfrog, phaseSpaceState } from '../../integrators/index.js';

/** The pairs i < j of n particles, in the order (0,1), (0,2), …, (1,2), …. */
export interface ParticlePairs {
  readonly count: number;
  readonly first: Int32Array;
  readonly second: Int32Array;
}

/** All n(n − 1)/2 unordered pairs of `particleCount` particles. */
export function particlePairs(particleCount: number): ParticlePairs {
  if (!Number.isInteger(particleCount) || particleCount < 2 || particleCount > 4096) {
    throw new Error(`particleCount must be an integer in [2, 4096], got ${String(particleCount)}`);
  }
  const count = (particleCount * (particleCount - 1)) / 2;
  const first = new Int32Array(count);
  const second = new Int32Array(count);
  let p = 0;
  for (let i = 0; i < particleCount; i++) {
    for (let j = i + 1; j < particleCount; j++) {
      first[p] = i;
      second[p] = j;
      p++;
    }
  }
  return { count, first, second };
}

/** Options of {@link springSystem}. */
export interface SpringSystemOptions {
  /** N ≥ 2 particles. */
  particleCount: number;
  /** D ≥ 1 (default 2). */
  spatialDimension?: number;
  /** k > 0 (default 1). */
  stiffness?: number;
  /** L ≥ 0 (default 1). */
  restLength?: number;
  /** Particle masses, N positive numbers (default all 1). */
  masses?: ArrayLike<number>;
}

/** A springs system: its potential as an `Energy` of the N·D positions, and its forces. */
export interface SpringSystem {
  readonly particleCount: number;
  readonly spatialDimension: number;
  readonly stiffness: number;
  readonly restLength: number;
  readonly masses: Float64Array;
  /** U on positions [N·D] (particle-major). */
  readonly potential: Energy;
  /** The forces −∇U [N·D] at positions [N·D], written into `out`. */
  forces(positions: Float64Array, out?: Float64Array): Float64Array;
  /** The true pair-force magnitude along x_ij/‖x_ij‖ (positive: repulsive) at distance r. */
  pairForceMagnitude(distance: number): number;
}

/** Builds the springs system (see the module comment). */
export function springSystem(options: SpringSystemOptions): SpringSystem {
  const n = options.particleCount;
  const pairs = particlePairs(n);
  const d = options.spatialDimension ?? 2;
  if (!Number.isInteger(d) || d < 1 || d > 64) {
    throw new Error(`spatialDimension must be an integer in [1, 64], got ${String(d)}`);
  }
  const stiffness = options.stiffness ?? 1;
  if (!(stiffness > 0) || !Number.isFinite(stiffness)) {
    throw new Error(`stiffness must be a finite number > 0, got ${String(stiffness)}`);
  }
  const restLength = options.restLength ?? 1;
  if (!(restLength >= 0) || !Number.isFinite(restLength)) {
    throw new Error(`restLength must be a finite number ≥ 0, got ${String(restLength)}`);
  }
  const masses =
    options.masses === undefined ? new Float64Array(n).fill(1) : Float64Array.from(options.masses);
  if (masses.length !== n || masses.some((m) => !(m > 0) || !Number.isFinite(m))) {
    throw new Error(`masses must be ${n} finite numbers > 0`);
  }
  const pairForceMagnitude = (distance: number) => -stiffness * (distance - restLength);
  // U and (optionally) ∇U in one pass over the pairs; each pair's force is added to i and
  // subtracted from j, so the forces sum to zero up to the rounding of the accumulation.
  const evaluate = (x: Float64Array, gradient?: Float64Array): number => {
    if (x.length !== n * d) throw new Error(`positions must have N·D = ${n * d} entries, got ${x.length}`);
    gradient?.fill(0);
    let energy = 0;
    for (let p = 0; p < pairs.count; p++) {
      const i = pairs.first[p] * d;
      const j = pairs.second[p] * d;
      let squared = 0;
      for (let a = 0; a < d; a++) squared += (x[i + a] - x[j + a]) ** 2;
      const distance = Math.sqrt(squared);
      const stretch = distance - restLength;
      energy += 0.5 * stiffness * stretch * stretch;
      if (gradient !== undefined && distance > 0) {
        const scale = (stiffness * stretch) / distance;
        for (let a = 0; a < d; a++) {
          const component = scale * (x[i + a] - x[j + a]);
          gradient[i + a] += component;
          gradient[j + a] -= component;
        }
      }
    }
    return energy;
  };
  const potential: Energy = {
    name: 'springs',
    dimension: n * d,
    energy: (x) => evaluate(x),
    energyAndGradient: (x, gradient) => evaluate(x, gradient),
  };
  return {
    particleCount: n,
    spatialDimension: d,
    stiffness,
    restLength,
    masses,
    potential,
    forces(positions, out = new Float64Array(n * d)) {
      evaluate(positions, out);
      for (let i = 0; i < out.length; i++) out[i] = -out[i];
      return out;
    },
    pairForceMagnitude,
  };
}

/** Options of {@link simulateSprings}. */
export interface SimulateSpringsOptions {
  /** Number of independent simulations, an integer ≥ 1. */
  simulationCount: number;
  /** Saved frames per simulation (after the initial one), an integer ≥ 1. */
  framesPerSimulation: number;
  /** Leapfrog steps between saved frames (default 10). */
  stepsPerFrame?: number;
  /** Leapfrog step (default 0.01). */
  stepSize?: number;
  /** Std of the initial positions (default 1). */
  positionStd?: number;
  /** Std of the initial velocities (default 0.5). */
  velocityStd?: number;
  key: Key;
}

/** Snapshots of spring simulations: arrays [count, N·D], particle-major. */
export interface ParticleSnapshots {
  readonly count: number;
  readonly particleCount: number;
  readonly spatialDimension: number;
  readonly positions: Float64Array;
  readonly velocities: Float64Array;
  /** The true forces at `positions`. */
  readonly forces: Float64Array;
}

/**
 * Runs `simulationCount` simulations from Gaussian initial states and saves every
 * `stepsPerFrame`-th state (positions, velocities, true forces); frame 0 of each simulation
 * is its initial state, so count = simulationCount × (framesPerSimulation + 1).
 */
export function simulateSprings(system: SpringSystem, options: SimulateSpringsOptions): ParticleSnapshots {
  const { simulationCount, framesPerSimulation } = options;
  for (const [name, value] of [
    ['simulationCount', simulationCount],
    ['framesPerSimulation', framesPerSimulation],
    ['stepsPerFrame', options.stepsPerFrame ?? 10],
  ] as const) {
    if (!Number.isInteger(value) || value < 1 || value > 10_000_000) {
      throw new Error(`${name} must be an integer in [1, 1e7], got ${String(value)}`);
    }
  }
  const stepsPerFrame = options.stepsPerFrame ?? 10;
  const stepSize = options.stepSize ?? 0.01;
  const positionStd = options.positionStd ?? 1;
  const velocityStd = options.velocityStd ?? 0.5;
  for (const [name, value] of [
    ['stepSize', stepSize],
    ['positionStd', positionStd],
    ['velocityStd', velocityStd],
  ] as const) {
    if (!(value > 0) || !Number.isFinite(value))
      throw new Error(`${name} must be a finite number > 0, got ${value}`);
  }
  const width = system.particleCount * system.spatialDimension;
  const count = simulationCount * (framesPerSimulation + 1);
  const positions = new Float64Array(count * width);
  const velocities = new Float64Array(count * width);
  const forces = new Float64Array(count * width);
  const inverseMass = new Float64Array(width);
  for (let i = 0; i < width; i++) inverseMass[i] = 1 / system.masses[Math.floor(i / system.spatialDimension)];
  const integrator = leapfrog(system.potential, inverseMass);
  for (let s = 0; s < simulationCount; s++) {
    const [positionKey, velocityKey] = split(fold(options.key, s));
    const velocity = normal(velocityKey, width, { std: velocityStd });
    const momentum = velocity.map((v, i) => v / inverseMass[i]);
    const state = phaseSpaceState(
      system.potential,
      normal(positionKey, width, { std: positionStd }),
      momentum,
    );
    for (let f = 0; f <= framesPerSimulation; f++) {
      if (f > 0) for (let t = 0; t < stepsPerFrame; t++) integrator.step(state, stepSize);
      const row = (s * (framesPerSimulation + 1) + f) * width;
      positions.set(state.position, row);
      for (let i = 0; i < width; i++) {
        velocities[row + i] = state.momentum[i] * inverseMass[i];
        forces[row + i] = -state.gradient[i];
      }
    }
  }
  return {
    count,
    particleCount: system.particleCount,
    spatialDimension: system.spatialDimension,
    positions,
    velocities,
    forces,
  };
}
