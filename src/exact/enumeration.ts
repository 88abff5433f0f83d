/**
 * Exact enumeration of every configuration of a small Ising lattice (up to 25 spins, a 5 × 5
 * square: 2^25 ≈ 3.4·10^7 states, about a quarter of a second).
 *
 * The states are visited in Gray-code order: step k flips the spin numbered by the lowest set bit
 * of k, so each step changes one spin and the bond sum B = Σ_<ij> s_i s_j and magnetisation
 * M = Σ s_i are updated in O(1) from that spin's neighbours. The result is the joint density of
 * states g(B, M), the number of configurations with each (B, M). Since
 * H = −J B − h M, g holds everything about the lattice for every J, h and T: thermodynamics at
 * any temperature is then a sum over at most a few thousand (B, M) pairs
 * (`exactIsingObservables`).
 */
import type { IsingModel, IsingModelOptions } from '../models/ising/model.js';
import { isingBondCount, toIsingModel } from '../models/ising/model.js';

/** Largest number of spins `isingDensityOfStates` enumerates (2^25 states). */
export const MAX_ENUMERATED_SITES = 25;

/** The joint density of states g(B, M) of a lattice, as a list of the (B, M) pairs that occur. */
export interface IsingDensityOfStates {
  /** The model enumerated (its J and h are the defaults of `exactIsingObservables`). */
  readonly model: IsingModel;
  /** Number of bonds (B ranges over [−bonds, bonds]). */
  readonly bonds: number;
  /** Bond sum B of each entry. */
  readonly bondSums: Int32Array;
  /** Magnetisation M of each entry. */
  readonly magnetizations: Int32Array;
  /** Number of configurations g(B, M) of each entry; they sum to 2^N. */
  readonly counts: Float64Array;
}

/**
 * For each site, `2·dimension` neighbour entries (a double bond listed twice); a missing
 * neighbour of an open boundary points to the sentinel site N, whose spin is 0.
 */
function neighborTable(model: IsingModel): Int32Array {
  const { width, height, dimension, boundary, sites } = model;
  const periodic = boundary === 'periodic';
  const coordination = 2 * dimension;
  const table = new Int32Array(sites * coordination).fill(sites);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const base = (y * width + x) * coordination;
      if (x > 0 || periodic) table[base] = y * width + ((x - 1 + width) % width);
      if (x < width - 1 || periodic) table[base + 1] = y * width + ((x + 1) % width);
      if (dimension === 2) {
        if (y > 0 || periodic) table[base + 2] = ((y - 1 + height) % height) * width + x;
        if (y < height - 1 || periodic) table[base + 3] = ((y + 1) % height) * width + x;
      }
    }
  }
  return table;
}

/**
 * The density of states g(B, M) of `model` by enumerating all 2^N configurations in Gray-code
 * order. Only the geometry matters; J and h are kept for `exactIsingObservables`.
 *
 * @param model a lattice of at most 25 spins.
 */
export function isingDensityOfStates(model: IsingModel | IsingModelOptions): IsingDensityOfStates {
  const checked = toIsingModel(model);
  const sites = checked.sites;
  if (sites > MAX_ENUMERATED_SITES) {
    throw new RangeError(
      `isingDensityOfStates: the lattice has ${sites} spins; exact enumeration allows at most ` +
        `${MAX_ENUMERATED_SITES} (2^25 states, e.g. 5 × 5). Use kaufmanIsing (periodic 2D, h = 0) or ` +
        `isingChainTransferMatrix (1D) for larger lattices`,
    );
  }
  const bonds = isingBondCount(checked);
  const neighbors = neighborTable(checked);
  const coordination = 2 * checked.dimension;
  // Table over (B, M): B in [−bonds, bonds], M in {−N, −N+2, …, N} at (M + N)/2.
  const columns = sites + 1;
  const table = new Float64Array((2 * bonds + 1) * columns);
  const spins = new Int8Array(sites + 1).fill(-1);
  spins[sites] = 0;
  // Start from all spins down: B = bonds, M = −N; `index` follows (B, M) through the table.
  let index = 2 * bonds * columns;
  table[index] = 1;
  const states = 2 ** sites;
  for (let k = 1; k < states; k++) {
    // Gray code: step k flips the lowest set bit of k (k < 2^25 fits the 32-bit operators).
    const site = 31 - Math.clz32(k & -k);
    const spin = spins[site];
    const base = site * coordination;
    let sum = spins[neighbors[base]] + spins[neighbors[base + 1]];
    if (coordination === 4) sum += spins[neighbors[base + 2]] + spins[neighbors[base + 3]];
    // B changes by −2·s·sum (rows of `columns`), M by −2s (column (M + N)/2 by −s).
    index -= spin * (2 * sum * columns + 1);
    spins[site] = -spin;
    table[index] += 1;
  }
  let entries = 0;
  for (let i = 0; i < table.length; i++) if (table[i] > 0) entries++;
  const bondSums = new Int32Array(entries);
  const magnetizations = new Int32Array(entries);
  const counts = new Float64Array(entries);
  for (let i = 0, e = 0; i < table.length; i++) {
    if (table[i] === 0) continue;
    const row = Math.floor(i / columns);
    bondSums[e] = row - bonds;
    magnetizations[e] = 2 * (i - row * columns) - sites;
    counts[e] = table[i];
    e++;
  }
  return { model: checked, bonds, bondSums, magnetizations, counts };
}
