/**
 * Travelling-salesman instances: n cities in the plane with Euclidean distances, and tours as
 * permutations of the cities (a closed cycle: the last city returns to the first).
 */
import { type Key, RandomStream } from '../../core/random/index.js';
import { assertInteger, assertKey, describe, finiteArray } from '../../core/validate.js';

/** Largest number of cities accepted by the instance builders (the solvers have their own limits). */
export const MAX_CITIES = 1000;

/** A TSP instance (plain record; treat the arrays as read-only). */
export interface TspInstance {
  /** Number of cities n. */
  readonly count: number;
  /** City x coordinates. */
  readonly x: Float64Array;
  /** City y coordinates. */
  readonly y: Float64Array;
  /** Euclidean distances, row-major n×n: d(a, b) at `distances[a·n + b]`. */
  readonly distances: Float64Array;
}

/**
 * The instance with cities at (x[a], y[a]).
 * @throws RangeError unless x and y are finite and of one length n in [3, MAX_CITIES].
 */
export function tspInstance(x: ArrayLike<number>, y: ArrayLike<number>): TspInstance {
  const where = 'tspInstance';
  const xs = finiteArray(where, 'x', x);
  assertInteger(where, 'x.length (the number of cities)', xs.length, 3, MAX_CITIES);
  const ys = finiteArray(where, 'y', y, xs.length);
  const count = xs.length;
  const distances = new Float64Array(count * count);
  for (let a = 0; a < count; a++) {
    for (let b = 0; b < count; b++) distances[a * count + b] = Math.hypot(xs[a] - xs[b], ys[a] - ys[b]);
  }
  return { count, x: xs, y: ys, distances };
}

/**
 * `count` cities uniform in the unit square, drawn from `key` (x then y for each city). The
 * classic Hopfield–Tank setting is 10 cities in the unit square.
 *
 * @param count an integer in [3, MAX_CITIES].
 */
export function randomCities(key: Key, count: number): TspInstance {
  const where = 'randomCities';
  assertKey(where, key);
  assertInteger(where, 'count', count, 3, MAX_CITIES);
  const stream = new RandomStream(key);
  const x = new Float64Array(count);
  const y = new Float64Array(count);
  for (let a = 0; a < count; a++) {
    x[a] = stream.nextUniform();
    y[a] = stream.nextUniform();
  }
  return tspInstance(x, y);
}

/** True when `tour` visits each of the n cities exactly once. */
export function isValidTour(tour: ArrayLike<number>, count: number): boolean {
  if (tour.length !== count) return false;
  const seen = new Uint8Array(count);
  for (let position = 0; position < count; position++) {
    const city = tour[position];
    if (!Number.isInteger(city) || city < 0 || city >= count || seen[city] === 1) return false;
    seen[city] = 1;
  }
  return true;
}

/** Throws unless `tour` is a permutation of the instance's cities. */
export function assertTour(
  where: string,
  instance: TspInstance,
  tour: unknown,
): asserts tour is ArrayLike<number> {
  if (
    tour === null ||
    typeof tour !== 'object' ||
    typeof (tour as ArrayLike<number>).length !== 'number' ||
    !isValidTour(tour as ArrayLike<number>, instance.count)
  ) {
    throw new RangeError(
      `${where}: tour must be a permutation of the ${instance.count} cities 0…${instance.count - 1}, got ${describe(tour)}`,
    );
  }
}

/** Length of the closed tour: Σ d(tour[k], tour[k + 1]) plus the edge back to the start. */
export function tourLength(instance: TspInstance, tour: ArrayLike<number>): number {
  assertTour('tourLength', instance, tour);
  const { count, distances } = instance;
  let length = 0;
  for (let position = 0; position < count; position++) {
    length += distances[tour[position] * count + tour[(position + 1) % count]];
  }
  return length;
}

/**
 * The same cycle written from city 0, in the direction whose second city is the smaller of
 * city 0's two neighbours: a canonical form, so two tours are the same cycle iff equal.
 */
export function canonicalTour(tour: ArrayLike<number>): Int32Array {
  const count = tour.length;
  let start = 0;
  while (start < count && tour[start] !== 0) start++;
  if (start === count) throw new RangeError('canonicalTour: tour must contain city 0');
  const next = tour[(start + 1) % count];
  const previous = tour[(start - 1 + count) % count];
  const step = next <= previous ? 1 : -1;
  const canonical = new Int32Array(count);
  for (let k = 0; k < count; k++) canonical[k] = tour[(((start + step * k) % count) + count) % count];
  return canonical;
}
