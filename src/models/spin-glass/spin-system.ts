/**
 * Ising spin systems with arbitrary pairwise couplings: the Hamiltonian
 *
 *   H(s) = −Σ_{i<j} J_ij s_i s_j − Σ_i h_i s_i,   s_i ∈ {−1, +1},
 *
 * stored twice: as a list of bonds (i < j, J_ij), which is what the energy sums, and as a
 * compressed sparse row (CSR) adjacency, which is what a spin flip walks. The CSR layout makes a
 * flip cost O(degree) on a lattice and O(N) on a complete graph, with no branch on which kind of
 * system it is. Sherrington–Kirkpatrick, Edwards–Anderson and plain ferromagnets are all built
 * on this one type, and so are the exact enumerations and free-energy estimators.
 */
import { assertInteger, assertOptions, describe, finiteArray } from '../../core/validate.js';

/** An Ising spin system: bonds, fields and the adjacency a spin flip walks. Treat as immutable. */
export interface SpinSystem {
  /** Number of spins N. */
  readonly size: number;
  /** First spin of each bond (the smaller index). */
  readonly bondFirst: Int32Array;
  /** Second spin of each bond (the larger index). */
  readonly bondSecond: Int32Array;
  /** Coupling J of each bond; bonds given twice are merged by adding their couplings. */
  readonly bondCouplings: Float64Array;
  /** External field h_i on each spin. */
  readonly fields: Float64Array;
  /** CSR row starts: the neighbours of spin i are `neighbors[neighborOffsets[i] … neighborOffsets[i+1])`. */
  readonly neighborOffsets: Int32Array;
  /** CSR column indices (each bond appears in the rows of both its spins). */
  readonly neighbors: Int32Array;
  /** CSR values: `neighborCouplings[k]` is J between spin i and `neighbors[k]`. */
  readonly neighborCouplings: Float64Array;
  /** True when some h_i ≠ 0 (then the s → −s symmetry is broken). */
  readonly hasField: boolean;
  /**
   * Σ|J| + Σ|h|: a bound on |H(s)| and on its changes, used to scale the tolerances with which
   * energies are compared after long runs of incremental updates.
   */
  readonly energyScale: number;
}

/** Bonds as three parallel arrays, or as `[i, j, J]` triples. */
export type BondList =
  | ReadonlyArray<readonly [number, number, number]>
  | { first: ArrayLike<number>; second: ArrayLike<number>; couplings: ArrayLike<number> };

/** Options of {@link spinSystem}. */
export interface SpinSystemOptions {
  /** Number of spins N, an integer in [1, 2^24]. */
  size: number;
  /** Bonds (i, j, J) with i ≠ j in [0, N); order of i and j is free; repeated pairs are added. */
  bonds: BondList;
  /** External fields: one number for every spin, or N numbers (default 0). */
  fields?: number | ArrayLike<number>;
}

const MAX_SPINS = 2 ** 24;

/** Expands `fields` (a number or N numbers) into a checked Float64Array. */
export function fieldArray(where: string, fields: number | ArrayLike<number> | undefined, size: number) {
  if (fields === undefined) return new Float64Array(size);
  if (typeof fields === 'number') {
    if (!Number.isFinite(fields)) throw new RangeError(`${where}: fields must be finite, got ${fields}`);
    return new Float64Array(size).fill(fields);
  }
  return finiteArray(where, 'fields', fields, size);
}

/** Reads a bond list into three arrays, checking indices and couplings. */
function readBonds(where: string, bonds: BondList, size: number): [Int32Array, Int32Array, Float64Array] {
  let first: ArrayLike<number>;
  let second: ArrayLike<number>;
  let couplings: ArrayLike<number>;
  if (Array.isArray(bonds)) {
    const triples = bonds as ReadonlyArray<readonly [number, number, number]>;
    first = triples.map((b, k) => {
      if (!Array.isArray(b) || b.length !== 3)
        throw new TypeError(`${where}: bonds[${k}] must be a triple [i, j, J], got ${describe(b)}`);
      return b[0];
    });
    second = triples.map((b) => b[1]);
    couplings = triples.map((b) => b[2]);
  } else if (bonds !== null && typeof bonds === 'object') {
    ({ first, second, couplings } = bonds as Exclude<BondList, ReadonlyArray<unknown>>);
    if (!(first?.length === second?.length && first?.length === couplings?.length)) {
      throw new RangeError(`${where}: bonds.first, bonds.second and bonds.couplings must have equal lengths`);
    }
  } else {
    throw new TypeError(`${where}: bonds must be an array of [i, j, J] or {first, second, couplings}`);
  }
  const count = first.length;
  const i0 = new Int32Array(count);
  const i1 = new Int32Array(count);
  const values = finiteArray(where, 'bond couplings', couplings);
  for (let k = 0; k < count; k++) {
    const a = first[k];
    const b = second[k];
    assertInteger(where, `bond ${k} first spin`, a, 0, size - 1);
    assertInteger(where, `bond ${k} second spin`, b, 0, size - 1);
    if (a === b) throw new RangeError(`${where}: bond ${k} joins spin ${a} to itself; i and j must differ`);
    i0[k] = Math.min(a, b);
    i1[k] = Math.max(a, b);
  }
  return [i0, i1, values];
}

/**
 * Builds a spin system from raw arrays (first < second in each bond), taking ownership of them.
 * Internal: callers have checked the indices. Bonds with the same pair are merged (their
 * couplings added), and bonds are sorted by (first, second).
 */
export function buildSpinSystem(
  size: number,
  first: Int32Array,
  second: Int32Array,
  couplings: Float64Array,
  fields: Float64Array,
): SpinSystem {
  let mergedFirst = first;
  let mergedSecond = second;
  let mergedCouplings = couplings;
  // Complete graphs arrive sorted and without repeats; only other inputs pay for the sort.
  let sorted = true;
  for (let k = 1; k < first.length && sorted; k++) {
    sorted = first[k] > first[k - 1] || (first[k] === first[k - 1] && second[k] > second[k - 1]);
  }
  if (!sorted) {
    const order = Array.from({ length: first.length }, (_, k) => k);
    order.sort((a, b) => first[a] - first[b] || second[a] - second[b]);
    const keptFirst: number[] = [];
    const keptSecond: number[] = [];
    const keptCouplings: number[] = [];
    for (const k of order) {
      const last = keptFirst.length - 1;
      if (last >= 0 && keptFirst[last] === first[k] && keptSecond[last] === second[k]) {
        keptCouplings[last] += couplings[k];
      } else {
        keptFirst.push(first[k]);
        keptSecond.push(second[k]);
        keptCouplings.push(couplings[k]);
      }
    }
    mergedFirst = Int32Array.from(keptFirst);
    mergedSecond = Int32Array.from(keptSecond);
    mergedCouplings = Float64Array.from(keptCouplings);
  }
  const bondCount = mergedFirst.length;
  const degree = new Int32Array(size);
  for (let k = 0; k < bondCount; k++) {
    degree[mergedFirst[k]]++;
    degree[mergedSecond[k]]++;
  }
  const neighborOffsets = new Int32Array(size + 1);
  for (let i = 0; i < size; i++) neighborOffsets[i + 1] = neighborOffsets[i] + degree[i];
  const cursor = neighborOffsets.slice(0, size);
  const neighbors = new Int32Array(2 * bondCount);
  const neighborCouplings = new Float64Array(2 * bondCount);
  let energyScale = 0;
  for (let k = 0; k < bondCount; k++) {
    const a = mergedFirst[k];
    const b = mergedSecond[k];
    const value = mergedCouplings[k];
    neighbors[cursor[a]] = b;
    neighborCouplings[cursor[a]++] = value;
    neighbors[cursor[b]] = a;
    neighborCouplings[cursor[b]++] = value;
    energyScale += Math.abs(value);
  }
  let hasField = false;
  for (let i = 0; i < size; i++) {
    energyScale += Math.abs(fields[i]);
    if (fields[i] !== 0) hasField = true;
  }
  return {
    size,
    bondFirst: mergedFirst,
    bondSecond: mergedSecond,
    bondCouplings: mergedCouplings,
    fields,
    neighborOffsets,
    neighbors,
    neighborCouplings,
    hasField,
    energyScale,
  };
}

/**
 * A spin system from a list of bonds and fields.
 *
 * ```ts
 * // A frustrated triangle: two ferromagnetic bonds and one antiferromagnetic bond.
 * const triangle = spinSystem({ size: 3, bonds: [[0, 1, 1], [1, 2, 1], [0, 2, -1]] });
 * ```
 */
export function spinSystem(options: SpinSystemOptions): SpinSystem {
  const where = 'spinSystem';
  assertOptions(where, options);
  assertInteger(where, 'size', options.size, 1, MAX_SPINS);
  const [first, second, couplings] = readBonds(where, options.bonds, options.size);
  return buildSpinSystem(
    options.size,
    first,
    second,
    couplings,
    fieldArray(where, options.fields, options.size),
  );
}

/**
 * A spin system from a dense symmetric coupling matrix: N rows of N numbers, or N·N numbers in
 * row-major order, with a zero diagonal and J_ij = J_ji (to 1e-12 relative). Zero entries make
 * no bond.
 */
export function spinSystemFromMatrix(
  couplings: ArrayLike<number> | ArrayLike<ArrayLike<number>>,
  fields?: number | ArrayLike<number>,
): SpinSystem {
  const where = 'spinSystemFromMatrix';
  if (couplings === null || typeof couplings !== 'object' || typeof couplings.length !== 'number') {
    throw new TypeError(
      `${where}: couplings must be a matrix (rows or row-major numbers), got ${describe(couplings)}`,
    );
  }
  let flat: Float64Array;
  let size: number;
  if (couplings.length > 0 && typeof couplings[0] === 'object') {
    size = couplings.length;
    flat = new Float64Array(size * size);
    for (let i = 0; i < size; i++)
      flat.set(finiteArray(where, `couplings[${i}]`, couplings[i], size), i * size);
  } else {
    size = Math.round(Math.sqrt(couplings.length));
    if (size * size !== couplings.length || size === 0) {
      throw new RangeError(
        `${where}: couplings must hold N·N numbers for some N ≥ 1, got ${couplings.length}`,
      );
    }
    flat = finiteArray(where, 'couplings', couplings);
  }
  const first: number[] = [];
  const second: number[] = [];
  const values: number[] = [];
  for (let i = 0; i < size; i++) {
    if (flat[i * size + i] !== 0)
      throw new RangeError(
        `${where}: the diagonal couplings[${i}][${i}] must be 0, got ${flat[i * size + i]}`,
      );
    for (let j = i + 1; j < size; j++) {
      const a = flat[i * size + j];
      const b = flat[j * size + i];
      if (Math.abs(a - b) > 1e-12 * Math.max(1, Math.abs(a), Math.abs(b))) {
        throw new RangeError(
          `${where}: couplings must be symmetric; [${i}][${j}] = ${a} but [${j}][${i}] = ${b}`,
        );
      }
      if (a === 0) continue;
      first.push(i);
      second.push(j);
      values.push(a);
    }
  }
  return buildSpinSystem(
    size,
    Int32Array.from(first),
    Int32Array.from(second),
    Float64Array.from(values),
    fieldArray(where, fields, size),
  );
}

/** The dense N × N coupling matrix (row-major, symmetric, zero diagonal) of a system. */
export function couplingMatrix(system: SpinSystem): Float64Array {
  const n = system.size;
  const matrix = new Float64Array(n * n);
  for (let k = 0; k < system.bondFirst.length; k++) {
    const i = system.bondFirst[k];
    const j = system.bondSecond[k];
    matrix[i * n + j] = system.bondCouplings[k];
    matrix[j * n + i] = system.bondCouplings[k];
  }
  return matrix;
}

/** Throws unless `spins` has N entries, each −1 or +1. */
export function assertSpins(where: string, spins: unknown, size: number, name = 'spins'): void {
  if (spins === null || typeof spins !== 'object' || (spins as ArrayLike<number>).length !== size) {
    throw new RangeError(`${where}: ${name} must hold ${size} spins (each −1 or +1), got ${describe(spins)}`);
  }
  const array = spins as ArrayLike<number>;
  for (let i = 0; i < size; i++) {
    if (array[i] !== 1 && array[i] !== -1)
      throw new RangeError(`${where}: ${name}[${i}] must be −1 or +1, got ${describe(array[i])}`);
  }
}

/** H(s) = −Σ_{i<j} J_ij s_i s_j − Σ h_i s_i, summed directly over the bonds (O(bonds + N)). */
export function spinEnergy(system: SpinSystem, spins: ArrayLike<number>): number {
  assertSpins('spinEnergy', spins, system.size);
  const { bondFirst, bondSecond, bondCouplings, fields } = system;
  let energy = 0;
  for (let k = 0; k < bondFirst.length; k++)
    energy -= bondCouplings[k] * spins[bondFirst[k]] * spins[bondSecond[k]];
  for (let i = 0; i < system.size; i++) energy -= fields[i] * spins[i];
  return energy;
}

/** The local fields h_i + Σ_j J_ij s_j of a configuration (into `out` when given). */
export function localFields(
  system: SpinSystem,
  spins: ArrayLike<number>,
  out: Float64Array = new Float64Array(system.size),
): Float64Array {
  const { neighborOffsets, neighbors, neighborCouplings, fields } = system;
  for (let i = 0; i < system.size; i++) {
    let field = fields[i];
    for (let k = neighborOffsets[i]; k < neighborOffsets[i + 1]; k++)
      field += neighborCouplings[k] * spins[neighbors[k]];
    out[i] = field;
  }
  return out;
}
