/**
 * The classical Hopfield network: N binary neurons s_i = ±1, symmetric couplings w_ij
 * (float32, row-major N×N) and thresholds θ_i acting as external fields, with the energy
 *
 *   E(s) = −½ Σ_ij w_ij s_i s_j − Σ_i θ_i s_i.
 *
 * The dynamics (asynchronous, synchronous, Glauber) read the local field from the *other*
 * neurons, h_i = Σ_{j≠i} w_ij s_j + θ_i: for ±1 states a self-coupling w_ii only adds the
 * constant −½ w_ii to E, so excluding it makes the asynchronous update exactly the choice of
 * s_i that minimizes E, whatever the sign of w_ii. The storage rules here zero the diagonal.
 *
 * Only the float32 matrix is stored (N = 8192 takes its float32 size, 256 MiB, and no copy of
 * it); every field is the float64 sum over it, or the same number computed exactly in float32
 * or int32 where the weights allow (integers times one power of two: `weightGrid`,
 * `fieldPath`). From N = 512 it lives in WebAssembly memory, where the SIMD field kernels read
 * it in place (see resident-weights.ts; the instance adds O(N) vectors and the 32-probe batch
 * scratch, 1.8 MiB at N = 8192).
 */
import { assertInteger, assertOptions, describe, finiteArray } from '../../core/validate.js';
import { MAX_NEURONS } from './patterns.js';
import {
  type FieldPath,
  placeWeights,
  rawFieldProducts,
  type WeightGrid,
  weightGrid,
} from './resident-weights.js';
import { assertSpins } from './validate.js';

/** How the couplings were made: one of the storage rules, or given directly. */
export type StorageRule = 'hebb' | 'pseudo-inverse' | 'storkey';

/** A classical Hopfield network (plain record; treat every array as read-only). */
export interface HopfieldNetwork {
  /** Number of neurons N. */
  readonly size: number;
  /** Couplings w_ij at `weights[i·N + j]` (row-major N×N, float32). */
  readonly weights: Float32Array;
  /** Thresholds θ_i (external fields; zero unless given). */
  readonly thresholds: Float64Array;
  /** Self-couplings w_ii (read once from `weights`; the dynamics leave them out of h_i). */
  readonly diagonal: Float64Array;
  /** True when some w_ii ≠ 0. */
  readonly hasSelfCouplings: boolean;
  /** True when w_ij = w_ji exactly: then the energy never increases under asynchronous updates. */
  readonly symmetric: boolean;
  /** The stored patterns (empty for a network built from weights alone); used for overlaps. */
  readonly patterns: readonly Int8Array[];
  /** The storage rule, or `'custom'` for weights given directly. */
  readonly rule: StorageRule | 'custom';
  /**
   * Every weight is an integer times 2^−exponent (found when the network is made): when those
   * integers are small enough the SIMD field kernels sum exactly in float32 or int32, with
   * results bit-identical to float64 sums (see `fieldPath` and resident-weights.ts). Hebbian
   * weights of N = 2^m neurons qualify (k/N, |k| ≤ P).
   */
  readonly weightGrid: WeightGrid;
}

/** Options of {@link hopfieldNetwork}. */
export interface HopfieldNetworkOptions {
  /**
   * The N×N couplings, row-major. A `Float32Array` is kept as is (not copied: do not modify it
   * afterwards) when N < 512 or it already lives in WebAssembly memory (as the storage rules'
   * matrices do), so the N = 8192 matrix is never duplicated; otherwise it is copied once into
   * WebAssembly memory for the SIMD field kernels (see resident-weights.ts) and the network
   * keeps only that copy. Anything else is copied into a `Float32Array`. Must be finite.
   */
  weights: ArrayLike<number>;
  /** Thresholds θ_i: one number for all neurons or N numbers (default 0). */
  thresholds?: number | ArrayLike<number>;
  /** Patterns to measure overlaps against (±1, length N each); default none. */
  patterns?: readonly ArrayLike<number>[];
  /** Recorded as `rule` (default `'custom'`); set by the storage rules. */
  rule?: StorageRule | 'custom';
}

/**
 * A Hopfield network from its couplings. Checks that the weights are finite and square and
 * records whether they are symmetric (asymmetric weights are allowed, but then no energy
 * decreases along the dynamics).
 *
 * ```ts
 * const net = hopfieldNetwork({ weights: [0, 1, 1, 0] });   // two neurons that agree
 * hopfieldEnergy(net, Int8Array.of(1, 1));                   // −1
 * ```
 */
export function hopfieldNetwork(options: HopfieldNetworkOptions): HopfieldNetwork {
  const where = 'hopfieldNetwork';
  assertOptions(where, options);
  const source = options.weights;
  if (source === null || typeof source !== 'object' || typeof source.length !== 'number') {
    throw new TypeError(`${where}: weights must be an array of N·N numbers, got ${describe(source)}`);
  }
  const size = Math.round(Math.sqrt(source.length));
  if (size * size !== source.length || size < 1) {
    throw new RangeError(`${where}: weights must hold N·N entries for some N ≥ 1, got ${source.length}`);
  }
  assertInteger(where, 'N (the number of neurons)', size, 1, MAX_NEURONS);
  const weights = placeWeights(source instanceof Float32Array ? source : Float32Array.from(source), size);
  let symmetric = true;
  for (let i = 0; i < size; i++) {
    const row = i * size;
    for (let j = 0; j < size; j++) {
      const w = weights[row + j];
      if (!Number.isFinite(w)) {
        throw new RangeError(`${where}: weights[${i}·N + ${j}] must be finite, got ${describe(w)}`);
      }
      if (j < i && w !== weights[j * size + i]) symmetric = false;
    }
  }
  const diagonal = new Float64Array(size);
  let hasSelfCouplings = false;
  for (let i = 0; i < size; i++) {
    diagonal[i] = weights[i * size + i];
    if (diagonal[i] !== 0) hasSelfCouplings = true;
  }
  const threshold = options.thresholds;
  if (typeof threshold === 'number' && !Number.isFinite(threshold)) {
    throw new RangeError(
      `${where}: thresholds must be a finite number or N finite numbers, got ${threshold}`,
    );
  }
  const thresholds =
    threshold === undefined || typeof threshold === 'number'
      ? new Float64Array(size).fill(threshold ?? 0)
      : finiteArray(where, 'thresholds', threshold, size);
  const patterns = (options.patterns ?? []).map((pattern, mu) => {
    assertSpins(where, `patterns[${mu}]`, pattern, size);
    return Int8Array.from(pattern);
  });
  return {
    size,
    weights,
    thresholds,
    diagonal,
    hasSelfCouplings,
    symmetric,
    patterns,
    rule: options.rule ?? 'custom',
    weightGrid: weightGrid(weights, size),
  };
}

/**
 * The local fields h_i = Σ_{j≠i} w_ij s_j + θ_i of `state` (one matrix–vector product, by the
 * path `fieldPath(network, 1)` names), written to `out` when given and returned.
 */
export function localFields(
  network: HopfieldNetwork,
  state: ArrayLike<number>,
  out: Float64Array = new Float64Array(network.size),
): Float64Array {
  const size = network.size;
  if (state.length !== size)
    throw new RangeError(`localFields: state must have ${size} entries, got ${state.length}`);
  if (out.length < size)
    throw new RangeError(`localFields: out must have at least ${size} entries, got ${out.length}`);
  rawFieldProducts(network, state, [0], out);
  finishFields(network, state, out, 0);
  return out;
}

/**
 * The local fields of several states at once: `states` holds them as rows of N (row-major,
 * states.length = count·N) and row b of `out` receives the fields of row b. For ±1 states of
 * a large network whose weights pass the int16 test (Hebbian weights of N = 2^m neurons) one
 * SIMD pass over W serves 32 states with exact int32 sums (`fieldPath(network, count)`);
 * otherwise the active kernels' matrix product. Returns `out` and the path taken.
 */
export function localFieldsBatch(
  network: HopfieldNetwork,
  states: ArrayLike<number>,
  out: Float64Array = new Float64Array(states.length),
): { fields: Float64Array; path: FieldPath } {
  const size = network.size;
  if (states.length % size !== 0 || states.length === 0) {
    throw new RangeError(`localFieldsBatch: states must hold count·${size} entries, got ${states.length}`);
  }
  if (out.length < states.length)
    throw new RangeError(
      `localFieldsBatch: out must have at least ${states.length} entries, got ${out.length}`,
    );
  const offsets = Array.from({ length: states.length / size }, (_, b) => b * size);
  const path = rawFieldProducts(network, states, offsets, out);
  for (const offset of offsets) finishFields(network, states, out, offset, offset);
  return { fields: out, path };
}

/**
 * Turns raw products Σ_j w_ij s_j at `fields[offset…]` into local fields: removes the self
 * term and adds the thresholds (internal; shared with the batched synchronous dynamics).
 */
export function finishFields(
  network: HopfieldNetwork,
  state: ArrayLike<number>,
  fields: Float64Array,
  offset: number,
  stateOffset = 0,
): void {
  const { size, thresholds, diagonal, hasSelfCouplings } = network;
  if (hasSelfCouplings) {
    for (let i = 0; i < size; i++) fields[offset + i] += thresholds[i] - diagonal[i] * state[stateOffset + i];
  } else {
    for (let i = 0; i < size; i++) fields[offset + i] += thresholds[i];
  }
}

/**
 * The energy from the local fields of the same state (O(N)):
 * E = −½ Σ s_i h_i − ½ Σ θ_i s_i − ½ Σ w_ii, with h_i as in {@link localFields}.
 */
export function energyFromFields(
  network: HopfieldNetwork,
  state: ArrayLike<number>,
  fields: ArrayLike<number>,
  stateOffset = 0,
  fieldOffset = 0,
): number {
  const { size, thresholds, diagonal } = network;
  let sum = 0;
  let selfEnergy = 0;
  for (let i = 0; i < size; i++) {
    const s = state[stateOffset + i];
    sum += s * (fields[fieldOffset + i] + thresholds[i]);
    selfEnergy += diagonal[i];
  }
  return -0.5 * (sum + selfEnergy);
}

/** The energy E(s) = −½ Σ_ij w_ij s_i s_j − Σ_i θ_i s_i of a ±1 state (one matrix–vector product). */
export function hopfieldEnergy(network: HopfieldNetwork, state: ArrayLike<number>): number {
  assertSpins('hopfieldEnergy', 'state', state, network.size);
  return energyFromFields(network, state, localFields(network, state));
}
