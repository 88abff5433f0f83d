/**
 * The Ising model's geometry and couplings: a 1D chain or a 2D square lattice, periodic or open,
 * with coupling J and field h. Energy convention (one sign everywhere in physml):
 *
 *   H(s) = −J Σ_<ij> s_i s_j − h Σ_i s_i,   s_i = ±1,
 *
 * where <ij> runs over the bonds: in 2D each site bonds to its right and lower neighbour (when
 * they exist), in 1D to the next site. With periodic boundaries a lattice has `dimension · sites`
 * bonds; a periodic side of length 2 therefore carries a double bond between the same pair of
 * sites, which is what the transfer matrix and Kaufman's formula count as well.
 *
 * Sites are numbered row-major: site (x, y) is `y · width + x`; a chain has `height = 1`.
 */
import { describe, finiteOption } from '../../core/validate.js';

/** Boundary condition of an Ising lattice. */
export type IsingBoundary = 'periodic' | 'open';

/**
 * Largest lattice the simple kernel allocates: 2^26 sites (an 8192 × 8192 square), i.e. 64 MiB
 * of spins at one byte each, plus up to 8 bytes per site of cluster workspace for Wolff and
 * Swendsen–Wang (512 MiB). Larger lattices belong to the bit-packed kernel.
 */
export const MAX_ISING_SITES = 2 ** 26;

/** Options of `isingModel`. */
export interface IsingModelOptions {
  /** 1 for a chain, 2 for a square lattice. */
  dimension: 1 | 2;
  /** Sites along x: the chain length in 1D, the width in 2D; an integer ≥ 2. */
  length: number;
  /** Rows of a 2D lattice, an integer ≥ 2; `length` by default (a square). Ignored in 1D. */
  height?: number;
  /** Coupling J, finite (J > 0 ferromagnetic); 1 by default. */
  coupling?: number;
  /** External field h, finite; 0 by default. */
  field?: number;
  /** `'periodic'` (default) or `'open'`. */
  boundary?: IsingBoundary;
}

/** A validated, immutable Ising model description (plain JSON-safe data). */
export interface IsingModel {
  /** 1 (chain) or 2 (square lattice). */
  readonly dimension: 1 | 2;
  /** Sites along x. */
  readonly width: number;
  /** Sites along y; 1 for a chain. */
  readonly height: number;
  /** Number of spins, `width · height`. */
  readonly sites: number;
  /** Coupling J. */
  readonly coupling: number;
  /** Field h. */
  readonly field: number;
  /** Boundary condition. */
  readonly boundary: IsingBoundary;
}

function assertSide(where: string, name: string, value: unknown): asserts value is number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 2 || value > MAX_ISING_SITES) {
    throw new RangeError(`${where}: ${name} must be an integer in [2, 2^26], got ${describe(value)}`);
  }
}

/**
 * A validated Ising model. Refuses, before anything is allocated, a lattice with more than
 * `MAX_ISING_SITES` spins, naming the memory it would need.
 */
export function isingModel(options: IsingModelOptions): IsingModel {
  const where = 'isingModel';
  if (options === null || typeof options !== 'object') {
    throw new TypeError(`${where}: options must be an object, got ${describe(options)}`);
  }
  const { dimension } = options;
  if (dimension !== 1 && dimension !== 2) {
    throw new RangeError(`${where}: dimension must be 1 or 2, got ${describe(dimension)}`);
  }
  assertSide(where, 'length', options.length);
  const width = options.length;
  let height = 1;
  if (dimension === 2) {
    height = options.height ?? width;
    assertSide(where, 'height', height);
  }
  const sites = width * height;
  if (sites > MAX_ISING_SITES) {
    const mebibytes = (sites / 2 ** 20).toFixed(0);
    throw new RangeError(
      `${where}: a ${width} × ${height} lattice has ${sites} sites and needs ${mebibytes} MiB of spins ` +
        `(plus up to 8 bytes per site for cluster updates); the simple kernel allows at most 2^26 = ` +
        `${MAX_ISING_SITES} sites (64 MiB). Use a smaller lattice or the bit-packed kernel`,
    );
  }
  const coupling = finiteOption(where, 'coupling', options.coupling, 1);
  const field = finiteOption(where, 'field', options.field, 0);
  const boundary = options.boundary ?? 'periodic';
  if (boundary !== 'periodic' && boundary !== 'open') {
    throw new RangeError(`${where}: boundary must be 'periodic' or 'open', got ${describe(boundary)}`);
  }
  return Object.freeze({ dimension, width, height, sites, coupling, field, boundary });
}

/**
 * The model in `value`: an `IsingModel` (re-validated, since it may come from a checkpoint) or
 * the options of one.
 */
export function toIsingModel(value: IsingModel | IsingModelOptions): IsingModel {
  if (value !== null && typeof value === 'object' && 'width' in value && !('length' in value)) {
    const model = value as IsingModel;
    return isingModel({
      dimension: model.dimension,
      length: model.width,
      height: model.height,
      coupling: model.coupling,
      field: model.field,
      boundary: model.boundary,
    });
  }
  return isingModel(value as IsingModelOptions);
}

/** Number of bonds <ij> of the model (double bonds of a periodic side of 2 counted twice). */
export function isingBondCount(model: IsingModel): number {
  const { width, height, dimension, boundary } = model;
  if (boundary === 'periodic') return dimension * width * height;
  if (dimension === 1) return width - 1;
  return (width - 1) * height + width * (height - 1);
}

/** Largest number of neighbour entries of a site: 2 in 1D, 4 in 2D. */
export function isingCoordination(model: IsingModel): number {
  return 2 * model.dimension;
}

/**
 * Bytes the simple kernel needs for a lattice of `model`: one per spin, plus the cluster
 * workspace of Wolff (5 per site) or Swendsen–Wang (8 per site) when `algorithm` names one.
 */
export function isingMemoryBytes(model: IsingModel, algorithm?: string): number {
  const perSite = algorithm === 'wolff' ? 6 : algorithm === 'swendsen-wang' ? 9 : 1;
  return perSite * model.sites;
}
