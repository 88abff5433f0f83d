/**
 * Simulated annealing on tours (Kirkpatrick, Gelatt and Vecchi 1983; Černý 1985): the tour
 * length is the energy, a move reverses a segment of the tour (a 2-opt move: two edges
 * replaced by two others, ΔL from four distances), accepted with the Metropolis probability
 * min(1, e^{−ΔL/T}) while T follows a geometric schedule. At T = 0 it is 2-opt descent.
 */
import { type Key, permutation, portableExp, RandomStream, split } from '../../core/random/index.js';
import { assertInteger, assertKey, assertOptions, assertPositive } from '../../core/validate.js';
import { geometricTemperature } from '../../schedules/index.js';
import { canonicalTour, type TspInstance, tourLength } from './instance.js';

/** Options of {@link annealTour}. */
export interface AnnealTourOptions {
  /** Fixes the starting tour and every move. */
  key: Key;
  /** Temperature steps, an integer in [1, 10^6] (default 200). */
  sweeps?: number;
  /** Proposed moves per temperature step (default n²). */
  movesPerSweep?: number;
  /**
   * T at the first sweep (> 0). Default: the mean uphill ΔL of 200 random moves from the start
   * divided by ln 2, so that a typical uphill move is accepted with probability ½.
   */
  initialTemperature?: number;
  /** T at the last sweep, as a fraction of the initial one, in (0, 1] (default 1e-3). */
  finalTemperatureRatio?: number;
  /** Record the current length after every sweep (default false). */
  recordTrajectory?: boolean;
}

/** The outcome of {@link annealTour}. */
export interface AnnealTourResult {
  /** The best tour seen, canonical form. */
  tour: Int32Array;
  /** Its length. */
  length: number;
  /** Fraction of proposed moves accepted. */
  acceptanceRate: number;
  /** The initial temperature used. */
  initialTemperature: number;
  /** Length after each sweep (empty unless recorded). */
  lengths: number[];
}

/** ΔL of reversing tour[i…j] (0 ≤ i < j < n, not the whole tour). */
function reversalDelta(
  distances: Float64Array,
  count: number,
  tour: Int32Array,
  i: number,
  j: number,
): number {
  const before = tour[(i - 1 + count) % count];
  const first = tour[i];
  const last = tour[j];
  const after = tour[(j + 1) % count];
  return (
    distances[before * count + last] +
    distances[first * count + after] -
    distances[before * count + first] -
    distances[last * count + after]
  );
}

function reverse(tour: Int32Array, i: number, j: number): void {
  while (i < j) {
    const swap = tour[i];
    tour[i] = tour[j];
    tour[j] = swap;
    i++;
    j--;
  }
}

/** A uniformly random segment [i, j] with 0 ≤ i < j < n, excluding the whole tour. */
function drawSegment(stream: RandomStream, count: number): [number, number] {
  for (;;) {
    const a = stream.nextInt(count);
    const b = stream.nextInt(count);
    if (a === b) continue;
    const i = Math.min(a, b);
    const j = Math.max(a, b);
    if (i === 0 && j === count - 1) continue;
    return [i, j];
  }
}

/**
 * Anneals a random starting tour with segment-reversal moves and a geometric schedule from
 * `initialTemperature` down to `finalTemperatureRatio` times it; returns the best tour seen.
 *
 * ```ts
 * const cities = randomCities(makeKey(1), 10);
 * annealTour(cities, { key: makeKey(2) }).length === heldKarp(cities).length;   // reliably, at n ≤ 12
 * ```
 */
export function annealTour(instance: TspInstance, options: AnnealTourOptions): AnnealTourResult {
  const where = 'annealTour';
  assertOptions(where, options);
  assertKey(where, options.key);
  const { count, distances } = instance;
  const sweeps = options.sweeps ?? 200;
  assertInteger(where, 'sweeps', sweeps, 1, 1_000_000);
  const movesPerSweep = options.movesPerSweep ?? count * count;
  assertInteger(where, 'movesPerSweep', movesPerSweep, 1, 1e9);
  const ratio = options.finalTemperatureRatio ?? 1e-3;
  assertPositive(where, 'finalTemperatureRatio', ratio);
  if (ratio > 1) throw new RangeError(`${where}: finalTemperatureRatio must lie in (0, 1], got ${ratio}`);
  const [startKey, moveKey] = split(options.key);
  const tour = permutation(startKey, count);
  const stream = new RandomStream(moveKey);
  let initialTemperature = options.initialTemperature;
  if (initialTemperature === undefined) {
    let uphill = 0;
    let uphillCount = 0;
    for (let trial = 0; trial < 200; trial++) {
      const [i, j] = drawSegment(stream, count);
      const delta = reversalDelta(distances, count, tour, i, j);
      if (delta > 0) {
        uphill += delta;
        uphillCount++;
      }
    }
    initialTemperature = uphillCount > 0 ? uphill / uphillCount / Math.LN2 : 1;
  }
  assertPositive(where, 'initialTemperature', initialTemperature);
  const schedule = geometricTemperature({
    initialTemperature,
    coolingRate: sweeps > 1 ? ratio ** (1 / (sweeps - 1)) : 1,
  });
  let length = tourLength(instance, tour);
  let bestLength = length;
  let best = tour.slice();
  let accepted = 0;
  const lengths: number[] = [];
  for (let sweep = 0; sweep < sweeps; sweep++) {
    const temperature = schedule(sweep);
    for (let move = 0; move < movesPerSweep; move++) {
      const [i, j] = drawSegment(stream, count);
      const delta = reversalDelta(distances, count, tour, i, j);
      if (delta <= 0 || stream.nextUniform() < portableExp(-delta / temperature)) {
        reverse(tour, i, j);
        length += delta;
        accepted++;
        if (length < bestLength - 1e-12) {
          bestLength = length;
          best = tour.slice();
        }
      }
    }
    if (options.recordTrajectory === true) lengths.push(length);
  }
  // The running sum drifts by rounding; report the best tour's length recomputed exactly.
  return {
    tour: canonicalTour(best),
    length: tourLength(instance, best),
    acceptanceRate: accepted / (sweeps * movesPerSweep),
    initialTemperature,
    lengths,
  };
}
