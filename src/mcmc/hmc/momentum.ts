/**
 * The Euclidean metric of Hamiltonian Monte Carlo with a diagonal mass matrix M: momenta are
 * drawn from N(0, T·M), the kinetic energy is ½ pᵀM⁻¹p, and the velocity is M⁻¹p. Everything
 * here is parameterised by the inverse mass diagonal M⁻¹, which warmup sets to the estimated
 * posterior variances: in those coordinates the target looks isotropic to the integrator.
 */
import type { RandomStream } from '../../core/random/index.js';
import { describe } from '../../core/validate.js';

/**
 * The inverse mass diagonal for an n-dimensional target: a copy of `value` (every entry finite
 * and > 0, length n), or all ones when undefined (the identity metric).
 */
export function inverseMassOption(
  where: string,
  value: ArrayLike<number> | undefined,
  dimension: number,
): Float64Array {
  if (value === undefined) return new Float64Array(dimension).fill(1);
  const length = (value as { length?: unknown } | null)?.length;
  if (value === null || typeof value !== 'object' || typeof length !== 'number') {
    throw new TypeError(`${where}: inverseMassDiagonal must be an array of numbers, got ${describe(value)}`);
  }
  if (length !== dimension) {
    throw new RangeError(
      `${where}: inverseMassDiagonal must have length ${dimension} (the energy's dimension), got ${length}`,
    );
  }
  const copy = Float64Array.from(value);
  for (let i = 0; i < dimension; i++) {
    if (!(Number.isFinite(copy[i]) && copy[i] > 0)) {
      throw new RangeError(
        `${where}: inverseMassDiagonal[${i}] must be a finite number > 0, got ${describe(copy[i])}`,
      );
    }
  }
  return copy;
}

/**
 * The standard deviations √(T·Mᵢᵢ) = √(T / (M⁻¹)ᵢᵢ) of the momentum distribution N(0, T·M),
 * computed once per sampler so a step draws momenta with one multiply per coordinate.
 */
export function momentumScales(inverseMassDiagonal: Float64Array, temperature: number): Float64Array {
  return inverseMassDiagonal.map((inverseMass) => Math.sqrt(temperature / inverseMass));
}

/** Writes a draw of p ~ N(0, T·M) into `out` (n normals from `stream`) and returns `out`. */
export function sampleMomentum(stream: RandomStream, scales: Float64Array, out: Float64Array): Float64Array {
  for (let i = 0; i < out.length; i++) out[i] = scales[i] * stream.nextNormal();
  return out;
}

/** Writes the velocity M⁻¹p into `out` (the "sharp" momentum of the U-turn criterion). */
export function velocity(
  momentum: Float64Array,
  inverseMassDiagonal: Float64Array,
  out: Float64Array,
): Float64Array {
  for (let i = 0; i < out.length; i++) out[i] = inverseMassDiagonal[i] * momentum[i];
  return out;
}
