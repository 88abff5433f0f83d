/**
 * Metropolis single-spin flips in checkerboard order.
 *
 * Flipping s_i changes the energy by ΔE = 2 s_i (J Σ_j s_j + h), and the flip is accepted with
 * probability min(1, exp(−ΔE/T)) (⚠ not exp(−2ΔE/T): the 2 is already in ΔE). The sum of the
 * neighbour spins takes at most 9 values (−4 … 4) and s_i two, so the probabilities come from
 * an 18-entry table built once per temperature with `portableExp`, which makes chains
 * bit-identical in every JavaScript engine. A flip with ΔE ≤ 0 is taken without drawing; the
 * others draw one coin (usually one 32-bit word, see `coin.ts`).
 *
 * Order: first the sites with x + y even, then those with x + y odd (1D: even, then odd sites).
 * On a lattice with an even periodic side the two colours are independent sets, as in the
 * parallel and bit-packed kernels; with an odd periodic side, or open boundaries, the order is
 * still a fixed sequence of single-site updates each satisfying detailed balance, so the sweep
 * leaves the Boltzmann distribution invariant either way.
 */
import { portableExp } from '../../core/random/index.js';
import { describe } from '../../core/validate.js';
import type { IsingRandomSource, IsingSweepStats } from './algorithm.js';
import { COIN_SCALE, coinThreshold, flipCoin } from './coin.js';
import { assertIsingLattice, type IsingLattice, neighborSum } from './lattice.js';
import { type IsingModel, type IsingModelOptions, toIsingModel } from './model.js';
import { assertTemperature, workspaceOf } from './workspace.js';

/** Index of (neighbour sum, spin) in the acceptance table: 2·(sum + 4) + (spin > 0 ? 1 : 0). */
export function metropolisTableIndex(neighborSpinSum: number, spin: number): number {
  return ((neighborSpinSum + 4) << 1) | ((spin + 1) >> 1);
}

/**
 * The 18 acceptance probabilities min(1, exp(−2 s (J·n + h)/T)) for neighbour sums n = −4 … 4
 * and spins s = ±1, at `metropolisTableIndex(n, s)`. Entries for sums a lattice cannot have are
 * filled all the same.
 */
export function metropolisAcceptanceTable(
  model: IsingModel | IsingModelOptions,
  temperature: number,
): Float64Array {
  assertTemperature('metropolisAcceptanceTable', temperature);
  const checked = toIsingModel(model);
  const table = new Float64Array(18);
  fillTable(table, checked, temperature);
  return table;
}

function fillTable(table: Float64Array, model: IsingModel, temperature: number): void {
  for (let n = -4; n <= 4; n++) {
    for (let s = -1; s <= 1; s += 2) {
      const deltaEnergy = 2 * s * (model.coupling * n + model.field);
      table[metropolisTableIndex(n, s)] = deltaEnergy <= 0 ? 1 : portableExp(-deltaEnergy / temperature);
    }
  }
}

/** The lattice's table of coin thresholds p·2^27 at `temperature`, rebuilt when T changes. */
function thresholdsFor(lattice: IsingLattice, temperature: number): Float64Array {
  const workspace = workspaceOf(lattice);
  const table = workspace.metropolisTable;
  if (workspace.metropolisTemperature !== temperature) {
    fillTable(table, lattice.model, temperature);
    for (let i = 0; i < table.length; i++) table[i] = coinThreshold(table[i]);
    workspace.metropolisTemperature = temperature;
  }
  return table;
}

/**
 * One Metropolis sweep: every site once, in checkerboard order. Draws one coin per site whose
 * flip would raise the energy.
 *
 * @returns flipped spins (accepted flips) and `siteUpdates` = number of sites.
 */
export function metropolisSweep(
  lattice: IsingLattice,
  temperature: number,
  stream: IsingRandomSource,
): IsingSweepStats {
  assertIsingLattice('metropolisSweep', lattice);
  assertTemperature('metropolisSweep', temperature);
  const table = thresholdsFor(lattice, temperature);
  const { width, height, dimension, boundary } = lattice.model;
  const spins = lattice.spins;
  const twoDimensional = dimension === 2;
  const periodic = boundary === 'periodic';
  let flipped = 0;
  for (let color = 0; color < 2; color++) {
    for (let y = 0; y < height; y++) {
      const row = y * width;
      for (let x = (color + y) & 1; x < width; x += 2) {
        const site = row + x;
        const spin = spins[site];
        const sum = neighborSum(spins, width, height, twoDimensional, periodic, x, y);
        const threshold = table[((sum + 4) << 1) | ((spin + 1) >> 1)];
        if (threshold >= COIN_SCALE || flipCoin(stream, threshold)) {
          spins[site] = -spin;
          flipped++;
        }
      }
    }
  }
  return { flippedSpins: flipped, siteUpdates: width * height, clusters: 0 };
}

/**
 * One Metropolis update of a single site (the building block of the sweep, exposed so that
 * tests can check its detailed balance). Returns whether the spin flipped.
 */
export function metropolisSiteUpdate(
  lattice: IsingLattice,
  site: number,
  temperature: number,
  stream: IsingRandomSource,
): boolean {
  assertIsingLattice('metropolisSiteUpdate', lattice);
  assertTemperature('metropolisSiteUpdate', temperature);
  const { width, height, dimension, boundary, sites } = lattice.model;
  if (!(Number.isInteger(site) && site >= 0 && site < sites)) {
    throw new RangeError(
      `metropolisSiteUpdate: site must be an integer in [0, ${sites - 1}], got ${describe(site)}`,
    );
  }
  const table = thresholdsFor(lattice, temperature);
  const spins = lattice.spins;
  const x = site % width;
  const sum = neighborSum(
    spins,
    width,
    height,
    dimension === 2,
    boundary === 'periodic',
    x,
    (site - x) / width,
  );
  const spin = spins[site];
  const threshold = table[metropolisTableIndex(sum, spin)];
  if (threshold >= COIN_SCALE || flipCoin(stream, threshold)) {
    spins[site] = -spin;
    return true;
  }
  return false;
}
