/**
 * Scratch memory of the sweeps, kept beside each lattice (internal). Acceptance tables are
 * recomputed only when the temperature changes, and cluster buffers are allocated on first use,
 * so that a sweep allocates nothing in the steady state. A `WeakMap` keeps the lattice itself
 * plain data and lets the buffers go with it.
 */

import { assertPositive } from '../../core/validate.js';
import type { IsingLattice } from './lattice.js';

/** The scratch buffers of one lattice. */
export interface IsingWorkspace {
  /** Temperature `metropolisTable` was built for (NaN: none yet). */
  metropolisTemperature: number;
  /** Metropolis acceptance probabilities as coin thresholds p·2^27 (see `coin.ts`). */
  metropolisTable: Float64Array;
  /** Temperature `heatBathTable` was built for (NaN: none yet). */
  heatBathTemperature: number;
  /** Heat-bath probabilities of spin up as coin thresholds p·2^27. */
  heatBathTable: Float64Array;
  /** Wolff: the sites of the cluster being grown, in order. */
  clusterSites: Int32Array | null;
  /** Wolff: 1 for the sites already in the cluster. */
  inCluster: Uint8Array | null;
  /** Swendsen–Wang: union-find parent of every site. */
  parent: Int32Array | null;
  /** Swendsen–Wang: per root, the cluster's magnetisation, then its flip decision. */
  clusterValue: Int32Array | null;
}

const workspaces = new WeakMap<IsingLattice, IsingWorkspace>();

/** The workspace of `lattice`, created on first use. */
export function workspaceOf(lattice: IsingLattice): IsingWorkspace {
  let workspace = workspaces.get(lattice);
  if (workspace === undefined) {
    workspace = {
      metropolisTemperature: Number.NaN,
      metropolisTable: new Float64Array(18),
      heatBathTemperature: Number.NaN,
      heatBathTable: new Float64Array(9),
      clusterSites: null,
      inCluster: null,
      parent: null,
      clusterValue: null,
    };
    workspaces.set(lattice, workspace);
  }
  return workspace;
}

/** Throws unless `temperature` is a finite number > 0. */
export function assertTemperature(where: string, temperature: unknown): asserts temperature is number {
  assertPositive(where, 'temperature', temperature);
}
