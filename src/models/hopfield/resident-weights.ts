/**
 * Where a large network's couplings live: in WebAssembly memory, allocated there once
 * (`src/core/kernels/wasm/resident-matrix.ts`), so that the SIMD field kernels read them in
 * place. The rest of the code sees an ordinary `Float32Array` either way, and no second copy
 * is kept anywhere. Small networks, the `js` and `reference` kernels, and engines without
 * WebAssembly SIMD keep a plain array and the TypeScript loops.
 */
import { getKernels } from '../../core/kernels/index.js';
import {
  allocateResidentF32,
  type ResidentMatrixF32,
  residentMatrixOf,
} from '../../core/kernels/wasm/resident-matrix.js';

/**
 * Networks from this many neurons get WebAssembly-resident couplings: below it the module's
 * fixed 2.5 MB per instance outweighs a matrix of at most 1 MiB, and the loops are short.
 */
export const RESIDENT_MIN_NEURONS = 512;

/** True when the active kernels are the WebAssembly ones (`auto` or `wasm`). */
function wasmKernelsActive(): boolean {
  const name = getKernels().name;
  return name === 'auto' || name === 'wasm';
}

/** A zero N×N float32 matrix: WebAssembly-resident when N is large and the kernels allow it. */
export function allocateWeights(size: number): Float32Array {
  if (size >= RESIDENT_MIN_NEURONS && wasmKernelsActive()) {
    const resident = allocateResidentF32(size, size);
    if (resident !== undefined) return resident.values;
  }
  return new Float32Array(size * size);
}

/**
 * The couplings a network keeps: `weights` itself when it is already resident or stays in
 * plain memory, else a resident copy (the network then holds only that copy).
 */
export function placeWeights(weights: Float32Array, size: number): Float32Array {
  if (size < RESIDENT_MIN_NEURONS || residentMatrixOf(weights) !== undefined || !wasmKernelsActive())
    return weights;
  const resident = allocateResidentF32(size, size);
  if (resident === undefined) return weights;
  resident.values.set(weights);
  return resident.values;
}

/** The SIMD field kernels over `weights`, when it is resident and the WebAssembly kernels are active. */
export function fieldKernels(weights: Float32Array): ResidentMatrixF32 | undefined {
  const resident = residentMatrixOf(weights);
  return resident !== undefined && wasmKernelsActive() ? resident : undefined;
}

// ---------------------------------------------------------------------------------------------
// Exact arithmetic for the field products of ±1 states.
//
// A float32 weight w is an integer multiple of 2^(lowest set bit of its significand). When every
// weight of W is an integer k_ij times one power of two q = 2^−e (Hebbian weights of N = 2^m
// neurons: k/N with |k| ≤ P), every partial sum of Σ_j w_ij s_j over ±1 states is k·q with
// |k| ≤ Σ_j |k_ij|: no sum rounds as long as that bound is representable. Then summing in float32
// (bound ≤ 2^24) or in int32 over int16 weights (|k_ij| ≤ 32767, bound < 2^31) gives EXACTLY the
// float64 sums of the reference path, in any order: bit-identical fields, hence identical states
// and step counts. The weights are analysed once, when the network is made (O(N²), alongside
// the finiteness and symmetry checks); a network whose weights are changed afterwards is not
// supported (as for `symmetric`).
// ---------------------------------------------------------------------------------------------

/** Every weight is an integer times 2^−exponent; the largest such integer and row sum of them. */
export interface WeightGrid {
  /** e such that every w_ij · 2^e is an integer (the smallest such e; 0 for an all-zero W). */
  readonly exponent: number;
  /** max |w_ij| · 2^e. */
  readonly maxInteger: number;
  /** max_i Σ_j |w_ij| · 2^e (the bound of every partial sum of a row against ±1 states). */
  readonly maxRowSum: number;
}

/** The {@link WeightGrid} of a row-major size×size float32 matrix (finite entries). */
export function weightGrid(weights: Float32Array, size: number): WeightGrid {
  const bits = new Int32Array(weights.buffer, weights.byteOffset, weights.length);
  let lowest = Number.POSITIVE_INFINITY;
  let maxAbs = 0;
  let maxRow = 0;
  for (let i = 0; i < size; i++) {
    let row = 0;
    const start = i * size;
    for (let t = start; t < start + size; t++) {
      const b = bits[t] & 0x7fffffff;
      if (b === 0) continue;
      const biased = b >>> 23;
      const significand = biased > 0 ? (b & 0x7fffff) | 0x800000 : b & 0x7fffff;
      // 2^(exponent of the lowest set bit of the significand) is w's own quantum.
      const low = (biased > 0 ? biased - 150 : -149) + (31 - Math.clz32(significand & -significand));
      if (low < lowest) lowest = low;
      const magnitude = Math.abs(weights[t]);
      row += magnitude;
      if (magnitude > maxAbs) maxAbs = magnitude;
    }
    if (row > maxRow) maxRow = row;
  }
  if (lowest === Number.POSITIVE_INFINITY) return { exponent: 0, maxInteger: 0, maxRowSum: 0 };
  const exponent = -lowest;
  return { exponent, maxInteger: maxAbs * 2 ** exponent, maxRowSum: maxRow * 2 ** exponent };
}

/** True when float32 sums of ±1-weighted rows are exact (every partial sum k·q, |k| ≤ 2^24). */
export function float32SumsExact(grid: WeightGrid): boolean {
  return grid.maxRowSum <= 2 ** 24;
}

/** True when int16 weights (w·2^e) summed in int32 against ±1 states are exact. */
export function int16SumsExact(grid: WeightGrid): boolean {
  // 2^e is the conversion factor, a normal float32 in the kernel.
  return (
    grid.maxInteger <= 32767 && grid.maxRowSum < 2 ** 31 && grid.exponent >= -126 && grid.exponent <= 127
  );
}

/** What {@link incrementalSumsExact} reads (a {@link HopfieldNetwork} has it all). */
interface IncrementalNetwork {
  readonly weightGrid: WeightGrid;
  readonly thresholds: Float64Array;
}

const incrementalExactness = new WeakMap<object, boolean>();

/**
 * True when the incremental field update h += 2 s_j W_j· can be summed in float32 exactly:
 * every threshold is an integer times 2^−e too, and every value it passes through — a field
 * Σ_{j≠k} w_kj s'_j + θ_k of some ±1 state, plus at most 2|w_kk| on the way — stays within
 * 2^24 · 2^−e (bounded here by 2·max row Σ|k| + max |θ|·2^e). Then the float32 kernel gives
 * the float64 kernel's bits. Cached per network.
 */
export function incrementalSumsExact(network: IncrementalNetwork): boolean {
  const known = incrementalExactness.get(network);
  if (known !== undefined) return known;
  const { exponent, maxRowSum } = network.weightGrid;
  const scale = 2 ** exponent;
  let largest = 0;
  let onGrid = Number.isFinite(scale) && scale > 0;
  for (const theta of network.thresholds) {
    const k = theta * scale;
    if (!Number.isInteger(k)) {
      onGrid = false;
      break;
    }
    largest = Math.max(largest, Math.abs(k));
  }
  const exact = onGrid && 2 * maxRowSum + largest <= 2 ** 24;
  incrementalExactness.set(network, exact);
  return exact;
}

/**
 * How the dense local fields of ±1 states are computed (see {@link fieldPath}):
 * - `'resident-int16'`: several probes; WebAssembly SIMD over the resident couplings, each row
 *   converted to int16 (w·2^e) once per call and dotted with up to 32 probes (int32 sums,
 *   exact). W streams from memory once per 32 probes. (Up to 3 probes of a symmetric W go one
 *   by one through the exact half-matrix kernel below instead: cheaper than converting W.)
 * - `'resident-f32-symmetric'`: one probe, symmetric W; float32 SIMD sums (exact) reading only
 *   the blocks on and above the diagonal, each weight used for two fields (half the traffic).
 * - `'resident-f32'`: one probe, asymmetric W; float32 SIMD sums (exact) over all of W.
 * - `'resident-f64'`: one probe; float64 SIMD sums of the widened weights (the weights are not
 *   on a grid that makes float32 sums exact: pseudo-inverse, Storkey, N not a power of 2, …).
 * - `'kernels'`: the active kernels' matrix product (`getKernels().matmul`, float64 sums): a
 *   batch whose weights fail the int16 test, or couplings kept in plain memory (N < 512, the
 *   `js` and `reference` kernels, no WebAssembly SIMD).
 * Every path gives the fields of the float64 reference: bit-identical for the exact ones, equal
 * to round-off (order of float64 additions) for the others.
 */
export type FieldPath =
  | 'resident-int16'
  | 'resident-f32-symmetric'
  | 'resident-f32'
  | 'resident-f64'
  | 'kernels';

/** The network facts the path choice reads (a {@link HopfieldNetwork} has them all). */
interface FieldNetwork {
  readonly size: number;
  readonly weights: Float32Array;
  readonly symmetric: boolean;
  readonly weightGrid: WeightGrid;
}

/**
 * The path that computes the dense local fields of `probes` ±1 states at once for `network`
 * with the kernels active now (states that are not all ±1 take `'resident-f64'` or `'kernels'`).
 */
export function fieldPath(network: FieldNetwork, probes = 1): FieldPath {
  const resident = fieldKernels(network.weights);
  if (resident === undefined) return 'kernels';
  if (probes > 1) return int16SumsExact(network.weightGrid) ? 'resident-int16' : 'kernels';
  if (!float32SumsExact(network.weightGrid)) return 'resident-f64';
  return network.symmetric ? 'resident-f32-symmetric' : 'resident-f32';
}

/** True when every entry of `values` from `start` to `end` is ±1. */
function allSpins(values: ArrayLike<number>, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const v = values[i];
    if (v !== 1 && v !== -1) return false;
  }
  return true;
}

/** Batches up to this many states of a symmetric W take the single-state kernel per state. */
const FEW_STATES = 3;

// Scratch of the 'kernels' path, grown on demand.
let packedStates = new Float32Array(0);
let packedSums = new Float64Array(0);

/**
 * The raw products Σ_j w_ij x_j (self term and thresholds NOT applied) of the states that start
 * at each of `offsets` in `states` (rows of N), written at the same offsets of `out`, through
 * {@link fieldPath}'s path. Returns the path taken.
 */
export function rawFieldProducts(
  network: FieldNetwork,
  states: ArrayLike<number>,
  offsets: readonly number[],
  out: Float64Array,
): FieldPath {
  const size = network.size;
  const count = offsets.length;
  if (count === 0) return fieldPath(network, 0);
  const resident = fieldKernels(network.weights);
  if (resident !== undefined) {
    if (count === 1) {
      const path = fieldPath(network, 1);
      const offset = offsets[0];
      if (
        path !== 'resident-f64' &&
        resident.matVecExactF32(states, out, offset, offset, path === 'resident-f32-symmetric')
      ) {
        return path;
      }
      resident.matVec(states, out, offset, offset);
      return 'resident-f64';
    }
    if (int16SumsExact(network.weightGrid) && offsets.every((o) => allSpins(states, o, o + size))) {
      // The int16 kernel converts all of W once per call (about the cost of 3 single-state
      // products): a few states of a symmetric W go one by one through the half-matrix kernel
      // (exact too, so the fields are the same bits either way).
      if (count <= FEW_STATES && network.symmetric && float32SumsExact(network.weightGrid)) {
        for (const offset of offsets) resident.matVecExactF32(states, out, offset, offset, true);
      } else {
        resident.matMulInt16(states, offsets, count, out, network.weightGrid.exponent);
      }
      return 'resident-int16';
    }
  }
  // The active kernels' product: h = W·s for one state, H = S·Wᵀ for several (both read
  // h_i = Σ_j W_ij s_j, right for asymmetric weights too).
  if (packedStates.length < count * size) {
    packedStates = new Float32Array(count * size);
    packedSums = new Float64Array(count * size);
  }
  for (let r = 0; r < count; r++) {
    const source = offsets[r];
    for (let i = 0; i < size; i++) packedStates[r * size + i] = states[source + i];
  }
  const single = count === 1;
  getKernels().matmul({
    a: single ? network.weights : packedStates,
    b: single ? packedStates : network.weights,
    c: packedSums,
    m: single ? size : count,
    n: single ? 1 : size,
    k: size,
    transA: false,
    transB: !single,
    batch: 1,
    strideA: 0,
    strideB: 0,
    strideC: 0,
    accumulate: false,
  });
  for (let r = 0; r < count; r++) out.set(packedSums.subarray(r * size, (r + 1) * size), offsets[r]);
  return 'kernels';
}
