/**
 * The four Ising update algorithms behind one signature,
 * `(lattice, temperature, stream) => IsingSweepStats`, and their names.
 *
 * | name              | move                                   | field h | file               |
 * |-------------------|----------------------------------------|---------|--------------------|
 * | `metropolis`      | single-spin flips, checkerboard order  | any     | `metropolis.ts`    |
 * | `heatbath`        | single-spin Gibbs draws, checkerboard  | any     | `heat-bath.ts`     |
 * | `wolff`           | one (or more) Wolff clusters           | h = 0   | `wolff.ts`         |
 * | `swendsen-wang`   | all Fortuin–Kasteleyn clusters at once | any     | `swendsen-wang.ts` |
 */
import type { RandomStream } from '../../core/random/index.js';
import { describe } from '../../core/validate.js';
import { heatBathSweep } from './heat-bath.js';
import type { IsingLattice } from './lattice.js';
import { metropolisSweep } from './metropolis.js';
import { swendsenWangSweep } from './swendsen-wang.js';
import { wolffSweep } from './wolff.js';

/** Name of an Ising update algorithm. */
export type IsingAlgorithm = 'metropolis' | 'heatbath' | 'wolff' | 'swendsen-wang';

/** Every algorithm name, in a stable order. */
export const ISING_ALGORITHMS: readonly IsingAlgorithm[] = Object.freeze([
  'metropolis',
  'heatbath',
  'wolff',
  'swendsen-wang',
]);

/**
 * The random numbers a sweep draws: a `RandomStream` (or anything with the same two methods,
 * e.g. a scripted source in a test that enumerates every random choice). Sweeps read 32-bit
 * words (`nextUint32`) and make their coin flips from them (see `coin.ts`), and Wolff draws its
 * seed site with `nextInt`.
 */
export type IsingRandomSource = Pick<RandomStream, 'nextUint32' | 'nextInt'>;

/** What one sweep did. */
export interface IsingSweepStats {
  /** Spins whose sign changed. */
  flippedSpins: number;
  /** Single-site updates made: the number of sites for Metropolis and heat-bath, 0 for clusters. */
  siteUpdates: number;
  /**
   * Clusters: Wolff, the clusters grown and flipped; Swendsen–Wang, every cluster of the bond
   * decomposition (flipped or not); 0 for single-site algorithms.
   */
  clusters: number;
}

/** One sweep of an algorithm over a lattice at a temperature. */
export type IsingSweep = (
  lattice: IsingLattice,
  temperature: number,
  stream: IsingRandomSource,
) => IsingSweepStats;

/** Throws unless `value` names an algorithm. */
export function assertIsingAlgorithm(where: string, value: unknown): asserts value is IsingAlgorithm {
  if (!ISING_ALGORITHMS.includes(value as IsingAlgorithm)) {
    throw new RangeError(
      `${where}: algorithm must be one of ${ISING_ALGORITHMS.map((name) => `'${name}'`).join(', ')}, got ${describe(value)}`,
    );
  }
}

/** The sweep function of `algorithm` (Wolff: one cluster per call). */
export function isingSweepFunction(algorithm: IsingAlgorithm): IsingSweep {
  assertIsingAlgorithm('isingSweepFunction', algorithm);
  switch (algorithm) {
    case 'metropolis':
      return metropolisSweep;
    case 'heatbath':
      return heatBathSweep;
    case 'wolff':
      return (lattice, temperature, stream) => wolffSweep(lattice, temperature, stream);
    case 'swendsen-wang':
      return swendsenWangSweep;
  }
}
