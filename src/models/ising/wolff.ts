/**
 * Wolff single-cluster updates (Wolff 1989), for zero field only.
 *
 * A seed site is chosen uniformly; the cluster grows across every satisfied bond (J s_i s_j > 0)
 * to a site not yet in it, each with probability p = 1 − exp(−2|J|/T), and the whole cluster is
 * then flipped, which is always accepted. Growth uses an explicit queue (no recursion, so a
 * cluster of millions of sites cannot overflow the call stack); the queue and the membership
 * marks live in the lattice's workspace and are allocated once. A periodic side of length 2 has
 * double bonds, and each of the two bonds gets its own chance, as it should.
 *
 * With h ≠ 0 a cluster flip changes the Zeeman energy and would need an acceptance step that
 * wrecks the method's efficiency; use Swendsen–Wang (which handles h exactly), Metropolis or
 * heat-bath instead.
 */
import { portableExp } from '../../core/random/index.js';
import { assertInteger, describe } from '../../core/validate.js';
import type { IsingRandomSource, IsingSweepStats } from './algorithm.js';
import { coinThreshold, flipCoin } from './coin.js';
import { assertIsingLattice, type IsingLattice } from './lattice.js';
import { assertTemperature, workspaceOf } from './workspace.js';

/** Options of `wolffSweep`. */
export interface WolffOptions {
  /**
   * Clusters grown and flipped in this call, an integer ≥ 1; 1 by default. A fixed number (not
   * "until N spins have flipped", whose state-dependent stopping would bias the chain).
   */
  clusters?: number;
}

/** The probability p = 1 − exp(−2|J|/T) that a satisfied bond joins a cluster. */
export function clusterBondProbability(coupling: number, temperature: number): number {
  assertTemperature('clusterBondProbability', temperature);
  if (typeof coupling !== 'number' || !Number.isFinite(coupling)) {
    throw new RangeError(
      `clusterBondProbability: coupling must be a finite number, got ${describe(coupling)}`,
    );
  }
  return 1 - portableExp((-2 * Math.abs(coupling)) / temperature);
}

/** Adds `neighbor` to the cluster with probability p (coin `threshold`) if its bond to the current site is satisfied. */
function tryAdd(
  neighbor: number,
  target: number,
  threshold: number,
  spins: Int8Array,
  inCluster: Uint8Array,
  clusterSites: Int32Array,
  size: number,
  stream: IsingRandomSource,
): number {
  if (inCluster[neighbor] === 0 && spins[neighbor] === target && flipCoin(stream, threshold)) {
    inCluster[neighbor] = 1;
    clusterSites[size] = neighbor;
    return size + 1;
  }
  return size;
}

/**
 * Grows and flips `options.clusters` Wolff clusters (1 by default).
 *
 * @returns `clusters` grown and `flippedSpins`, the sum of their sizes (so the mean cluster size
 * is their ratio).
 */
export function wolffSweep(
  lattice: IsingLattice,
  temperature: number,
  stream: IsingRandomSource,
  options: WolffOptions = {},
): IsingSweepStats {
  const where = 'wolffSweep';
  assertIsingLattice(where, lattice);
  assertTemperature(where, temperature);
  const count = options.clusters ?? 1;
  assertInteger(where, 'options.clusters', count, 1);
  const { width, height, dimension, boundary, sites, coupling, field } = lattice.model;
  if (field !== 0) {
    throw new RangeError(
      `${where}: Wolff cluster updates need field h = 0, but the model has h = ${field}; use ` +
        `'swendsen-wang' (which handles a field), 'metropolis' or 'heatbath'`,
    );
  }
  const workspace = workspaceOf(lattice);
  workspace.clusterSites ??= new Int32Array(sites);
  workspace.inCluster ??= new Uint8Array(sites);
  const clusterSites = workspace.clusterSites;
  const inCluster = workspace.inCluster;
  const spins = lattice.spins;
  const threshold = coinThreshold(clusterBondProbability(coupling, temperature));
  const ferromagnetic = coupling > 0;
  const periodic = boundary === 'periodic';
  const twoDimensional = dimension === 2;
  let flipped = 0;
  for (let c = 0; c < count; c++) {
    const seed = stream.nextInt(sites);
    clusterSites[0] = seed;
    inCluster[seed] = 1;
    let size = 1;
    // Spins keep their old values while the cluster grows; it is flipped at the end.
    for (let k = 0; k < size; k++) {
      const site = clusterSites[k];
      const target = ferromagnetic ? spins[site] : -spins[site];
      const x = site % width;
      const y = (site - x) / width;
      const row = site - x;
      if (x > 0 || periodic) {
        const left = x > 0 ? site - 1 : row + width - 1;
        size = tryAdd(left, target, threshold, spins, inCluster, clusterSites, size, stream);
      }
      if (x < width - 1 || periodic) {
        const right = x < width - 1 ? site + 1 : row;
        size = tryAdd(right, target, threshold, spins, inCluster, clusterSites, size, stream);
      }
      if (twoDimensional) {
        if (y > 0 || periodic) {
          const up = y > 0 ? site - width : (height - 1) * width + x;
          size = tryAdd(up, target, threshold, spins, inCluster, clusterSites, size, stream);
        }
        if (y < height - 1 || periodic) {
          const down = y < height - 1 ? site + width : x;
          size = tryAdd(down, target, threshold, spins, inCluster, clusterSites, size, stream);
        }
      }
    }
    for (let k = 0; k < size; k++) {
      const site = clusterSites[k];
      spins[site] = -spins[site];
      inCluster[site] = 0;
    }
    flipped += size;
  }
  return { flippedSpins: flipped, siteUpdates: 0, clusters: count };
}
