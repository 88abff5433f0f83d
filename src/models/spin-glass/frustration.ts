/**
 * Frustration (Toulouse 1977): a closed loop of bonds is frustrated when the product of its
 * couplings is negative, because then no spin configuration satisfies every bond of the loop
 * (at least one bond has J_ij s_i s_j < 0). Frustration, with disorder, is what makes a spin
 * glass; a system without frustrated loops is a ferromagnet in disguise (gauge-equivalent to one
 * by flipping spins).
 *
 * - Edwards–Anderson lattices: the elementary loops are the plaquettes, the unit squares of the
 *   lattice, d(d − 1)/2 per site (L² in 2D, 3L³ in 3D). ±J bonds with equal probability leave
 *   each plaquette frustrated with probability ½.
 * - General graphs (SK): the shortest loops are triangles i < j < k with all three bonds; with
 *   symmetric random couplings each is frustrated with probability ½. This is a count over
 *   N(N − 1)(N − 2)/6 triangles, so it is O(N³).
 *
 * A loop containing a bond with J = 0 has product 0 and is counted as not frustrated.
 */

import { describe, finiteArray } from '../../core/validate.js';
import type { EdwardsAndersonSystem } from './edwards-anderson.js';
import { neighborSite } from './edwards-anderson.js';
import { couplingMatrix, type SpinSystem } from './spin-system.js';

/** How many loops of a kind are frustrated. */
export interface FrustrationCount {
  /** Frustrated loops. */
  readonly count: number;
  /** Loops examined. */
  readonly total: number;
  /** count / total (NaN when there are none). */
  readonly fraction: number;
}

/** True when the product of the couplings around a loop is negative. */
export function isFrustratedLoop(couplings: ArrayLike<number>): boolean {
  const values = finiteArray('isFrustratedLoop', 'couplings', couplings);
  let negative = 0;
  for (const value of values) {
    if (value === 0) return false;
    if (value < 0) negative++;
  }
  return negative % 2 === 1;
}

/**
 * The frustrated plaquettes of an Edwards–Anderson lattice. The plaquette at site r in the plane
 * (a, b), a < b, has the bonds r→r+e_a, r+e_a→r+e_a+e_b, r+e_b→r+e_a+e_b and r→r+e_b.
 */
export function frustratedPlaquettes(system: EdwardsAndersonSystem): FrustrationCount {
  if (system === null || typeof system !== 'object' || system.model !== 'edwards-anderson') {
    throw new TypeError(
      `frustratedPlaquettes: system must be an Edwards–Anderson lattice (from edwardsAnderson), got ${describe(system)}`,
    );
  }
  const { dimension: d, latticeCouplings: bonds } = system;
  let count = 0;
  let total = 0;
  for (let site = 0; site < system.size; site++) {
    for (let a = 0; a < d; a++) {
      const alongA = neighborSite(system, site, a);
      for (let b = a + 1; b < d; b++) {
        const alongB = neighborSite(system, site, b);
        const product =
          bonds[site * d + a] * bonds[alongA * d + b] * bonds[alongB * d + a] * bonds[site * d + b];
        total++;
        if (product < 0) count++;
      }
    }
  }
  return { count, total, fraction: total === 0 ? Number.NaN : count / total };
}

/**
 * The frustrated triangles of any spin system: triples i < j < k joined by three bonds whose
 * couplings multiply to a negative number. O(N³) on the dense coupling matrix; N ≤ 2048.
 */
export function frustratedTriangles(system: SpinSystem): FrustrationCount {
  const n = system.size;
  if (n > 2048)
    throw new RangeError(`frustratedTriangles: system.size must be ≤ 2048 (O(N³) count), got ${n}`);
  const matrix = couplingMatrix(system);
  let count = 0;
  let total = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const ij = matrix[i * n + j];
      if (ij === 0) continue;
      const rowJ = j * n;
      const rowI = i * n;
      for (let k = j + 1; k < n; k++) {
        const product = ij * matrix[rowJ + k] * matrix[rowI + k];
        if (product === 0) continue;
        total++;
        if (product < 0) count++;
      }
    }
  }
  return { count, total, fraction: total === 0 ? Number.NaN : count / total };
}
