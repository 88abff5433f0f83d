/**
 * Unadjusted Langevin dynamics on many particles at once, for the negative phase of an
 * energy-based model:
 *
 *   xᵢ ← xᵢ − h ∇E(xᵢ) + √(2hT) ξᵢ,   ξᵢ ~ N(0, I),
 *
 * the same update as `overdampedLangevin` in `src/mcmc` (ULA), vectorised: the gradient of all
 * particles comes from one batched evaluation (one reverse sweep of Σᵢ E(xᵢ)) instead of one
 * sampler per particle, which is what makes hundreds of particles × tens of steps per training
 * step affordable. T = 1 samples exp(−E) (up to the O(h) bias of ULA); T < 1 is the "cold"
 * sampler often used for EBMs (Du & Mordatch 2019 decouple step and noise), which targets
 * exp(−E/T); T = 0 is gradient descent.
 *
 * Optional reflecting walls keep particles in a box: a move past a wall is folded back, which
 * leaves the density restricted to the box invariant to O(h) and keeps the model's samples
 * where its density is normalised.
 */
import { fold, type Key, normal } from '../../core/random/index.js';

/** A box [lower, upper] per coordinate. */
export interface ParticleBounds {
  readonly lower: readonly number[];
  readonly upper: readonly number[];
}

/** Options of {@link particleLangevin}. */
export interface ParticleLangevinOptions {
  /** ∇E at n interleaved d-dimensional points (length n·d). */
  energyGradient: (points: Float64Array) => Float64Array;
  /** Dimension d of a particle. */
  dimension: number;
  /** Step size h > 0. */
  stepSize: number;
  /** Number of steps K ≥ 0. */
  steps: number;
  /** T ≥ 0 (default 1). */
  temperature?: number;
  /** Reflecting walls (default none). */
  bounds?: ParticleBounds;
}

/** Folds x into [low, high] by reflection at the walls (any distance, via a triangle wave). */
export function reflectInto(x: number, low: number, high: number): number {
  if (x >= low && x <= high) return x;
  const width = high - low;
  const t = (x - low) % (2 * width);
  const u = t < 0 ? t + 2 * width : t;
  return low + (u <= width ? u : 2 * width - u);
}

function validate(options: ParticleLangevinOptions): void {
  const { dimension, stepSize, steps, temperature = 1, bounds } = options;
  if (typeof options.energyGradient !== 'function') throw new Error('energyGradient must be a function');
  if (!Number.isInteger(dimension) || dimension < 1) {
    throw new Error(`dimension must be a positive integer, got ${dimension}`);
  }
  if (!(stepSize > 0) || !Number.isFinite(stepSize)) {
    throw new Error(`stepSize must be a finite number > 0, got ${stepSize}`);
  }
  if (!Number.isInteger(steps) || steps < 0) throw new Error(`steps must be an integer ≥ 0, got ${steps}`);
  if (!(temperature >= 0) || !Number.isFinite(temperature)) {
    throw new Error(`temperature must be a finite number ≥ 0, got ${temperature}`);
  }
  if (bounds !== undefined) {
    for (let k = 0; k < dimension; k++) {
      if (!(bounds.lower[k] < bounds.upper[k])) {
        throw new Error(
          `bounds must have lower[${k}] < upper[${k}], got ${bounds.lower[k]} and ${bounds.upper[k]}`,
        );
      }
    }
  }
}

/**
 * Runs K Langevin steps on the particles `positions` (interleaved, not modified) and returns
 * the new positions. Step k draws its noise from `fold(key, k)`, so the run is a pure function
 * of (positions, key).
 */
export function particleLangevin(
  positions: Float64Array,
  key: Key,
  options: ParticleLangevinOptions,
): Float64Array {
  validate(options);
  const { dimension, stepSize, steps, bounds } = options;
  const temperature = options.temperature ?? 1;
  if (!(positions instanceof Float64Array) || positions.length % dimension !== 0) {
    throw new Error(`positions must be a Float64Array of interleaved ${dimension}-dimensional points`);
  }
  const x = Float64Array.from(positions);
  const noiseScale = Math.sqrt(2 * stepSize * temperature);
  for (let k = 0; k < steps; k++) {
    const gradient = options.energyGradient(x);
    const noise = temperature > 0 ? normal(fold(key, k), x.length) : null;
    for (let i = 0; i < x.length; i++) {
      let next = x[i] - stepSize * gradient[i];
      if (noise !== null) next += noiseScale * noise[i];
      x[i] =
        bounds === undefined
          ? next
          : reflectInto(next, bounds.lower[i % dimension], bounds.upper[i % dimension]);
    }
  }
  return x;
}
