/**
 * The replay buffer of persistent Langevin chains (Du & Mordatch 2019; Tieleman's persistent
 * contrastive divergence): a fixed set of particles that survive from one training step to the
 * next. Each step draws a batch of slots; each drawn particle is, with probability p, replaced by
 * fresh uniform noise (so new modes keep being discovered), moved by a few Langevin steps, and
 * written back into its slot. The chains are therefore long although each step runs only a few
 * Langevin steps, which brings the negative phase close to samples of the current model.
 *
 * Buffers are immutable records: `writeToBuffer` returns a new one (a copy of a few thousand
 * points per step, negligible next to the energy evaluations), so a training state can be kept
 * or checkpointed as it is.
 */
import { bernoulli, type Key, randint, split, uniform } from '../../core/random/index.js';
import type { ParticleBounds } from './particle-langevin.js';

/** Persistent particles, interleaved. */
export interface ReplayBuffer {
  readonly dimension: number;
  readonly capacity: number;
  /** capacity·dimension coordinates. */
  readonly positions: Float64Array;
}

/** A batch drawn from a buffer: the slots and the (possibly re-initialised) particles in them. */
export interface BufferDraw {
  indices: Int32Array;
  positions: Float64Array;
  /** How many of the drawn particles were replaced by fresh noise. */
  reinitialized: number;
}

/** `count` points uniform in `bounds`, interleaved. */
export function uniformInBounds(key: Key, count: number, bounds: ParticleBounds): Float64Array {
  const dimension = bounds.lower.length;
  const unit = uniform(key, count * dimension);
  for (let i = 0; i < unit.length; i++) {
    const k = i % dimension;
    unit[i] = bounds.lower[k] + (bounds.upper[k] - bounds.lower[k]) * unit[i];
  }
  return unit;
}

/** A buffer of `capacity` particles uniform in `bounds`. */
export function uniformReplayBuffer(key: Key, capacity: number, bounds: ParticleBounds): ReplayBuffer {
  if (!Number.isInteger(capacity) || capacity < 1 || capacity > 2 ** 24) {
    throw new Error(`capacity must be an integer in [1, 2^24], got ${capacity}`);
  }
  const dimension = bounds.lower.length;
  return { dimension, capacity, positions: uniformInBounds(key, capacity, bounds) };
}

/**
 * Draws `count` slots uniformly (with replacement) and their particles; each is replaced by
 * uniform noise in `bounds` with probability `reinitializationProbability` ∈ [0, 1].
 */
export function drawFromBuffer(
  buffer: ReplayBuffer,
  key: Key,
  count: number,
  reinitializationProbability: number,
  bounds: ParticleBounds,
): BufferDraw {
  if (!Number.isInteger(count) || count < 1)
    throw new Error(`count must be a positive integer, got ${count}`);
  if (!(reinitializationProbability >= 0 && reinitializationProbability <= 1)) {
    throw new Error(`reinitializationProbability must be in [0, 1], got ${reinitializationProbability}`);
  }
  const { dimension, capacity } = buffer;
  const [slotKey, coinKey, noiseKey] = split(key, 3);
  const indices = randint(slotKey, count, 0, capacity);
  const fresh = bernoulli(coinKey, count, reinitializationProbability);
  const noise = uniformInBounds(noiseKey, count, bounds);
  const positions = new Float64Array(count * dimension);
  let reinitialized = 0;
  for (let i = 0; i < count; i++) {
    const source = fresh[i] === 1 ? noise : buffer.positions;
    const offset = fresh[i] === 1 ? i * dimension : indices[i] * dimension;
    for (let k = 0; k < dimension; k++) positions[i * dimension + k] = source[offset + k];
    reinitialized += fresh[i];
  }
  return { indices, positions, reinitialized };
}

/** A new buffer with `positions[i]` written into slot `indices[i]` (later entries win on repeats). */
export function writeToBuffer(
  buffer: ReplayBuffer,
  indices: Int32Array,
  positions: Float64Array,
): ReplayBuffer {
  const { dimension, capacity } = buffer;
  if (positions.length !== indices.length * dimension) {
    throw new Error(`positions must hold indices.length·dimension = ${indices.length * dimension} numbers`);
  }
  const next = Float64Array.from(buffer.positions);
  for (let i = 0; i < indices.length; i++) {
    const slot = indices[i];
    if (!Number.isInteger(slot) || slot < 0 || slot >= capacity) {
      throw new Error(`indices[${i}] must be a slot in [0, ${capacity - 1}], got ${slot}`);
    }
    next.set(positions.subarray(i * dimension, (i + 1) * dimension), slot * dimension);
  }
  return { dimension, capacity, positions: next };
}
