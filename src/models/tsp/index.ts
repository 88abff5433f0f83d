/**
 * The travelling salesman as an energy: random instances, exact optima (Held–Karp dynamic
 * programming, and exhaustive search to check it), simulated annealing on tours, and the
 * historical Hopfield–Tank network (1985), whose success rate is reported honestly.
 *
 * ```ts
 * const cities = randomCities(makeKey(1), 10);
 * const exact = heldKarp(cities);                                     // optimal length and tour
 * const annealed = annealTour(cities, { key: makeKey(2) });            // annealed.length ≈ exact.length
 * const network = solveHopfieldTank(cities, { key: makeKey(3), attempts: 20 });
 * network.validFraction;  network.bestLength / exact.length;
 * ```
 */

export { type AnnealTourOptions, type AnnealTourResult, annealTour } from './annealing.js';
export {
  type ExactTour,
  exhaustiveTour,
  heldKarp,
  MAX_EXHAUSTIVE_CITIES,
  MAX_HELD_KARP_CITIES,
} from './exact.js';
export {
  decodeTour,
  type HopfieldTankAttempt,
  type HopfieldTankOptions,
  type HopfieldTankParameters,
  type HopfieldTankResult,
  solveHopfieldTank,
} from './hopfield-tank.js';
export {
  canonicalTour,
  isValidTour,
  MAX_CITIES,
  randomCities,
  type TspInstance,
  tourLength,
  tspInstance,
} from './instance.js';
