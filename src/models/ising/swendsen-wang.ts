/**
 * Swendsen–Wang updates (Swendsen & Wang 1987): every satisfied bond (J s_i s_j > 0) is
 * activated with probability p = 1 − exp(−2|J|/T); the connected components of the activated
 * bonds (Fortuin–Kasteleyn clusters, found by union-find with path halving) are then each given
 * a new orientation. In zero field each cluster flips with probability ½. In a field h the two
 * orientations of a cluster with magnetisation M_C have weights exp(±h M_C/T), so it flips with
 * probability 1/(1 + exp(2 h M_C/T)): an exact heat-bath step on the cluster, which keeps the
 * algorithm correct for any h (it only slows down when |h| M_C ≫ T).
 *
 * Random numbers, in order: one coin (see `coin.ts`) per satisfied bond (sites in row-major order, right bond
 * then lower bond), then one per cluster (roots in increasing site order). The union-find arrays
 * live in the lattice's workspace (8 bytes per site, allocated once).
 */
import { portableExp } from '../../core/random/index.js';
import type { IsingRandomSource, IsingSweepStats } from './algorithm.js';
import { coinThreshold, flipCoin } from './coin.js';
import { assertIsingLattice, type IsingLattice } from './lattice.js';
import { clusterBondProbability } from './wolff.js';
import { assertTemperature, workspaceOf } from './workspace.js';

/** Root of `site`, halving the path on the way (every other node points to its grandparent). */
function find(parent: Int32Array, site: number): number {
  while (parent[site] !== site) {
    const grandparent = parent[parent[site]];
    parent[site] = grandparent;
    site = grandparent;
  }
  return site;
}

function union(parent: Int32Array, a: number, b: number): void {
  const rootA = find(parent, a);
  const rootB = find(parent, b);
  // The smaller index becomes the root, which keeps the cluster order deterministic.
  if (rootA < rootB) parent[rootB] = rootA;
  else if (rootB < rootA) parent[rootA] = rootB;
}

/**
 * One Swendsen–Wang update of the whole lattice.
 *
 * @returns `clusters`, the number of clusters in the decomposition (single sites included), and
 * `flippedSpins`.
 */
export function swendsenWangSweep(
  lattice: IsingLattice,
  temperature: number,
  stream: IsingRandomSource,
): IsingSweepStats {
  const where = 'swendsenWangSweep';
  assertIsingLattice(where, lattice);
  assertTemperature(where, temperature);
  const { width, height, dimension, boundary, sites, coupling, field } = lattice.model;
  const workspace = workspaceOf(lattice);
  workspace.parent ??= new Int32Array(sites);
  workspace.clusterValue ??= new Int32Array(sites);
  const parent = workspace.parent;
  const value = workspace.clusterValue;
  const spins = lattice.spins;
  for (let i = 0; i < sites; i++) {
    parent[i] = i;
    value[i] = 0;
  }
  const threshold = coinThreshold(clusterBondProbability(coupling, temperature));
  const periodic = boundary === 'periodic';
  const twoDimensional = dimension === 2;
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      const site = row + x;
      const spin = spins[site];
      if (x < width - 1 || periodic) {
        const right = x < width - 1 ? site + 1 : row;
        if (coupling * spin * spins[right] > 0 && flipCoin(stream, threshold)) union(parent, site, right);
      }
      if (twoDimensional && (y < height - 1 || periodic)) {
        const down = y < height - 1 ? site + width : x;
        if (coupling * spin * spins[down] > 0 && flipCoin(stream, threshold)) union(parent, site, down);
      }
    }
  }
  for (let i = 0; i < sites; i++) value[find(parent, i)] += spins[i];
  let clusters = 0;
  for (let i = 0; i < sites; i++) {
    if (parent[i] !== i) continue;
    clusters++;
    const flipProbability = field === 0 ? 0.5 : 1 / (1 + portableExp((2 * field * value[i]) / temperature));
    value[i] = flipCoin(stream, coinThreshold(flipProbability)) ? 1 : 0;
  }
  let flipped = 0;
  for (let i = 0; i < sites; i++) {
    if (value[find(parent, i)] === 1) {
      spins[i] = -spins[i];
      flipped++;
    }
  }
  return { flippedSpins: flipped, siteUpdates: 0, clusters };
}
