/**
 * Heat-bath (Gibbs) updates in checkerboard order: each spin is redrawn from its conditional
 * distribution given its neighbours,
 *
 *   P(s_i = +1 | rest) = 1 / (1 + exp(−2 (J Σ_j s_j + h) / T)),
 *
 * whatever its current value. The 9 probabilities (neighbour sums −4 … 4) come from a table
 * built once per temperature with `portableExp`. One coin per site (usually one 32-bit word,
 * see `coin.ts`). Same site order as
 * `metropolisSweep` (even colour, then odd).
 */
import { portableExp } from '../../core/random/index.js';
import { describe } from '../../core/validate.js';
import type { IsingRandomSource, IsingSweepStats } from './algorithm.js';
import { coinThreshold, flipCoin } from './coin.js';
import { assertIsingLattice, type IsingLattice, neighborSum } from './lattice.js';
import { type IsingModel, type IsingModelOptions, toIsingModel } from './model.js';
import { assertTemperature, workspaceOf } from './workspace.js';

/**
 * The 9 probabilities of spin up, 1/(1 + exp(−2(J·n + h)/T)), for neighbour sums n = −4 … 4
 * at index n + 4.
 */
export function heatBathTable(model: IsingModel | IsingModelOptions, temperature: number): Float64Array {
  assertTemperature('heatBathTable', temperature);
  const checked = toIsingModel(model);
  const table = new Float64Array(9);
  fillTable(table, checked, temperature);
  return table;
}

function fillTable(table: Float64Array, model: IsingModel, temperature: number): void {
  for (let n = -4; n <= 4; n++) {
    table[n + 4] = 1 / (1 + portableExp((-2 * (model.coupling * n + model.field)) / temperature));
  }
}

/** The lattice's table of coin thresholds p·2^27 at `temperature`, rebuilt when T changes. */
function thresholdsFor(lattice: IsingLattice, temperature: number): Float64Array {
  const workspace = workspaceOf(lattice);
  const table = workspace.heatBathTable;
  if (workspace.heatBathTemperature !== temperature) {
    fillTable(table, lattice.model, temperature);
    for (let i = 0; i < table.length; i++) table[i] = coinThreshold(table[i]);
    workspace.heatBathTemperature = temperature;
  }
  return table;
}

/**
 * One heat-bath sweep: every site redrawn once, in checkerboard order.
 *
 * @returns spins whose sign changed, and `siteUpdates` = number of sites.
 */
export function heatBathSweep(
  lattice: IsingLattice,
  temperature: number,
  stream: IsingRandomSource,
): IsingSweepStats {
  assertIsingLattice('heatBathSweep', lattice);
  assertTemperature('heatBathSweep', temperature);
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
        const sum = neighborSum(spins, width, height, twoDimensional, periodic, x, y);
        const spin = flipCoin(stream, table[sum + 4]) ? 1 : -1;
        if (spin !== spins[site]) {
          spins[site] = spin;
          flipped++;
        }
      }
    }
  }
  return { flippedSpins: flipped, siteUpdates: width * height, clusters: 0 };
}

/**
 * One heat-bath update of a single site (the building block of the sweep, exposed so that tests
 * can check its detailed balance). Returns whether the spin changed.
 */
export function heatBathSiteUpdate(
  lattice: IsingLattice,
  site: number,
  temperature: number,
  stream: IsingRandomSource,
): boolean {
  assertIsingLattice('heatBathSiteUpdate', lattice);
  assertTemperature('heatBathSiteUpdate', temperature);
  const { width, height, dimension, boundary, sites } = lattice.model;
  if (!(Number.isInteger(site) && site >= 0 && site < sites)) {
    throw new RangeError(
      `heatBathSiteUpdate: site must be an integer in [0, ${sites - 1}], got ${describe(site)}`,
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
  const spin = flipCoin(stream, table[sum + 4]) ? 1 : -1;
  const changed = spin !== spins[site];
  spins[site] = spin;
  return changed;
}
