/**
 * Points in the unit cube [0, 1)^d drawn from a key, the raw material every domain maps onto
 * its own shape with a measure-preserving map (so the law stays uniform on the domain).
 *
 * - `'uniform'`: independent uniform coordinates.
 * - `'latin-hypercube'`: each axis is cut into `count` strata and every stratum holds exactly
 *   one point (a random permutation per axis, a uniform jitter inside the stratum). Still
 *   uniform point by point, but with far less clumping: the variance of a sample mean of a
 *   smooth integrand drops from O(1/n) towards O(1/n²) along each axis.
 */
import { type Key, permutation, split, uniform } from '../core/random/index.js';

/** How collocation points are drawn: independent uniform points or a Latin hypercube. */
export type SamplingMethod = 'uniform' | 'latin-hypercube';

/** The sampling methods, for validation and option lists. */
export const samplingMethods: readonly SamplingMethod[] = ['uniform', 'latin-hypercube'];

/** Throws unless `method` is a known sampling method. */
export function assertSamplingMethod(method: unknown, name = 'method'): asserts method is SamplingMethod {
  if (!samplingMethods.includes(method as SamplingMethod)) {
    throw new Error(`${name} must be one of ${samplingMethods.join(', ')}, got ${String(method)}`);
  }
}

/** Throws unless `count` is an integer in [0, 2^24]. */
export function assertPointCount(count: unknown, name = 'count'): asserts count is number {
  if (!Number.isInteger(count) || (count as number) < 0 || (count as number) > 2 ** 24) {
    throw new Error(`${name} must be an integer in [0, ${2 ** 24}], got ${String(count)}`);
  }
}

/**
 * `count` points of [0, 1)^dimension, row-major (`count × dimension`), drawn from `key`.
 */
export function unitCubeSample(
  key: Key,
  count: number,
  dimension: number,
  method: SamplingMethod = 'uniform',
): Float64Array {
  assertPointCount(count);
  assertSamplingMethod(method);
  const u = uniform(key, count * dimension);
  if (method === 'uniform' || count === 0) return u;
  // Latin hypercube: coordinate a of point i lies in stratum π_a(i) of [0, 1).
  const keys = split(key, dimension + 1).slice(1);
  const out = new Float64Array(count * dimension);
  for (let a = 0; a < dimension; a++) {
    const strata = permutation(keys[a], count);
    for (let i = 0; i < count; i++) {
      const value = (strata[i] + u[i * dimension + a]) / count;
      // (s + u)/n can round up to 1 for the last stratum; keep the half-open interval.
      out[i * dimension + a] = value < 1 ? value : 1 - Number.EPSILON / 2;
    }
  }
  return out;
}
