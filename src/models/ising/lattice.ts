/**
 * An Ising lattice: a model and its spins, one `Int8Array` entry (±1) per site, row-major.
 *
 * ```ts
 * const lattice = createIsingLattice({ dimension: 2, length: 32 }, { initial: 'random', key });
 * isingEnergy(lattice);          // H(s) = −J Σ s_i s_j − h Σ s_i
 * isingMagnetization(lattice);   // Σ s_i
 * ```
 * A lattice is plain data; the sweeps keep their scratch buffers (acceptance tables, cluster
 * stacks) in a side table keyed by the lattice, so a sweep allocates nothing after its first call.
 */
import { type Key, RandomStream } from '../../core/random/index.js';
import { describe } from '../../core/validate.js';
import { type IsingModel, type IsingModelOptions, toIsingModel } from './model.js';

/** An Ising model with its spins (±1, row-major: site (x, y) is `y · width + x`). */
export interface IsingLattice {
  /** The model (geometry, J, h). */
  readonly model: IsingModel;
  /** One spin per site, each +1 or −1. Sweeps modify it in place. */
  readonly spins: Int8Array;
}

/** How the spins start: all up, all down, independent fair coins, or given values (±1). */
export type IsingInitialState = 'up' | 'down' | 'random' | ArrayLike<number>;

/** Options of `createIsingLattice`. */
export interface IsingLatticeOptions {
  /** The starting spins; `'random'` by default. */
  initial?: IsingInitialState;
  /** The key of a `'random'` start (required for it). */
  key?: Key;
}

/**
 * A lattice of `model` (or of the model built from these options) with its initial spins.
 * The model is validated first, so an oversized lattice is refused before any allocation.
 */
export function createIsingLattice(
  model: IsingModel | IsingModelOptions,
  options: IsingLatticeOptions = {},
): IsingLattice {
  const where = 'createIsingLattice';
  const checked = toIsingModel(model);
  const initial = options.initial ?? 'random';
  const sites = checked.sites;
  let spins: Int8Array;
  if (initial === 'up' || initial === 'down') {
    spins = new Int8Array(sites).fill(initial === 'up' ? 1 : -1);
  } else if (initial === 'random') {
    if (options.key === undefined) {
      throw new TypeError(`${where}: key is required for initial: 'random' (use makeKey, split or fold)`);
    }
    const stream = new RandomStream(options.key);
    spins = new Int8Array(sites);
    // One random word gives 32 spins.
    for (let i = 0; i < sites; i += 32) {
      const word = stream.nextUint32();
      const end = Math.min(32, sites - i);
      for (let b = 0; b < end; b++) spins[i + b] = (word >>> b) & 1 ? 1 : -1;
    }
  } else if (initial !== null && typeof initial === 'object' && typeof initial.length === 'number') {
    if (initial.length !== sites) {
      throw new RangeError(
        `${where}: initial must hold ${sites} spins (width · height), got ${describe(initial)}`,
      );
    }
    spins = new Int8Array(sites);
    for (let i = 0; i < sites; i++) {
      const s = initial[i];
      if (s !== 1 && s !== -1)
        throw new RangeError(`${where}: initial[${i}] must be +1 or −1, got ${describe(s)}`);
      spins[i] = s;
    }
  } else {
    throw new TypeError(
      `${where}: initial must be 'up', 'down', 'random' or an array of ±1 spins, got ${describe(initial)}`,
    );
  }
  return { model: checked, spins };
}

/** Throws unless `lattice` is an `IsingLattice` whose spins match its model. */
export function assertIsingLattice(where: string, lattice: unknown): asserts lattice is IsingLattice {
  const candidate = lattice as Partial<IsingLattice> | null;
  if (
    candidate === null ||
    typeof candidate !== 'object' ||
    !(candidate.spins instanceof Int8Array) ||
    candidate.model === null ||
    typeof candidate.model !== 'object' ||
    candidate.spins.length !== candidate.model.sites
  ) {
    throw new TypeError(
      `${where}: lattice must be an IsingLattice from createIsingLattice (model + Int8Array spins of model.sites), got ${describe(lattice)}`,
    );
  }
}

/**
 * Sum of the neighbour spins of site (x, y) (the local field is J times this, plus h). With
 * periodic boundaries a side of length 2 lists the same neighbour twice (the double bond);
 * with open boundaries missing neighbours count 0. Internal to the sweeps.
 */
export function neighborSum(
  spins: Int8Array,
  width: number,
  height: number,
  twoDimensional: boolean,
  periodic: boolean,
  x: number,
  y: number,
): number {
  const row = y * width;
  let sum = 0;
  if (x > 0) sum += spins[row + x - 1];
  else if (periodic) sum += spins[row + width - 1];
  if (x < width - 1) sum += spins[row + x + 1];
  else if (periodic) sum += spins[row];
  if (twoDimensional) {
    if (y > 0) sum += spins[row - width + x];
    else if (periodic) sum += spins[(height - 1) * width + x];
    if (y < height - 1) sum += spins[row + width + x];
    else if (periodic) sum += spins[x];
  }
  return sum;
}

/** Sum of the neighbour spins of `site` (see `neighborSum` for boundaries and double bonds). */
export function isingNeighborSum(lattice: IsingLattice, site: number): number {
  const { width, height, dimension, boundary, sites } = lattice.model;
  if (!(Number.isInteger(site) && site >= 0 && site < sites)) {
    throw new RangeError(
      `isingNeighborSum: site must be an integer in [0, ${sites - 1}], got ${describe(site)}`,
    );
  }
  const x = site % width;
  return neighborSum(
    lattice.spins,
    width,
    height,
    dimension === 2,
    boundary === 'periodic',
    x,
    (site - x) / width,
  );
}

/** Σ_<ij> s_i s_j over the bonds (each bond once; see `IsingModel` for the bond convention). */
export function isingBondSum(lattice: IsingLattice): number {
  const { width, height, dimension, boundary } = lattice.model;
  const spins = lattice.spins;
  const periodic = boundary === 'periodic';
  let sum = 0;
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width - 1; x++) sum += spins[row + x] * spins[row + x + 1];
    if (periodic) sum += spins[row + width - 1] * spins[row];
    if (dimension === 2 && (y < height - 1 || periodic)) {
      const below = y < height - 1 ? row + width : 0;
      for (let x = 0; x < width; x++) sum += spins[row + x] * spins[below + x];
    }
  }
  return sum;
}

/** Total magnetisation M = Σ s_i. */
export function isingMagnetization(lattice: IsingLattice): number {
  const spins = lattice.spins;
  let sum = 0;
  for (let i = 0; i < spins.length; i++) sum += spins[i];
  return sum;
}

/** Total energy H(s) = −J Σ_<ij> s_i s_j − h Σ s_i. */
export function isingEnergy(lattice: IsingLattice): number {
  const { coupling, field } = lattice.model;
  return -coupling * isingBondSum(lattice) - field * isingMagnetization(lattice);
}
