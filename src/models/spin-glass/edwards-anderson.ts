/**
 * The Edwards–Anderson model (1975): Ising spins on a periodic d-dimensional cubic lattice
 * (d = 2 or 3) of side L, coupled to their 2d nearest neighbours by random bonds,
 *
 *   H(s) = −Σ_⟨ij⟩ J_ij s_i s_j − Σ_i h_i s_i,
 *
 * with J_ij = ±J (bimodal, the usual "±J model") or J_ij ~ N(0, J²). Site r = (x, y[, z]) has
 * index x + L·y + L²·z. Each site owns the d bonds to its neighbours in the + directions:
 * `latticeCouplings[site·d + a]` is the coupling between `site` and `site + e_a` (wrapping
 * around), so the lattice has d·L^d bonds. For L = 2 a site's + and − neighbours along an axis
 * coincide; the two lattice bonds are then merged in the `SpinSystem` (their couplings added)
 * but stay separate in `latticeCouplings`, which the plaquette frustration count reads.
 *
 * Reference points: the 3D ±J model has T_c ≈ 1.10 J and ground-state energy ≈ −1.787 J per
 * spin; the 2D model has no finite-temperature transition (T_c = 0), ground state ≈ −1.40 J.
 */
import { type Key, normal, RandomStream } from '../../core/random/index.js';
import {
  assertInteger,
  assertKey,
  assertOneOf,
  assertOptions,
  assertPositive,
  finiteArray,
} from '../../core/validate.js';
import { COUPLING_DISTRIBUTIONS, type CouplingDistribution } from './sherrington-kirkpatrick.js';
import { buildSpinSystem, fieldArray, type SpinSystem } from './spin-system.js';

/** Options shared by the two Edwards–Anderson constructors. */
export interface EdwardsAndersonLatticeOptions {
  /** 2 or 3. */
  dimension: 2 | 3;
  /** Side L, an integer ≥ 2 (L^d ≤ 2^24 spins). */
  length: number;
  /** External field: one number for every spin, or L^d numbers (default 0). */
  fields?: number | ArrayLike<number>;
}

/** Options of {@link edwardsAnderson}. */
export interface EdwardsAndersonOptions extends EdwardsAndersonLatticeOptions {
  /** The key that fixes the couplings. */
  key: Key;
  /** 'bimodal' (default): J_ij = ±J with probability ½ each; 'gaussian': J_ij ~ N(0, J²). */
  couplingDistribution?: CouplingDistribution;
  /** J > 0 (default 1). */
  couplingScale?: number;
}

/** Options of {@link edwardsAndersonFromCouplings}: a lattice with given bonds. */
export interface EdwardsAndersonFromCouplingsOptions extends EdwardsAndersonLatticeOptions {
  /** d·L^d finite numbers: entry site·d + a couples `site` to its neighbour along +e_a. */
  latticeCouplings: ArrayLike<number>;
}

/** An EA instance: a lattice `SpinSystem` that remembers its geometry and bonds. */
export interface EdwardsAndersonSystem extends SpinSystem {
  readonly model: 'edwards-anderson';
  readonly dimension: 2 | 3;
  /** Side L. */
  readonly length: number;
  /** d·L^d couplings; entry site·d + a couples `site` to `neighborSite(system, site, a)`. */
  readonly latticeCouplings: Float64Array;
}

/** The index of the neighbour of `site` one step along +e_axis (periodic). */
export function neighborSite(
  lattice: { dimension: number; length: number },
  site: number,
  axis: number,
): number {
  const stride = lattice.length ** axis;
  const coordinate = Math.floor(site / stride) % lattice.length;
  return coordinate === lattice.length - 1 ? site - coordinate * stride : site + stride;
}

function checkLattice(where: string, options: EdwardsAndersonLatticeOptions): number {
  assertOptions(where, options);
  const { dimension, length } = options;
  if (dimension !== 2 && dimension !== 3)
    throw new RangeError(`${where}: dimension must be 2 or 3, got ${dimension}`);
  assertInteger(where, 'length', length, 2, dimension === 2 ? 4096 : 256);
  return length ** dimension;
}

function build(
  where: string,
  options: EdwardsAndersonLatticeOptions,
  size: number,
  latticeCouplings: Float64Array,
): EdwardsAndersonSystem {
  const { dimension, length } = options;
  const count = size * dimension;
  const first = new Int32Array(count);
  const second = new Int32Array(count);
  for (let site = 0; site < size; site++) {
    for (let axis = 0; axis < dimension; axis++) {
      const other = neighborSite(options, site, axis);
      first[site * dimension + axis] = Math.min(site, other);
      second[site * dimension + axis] = Math.max(site, other);
    }
  }
  const system = buildSpinSystem(
    size,
    first,
    second,
    latticeCouplings,
    fieldArray(where, options.fields, size),
  );
  return { ...system, model: 'edwards-anderson', dimension, length, latticeCouplings };
}

/**
 * An Edwards–Anderson instance drawn from `key`: d·L^d couplings in the order of
 * `latticeCouplings`, as normals (`normal(key, ·)`) or as signs from the top bit of successive
 * 32-bit words of a `RandomStream`.
 *
 * ```ts
 * const ea = edwardsAnderson({ dimension: 2, length: 4, key: makeKey(7) });   // ±1 bonds
 * frustratedPlaquettes(ea).count;   // about half of the 16 plaquettes
 * ```
 */
export function edwardsAnderson(options: EdwardsAndersonOptions): EdwardsAndersonSystem {
  const where = 'edwardsAnderson';
  const size = checkLattice(where, options);
  assertKey(where, options.key);
  const couplingDistribution = options.couplingDistribution ?? 'bimodal';
  assertOneOf(where, 'couplingDistribution', couplingDistribution, COUPLING_DISTRIBUTIONS);
  const scale = options.couplingScale ?? 1;
  assertPositive(where, 'couplingScale', scale);
  const count = size * options.dimension;
  let couplings: Float64Array;
  if (couplingDistribution === 'gaussian') couplings = normal(options.key, count, { std: scale });
  else {
    const stream = new RandomStream(options.key);
    couplings = new Float64Array(count);
    for (let k = 0; k < count; k++) couplings[k] = stream.nextUint32() >>> 31 ? -scale : scale;
  }
  return build(where, options, size, couplings);
}

/**
 * An Edwards–Anderson lattice with the couplings given, e.g. a hand-made frustrated plaquette,
 * or all J = 1 for the ferromagnet.
 */
export function edwardsAndersonFromCouplings(
  options: EdwardsAndersonFromCouplingsOptions,
): EdwardsAndersonSystem {
  const where = 'edwardsAndersonFromCouplings';
  const size = checkLattice(where, options);
  const couplings = finiteArray(
    where,
    'latticeCouplings',
    options.latticeCouplings,
    size * options.dimension,
  );
  return build(where, options, size, couplings);
}
