/**
 * Numerical equivariance checks for particle force models f: positions [B, N, D] → forces
 * [B, N, D]. Forces are vectors that do not depend on the origin, so an E(n) × S_N
 * equivariant model satisfies, for every orthogonal Q, translation t and permutation π,
 *
 *   f(x Qᵀ) = f(x) Qᵀ,   f(x + t) = f(x),   f(x_π) = f(x)_π.
 *
 * Each check draws the transformation from a key and reports the relative error
 * max|f(g·x) − g·f(x)| / max|f(x)|: float64 round-off (~1e-15) for an equivariant model,
 * O(1) for one that is not. Random orthogonal matrices are Haar-distributed: Q from the QR
 * factorisation of a Gaussian matrix, with the signs of R's diagonal folded in (Mezzadri
 * 2007), then one column negated if needed to get det Q = +1 (rotation) or −1 (reflection).
 */
import { determinant, matrix, qr } from '../../core/linalg/index.js';
import { type Key, normal, permutation, split } from '../../core/random/index.js';

/** A batch force model on flat arrays: positions [B·N·D] → forces [B·N·D]. */
export type ForceFunction = (positions: Float64Array) => Float64Array;

/** Relative equivariance errors under each kind of transformation. */
export interface EquivarianceErrors {
  /** Under a random proper rotation (det Q = +1). */
  rotation: number;
  /** Under a random improper orthogonal map (det Q = −1: a rotation times a reflection). */
  reflection: number;
  /** Under a random translation (forces must not change). */
  translation: number;
  /** Under a random relabelling of the particles. */
  permutation: number;
}

/**
 * A Haar-random D×D orthogonal matrix (row-major) with determinant +1 (`improper` false, the
 * default) or −1.
 */
export function randomOrthogonalMatrix(
  key: Key,
  dimension: number,
  options: { improper?: boolean } = {},
): Float64Array {
  if (!Number.isInteger(dimension) || dimension < 1 || dimension > 1024) {
    throw new Error(`dimension must be an integer in [1, 1024], got ${String(dimension)}`);
  }
  const { q, r } = qr(matrix(dimension, dimension, normal(key, dimension * dimension)));
  const out = Float64Array.from(q.data);
  // Q·diag(sign R_jj) is Haar (Householder QR already gives R_jj ≥ 0, but keep it general).
  for (let j = 0; j < dimension; j++) {
    if (r.data[j * dimension + j] < 0) for (let i = 0; i < dimension; i++) out[i * dimension + j] *= -1;
  }
  const wantSign = options.improper ? -1 : 1;
  if (Math.sign(determinant(matrix(dimension, dimension, out))) !== wantSign) {
    for (let i = 0; i < dimension; i++) out[i * dimension] *= -1;
  }
  return out;
}

/** Applies the D×D matrix `q` to every D-vector of `vectors` (v ↦ Q v). */
export function rotateVectors(vectors: Float64Array, q: Float64Array, dimension: number): Float64Array {
  const out = new Float64Array(vectors.length);
  for (let start = 0; start < vectors.length; start += dimension) {
    for (let a = 0; a < dimension; a++) {
      let s = 0;
      for (let b = 0; b < dimension; b++) s += q[a * dimension + b] * vectors[start + b];
      out[start + a] = s;
    }
  }
  return out;
}

/** Reorders the particles of every configuration: particle i of the result is particle π(i). */
export function permuteParticles(
  values: Float64Array,
  order: ArrayLike<number>,
  particleCount: number,
  spatialDimension: number,
): Float64Array {
  const out = new Float64Array(values.length);
  const width = particleCount * spatialDimension;
  for (let start = 0; start < values.length; start += width) {
    for (let i = 0; i < particleCount; i++) {
      const from = start + order[i] * spatialDimension;
      out.set(values.subarray(from, from + spatialDimension), start + i * spatialDimension);
    }
  }
  return out;
}

function relativeError(actual: Float64Array, expected: Float64Array, scale: number): number {
  let worst = 0;
  for (let i = 0; i < actual.length; i++) worst = Math.max(worst, Math.abs(actual[i] - expected[i]));
  return worst / scale;
}

/**
 * The relative equivariance errors of `forces` at `positions` (a batch [B·N·D], particle-major)
 * under a random rotation, reflection, translation (std `translationStd`, default 1) and
 * permutation, each drawn from `key`.
 */
export function forceEquivarianceErrors(
  forces: ForceFunction,
  positions: Float64Array,
  options: { particleCount: number; spatialDimension: number; key: Key; translationStd?: number },
): EquivarianceErrors {
  const { particleCount: n, spatialDimension: d, key } = options;
  if (!(positions instanceof Float64Array) || positions.length === 0 || positions.length % (n * d) !== 0) {
    throw new Error(`positions must be a non-empty Float64Array of configurations of N·D = ${n * d} entries`);
  }
  const [rotationKey, reflectionKey, translationKey, permutationKey] = split(key, 4);
  const reference = forces(positions);
  let scale = 0;
  for (const value of reference) scale = Math.max(scale, Math.abs(value));
  if (!(scale > 0))
    throw new Error('the forces at positions are all zero; equivariance errors would be undefined');
  const orthogonal = (q: Float64Array) =>
    relativeError(forces(rotateVectors(positions, q, d)), rotateVectors(reference, q, d), scale);
  const shift = normal(translationKey, d, { std: options.translationStd ?? 1 });
  const translated = positions.map((x, i) => x + shift[i % d]);
  const order = permutation(permutationKey, n);
  return {
    rotation: orthogonal(randomOrthogonalMatrix(rotationKey, d)),
    reflection: orthogonal(randomOrthogonalMatrix(reflectionKey, d, { improper: true })),
    translation: relativeError(forces(translated), reference, scale),
    permutation: relativeError(
      forces(permuteParticles(positions, order, n, d)),
      permuteParticles(reference, order, n, d),
      scale,
    ),
  };
}
