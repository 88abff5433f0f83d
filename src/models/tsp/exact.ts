/**
 * Exact TSP optima: Held–Karp dynamic programming (Bellman 1962; Held and Karp 1962), O(n² 2ⁿ)
 * time and O(n 2ⁿ) memory, and exhaustive enumeration of all (n − 1)! tours from city 0, the
 * brute-force check of the former.
 */
import { assertInteger } from '../../core/validate.js';
import { canonicalTour, type TspInstance } from './instance.js';

/** Largest instance for {@link heldKarp}: 2^17 subsets × 17 end cities (18 MB of float64). */
export const MAX_HELD_KARP_CITIES = 18;

/** Largest instance for {@link exhaustiveTour}: 10! / 10 = 362 880 tours. */
export const MAX_EXHAUSTIVE_CITIES = 10;

/** An optimal tour. */
export interface ExactTour {
  /** The optimal length. */
  length: number;
  /** An optimal tour, in canonical form (starts at city 0, see `canonicalTour`). */
  tour: Int32Array;
}

/**
 * The optimal tour by Held–Karp: with city 0 as the start, C(S, j) is the shortest path from 0
 * through every city of S ⊆ {1, …, n − 1} ending at j ∈ S; C(S, j) = min_{k ∈ S∖{j}} C(S∖{j}, k) + d(k, j),
 * and the optimum is min_j C({1…n−1}, j) + d(j, 0). The tour is read back from the argmins.
 * @throws RangeError for more than MAX_HELD_KARP_CITIES cities.
 */
export function heldKarp(instance: TspInstance): ExactTour {
  const { count, distances } = instance;
  assertInteger('heldKarp', 'instance.count', count, 3, MAX_HELD_KARP_CITIES);
  const others = count - 1;
  const subsets = 1 << others;
  // cost[S·others + j]: city j + 1 ends the path over the cities {k + 1 : bit k of S}.
  const cost = new Float64Array(subsets * others).fill(Number.POSITIVE_INFINITY);
  const parent = new Int8Array(subsets * others).fill(-1);
  for (let j = 0; j < others; j++) cost[(1 << j) * others + j] = distances[j + 1];
  for (let subset = 1; subset < subsets; subset++) {
    // Subsets grow in numeric order, so every S∖{j} < S is already final.
    for (let j = 0; j < others; j++) {
      const bit = 1 << j;
      if ((subset & bit) === 0 || subset === bit) continue;
      const rest = subset ^ bit;
      let best = Number.POSITIVE_INFINITY;
      let bestK = -1;
      for (let k = 0; k < others; k++) {
        if ((rest & (1 << k)) === 0) continue;
        const candidate = cost[rest * others + k] + distances[(k + 1) * count + j + 1];
        if (candidate < best) {
          best = candidate;
          bestK = k;
        }
      }
      cost[subset * others + j] = best;
      parent[subset * others + j] = bestK;
    }
  }
  const full = subsets - 1;
  let length = Number.POSITIVE_INFINITY;
  let last = -1;
  for (let j = 0; j < others; j++) {
    const candidate = cost[full * others + j] + distances[(j + 1) * count];
    if (candidate < length) {
      length = candidate;
      last = j;
    }
  }
  const tour = new Int32Array(count);
  let subset = full;
  for (let position = count - 1; position >= 1; position--) {
    tour[position] = last + 1;
    const previous = parent[subset * others + last];
    subset ^= 1 << last;
    last = previous;
  }
  return { length, tour: canonicalTour(tour) };
}

/**
 * The optimal tour by trying all (n − 1)! orders of cities 1…n − 1 after city 0 (Heap's
 * algorithm), in the same canonical form as {@link heldKarp}.
 * @throws RangeError for more than MAX_EXHAUSTIVE_CITIES cities.
 */
export function exhaustiveTour(instance: TspInstance): ExactTour {
  const { count, distances } = instance;
  assertInteger('exhaustiveTour', 'instance.count', count, 3, MAX_EXHAUSTIVE_CITIES);
  const order = Int32Array.from({ length: count }, (_, k) => k);
  const lengthOf = () => {
    let length = 0;
    for (let p = 0; p < count; p++) length += distances[order[p] * count + order[(p + 1) % count]];
    return length;
  };
  let bestLength = lengthOf();
  let best = order.slice();
  // Heap's algorithm over positions 1…n − 1 (iterative form).
  const others = count - 1;
  const counters = new Int32Array(others);
  let index = 1;
  while (index < others) {
    if (counters[index] < index) {
      const swapWith = index % 2 === 0 ? 0 : counters[index];
      const a = 1 + swapWith;
      const b = 1 + index;
      const swap = order[a];
      order[a] = order[b];
      order[b] = swap;
      const length = lengthOf();
      if (length < bestLength) {
        bestLength = length;
        best = order.slice();
      }
      counters[index]++;
      index = 1;
    } else {
      counters[index] = 0;
      index++;
    }
  }
  return { length: bestLength, tour: canonicalTour(best) };
}
