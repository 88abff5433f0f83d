/**
 * The continuous modern Hopfield network (Ramsauer et al. 2020, "Hopfield Networks is All
 * You Need"): P stored patterns x_μ ∈ ℝ^d (the columns of X), a continuous state ξ ∈ ℝ^d,
 *
 *   E(ξ) = −lse(β, Xᵀξ) + ½ ξᵀξ + β⁻¹ log P + ½ M²,   lse(β, z) = β⁻¹ log Σ_μ e^{β z_μ},
 *
 * with M = max_μ ‖x_μ‖ (so that 0 ≤ E ≤ 2M²), and the update (the attention of transformers)
 *
 *   ξ ← X softmax(β Xᵀ ξ),
 *
 * which never increases E (it is a concave–convex procedure). For well separated patterns and
 * large β a single update lands on a pattern to exponential accuracy; for small β the fixed
 * points are metastable averages over many patterns, and at β → 0 the update returns the mean
 * of all patterns.
 *
 * Patterns are stored as the rows of a P×d float64 matrix; both products go through the
 * kernels (`getKernels().matmul`), for one state or a batch of them.
 */
import { getKernels } from '../../core/kernels/index.js';
import { portableExp, portableLog } from '../../core/random/index.js';
import {
  assertInteger,
  assertNonNegative,
  assertOptions,
  assertPositive,
  describe,
  finiteArray,
} from '../../core/validate.js';

/** A continuous modern Hopfield network (plain record). */
export interface ContinuousHopfieldNetwork {
  /** Dimension d of the patterns and of the state. */
  readonly dimension: number;
  /** Number of stored patterns P. */
  readonly count: number;
  /** The patterns as rows: x_μ at `patterns[μ·d … μ·d + d)`. */
  readonly patterns: Float64Array;
  /** Inverse temperature β ≥ 0. */
  readonly beta: number;
  /** M = max_μ ‖x_μ‖. */
  readonly largestNorm: number;
}

/** Options of {@link continuousHopfield}. */
export interface ContinuousHopfieldOptions {
  /** Inverse temperature β ≥ 0 (default 1). β = 0 makes every update the mean of the patterns. */
  beta?: number;
}

/**
 * A continuous modern Hopfield network storing `patterns` (P arrays of d finite numbers;
 * ±1 patterns work as they are).
 */
export function continuousHopfield(
  patterns: readonly ArrayLike<number>[],
  options: ContinuousHopfieldOptions = {},
): ContinuousHopfieldNetwork {
  const where = 'continuousHopfield';
  assertOptions(where, options);
  if (!Array.isArray(patterns) || patterns.length === 0) {
    throw new TypeError(
      `${where}: patterns must be a non-empty array of number arrays, got ${describe(patterns)}`,
    );
  }
  const beta = options.beta ?? 1;
  assertNonNegative(where, 'beta', beta);
  const dimension = (patterns[0] as ArrayLike<number>).length;
  assertInteger(where, 'patterns[0].length', dimension, 1, 1 << 24);
  const count = patterns.length;
  const data = new Float64Array(count * dimension);
  let largestSquare = 0;
  patterns.forEach((pattern, mu) => {
    const row = finiteArray(where, `patterns[${mu}]`, pattern, dimension);
    data.set(row, mu * dimension);
    let square = 0;
    for (let i = 0; i < dimension; i++) square += row[i] * row[i];
    largestSquare = Math.max(largestSquare, square);
  });
  return { dimension, count, patterns: data, beta, largestNorm: Math.sqrt(largestSquare) };
}

/** The same network at another inverse temperature (the patterns are shared, not copied). */
export function withBeta(network: ContinuousHopfieldNetwork, beta: number): ContinuousHopfieldNetwork {
  assertNonNegative('withBeta', 'beta', beta);
  return { ...network, beta };
}

/** Scores Z = S·Xᵀ (rows: states, columns: patterns) for `rows` states of dimension d. */
function scores(
  network: ContinuousHopfieldNetwork,
  states: Float64Array,
  rows: number,
  out: Float64Array,
): void {
  getKernels().matmul({
    a: states,
    b: network.patterns,
    c: out,
    m: rows,
    n: network.count,
    k: network.dimension,
    transA: false,
    transB: true,
    batch: 1,
    strideA: 0,
    strideB: 0,
    strideC: 0,
    accumulate: false,
  });
}

/** softmax(β z) of `length` scores in place, with the maximum subtracted (never overflows). */
function softmaxInPlace(values: Float64Array, offset: number, length: number, beta: number): void {
  let largest = Number.NEGATIVE_INFINITY;
  for (let mu = offset; mu < offset + length; mu++) largest = Math.max(largest, values[mu]);
  let total = 0;
  for (let mu = offset; mu < offset + length; mu++) {
    const weight = portableExp(beta * (values[mu] - largest));
    values[mu] = weight;
    total += weight;
  }
  for (let mu = offset; mu < offset + length; mu++) values[mu] /= total;
}

/**
 * One update of `rows` states at once (row-major rows×d in `states`): the attention weights
 * p = softmax(β Xᵀξ) of each state and the new states Xp. Returns both; `out` (rows×d) may be
 * given to avoid allocating, but must not be `states`.
 */
export function continuousUpdateBatch(
  network: ContinuousHopfieldNetwork,
  states: Float64Array,
  rows: number,
  out: Float64Array = new Float64Array(rows * network.dimension),
): { states: Float64Array; attention: Float64Array } {
  const where = 'continuousUpdateBatch';
  const { dimension, count, beta } = network;
  assertInteger(where, 'rows', rows, 1);
  if (!(states instanceof Float64Array) || states.length !== rows * dimension) {
    throw new RangeError(
      `${where}: states must be a Float64Array of rows·d = ${rows * dimension} entries, got ${describe(states)}`,
    );
  }
  if (out.length !== rows * dimension || out === states) {
    throw new RangeError(`${where}: out must be a separate Float64Array of ${rows * dimension} entries`);
  }
  const attention = new Float64Array(rows * count);
  scores(network, states, rows, attention);
  for (let r = 0; r < rows; r++) softmaxInPlace(attention, r * count, count, beta);
  // New states: P_attention (rows×P) · X (P×d).
  getKernels().matmul({
    a: attention,
    b: network.patterns,
    c: out,
    m: rows,
    n: dimension,
    k: count,
    transA: false,
    transB: false,
    batch: 1,
    strideA: 0,
    strideB: 0,
    strideC: 0,
    accumulate: false,
  });
  return { states: out, attention };
}

/** One update ξ ← X softmax(β Xᵀξ) of a single state (length d). */
export function continuousUpdate(network: ContinuousHopfieldNetwork, state: ArrayLike<number>): Float64Array {
  const input = finiteArray('continuousUpdate', 'state', state, network.dimension);
  return continuousUpdateBatch(network, input, 1).states;
}

/**
 * The energy E(ξ) = −lse(β, Xᵀξ) + ½ξᵀξ + β⁻¹ log P + ½M² (at β = 0, its limit
 * −mean_μ(x_μ·ξ) + ½ξᵀξ + ½M²).
 */
export function continuousEnergy(network: ContinuousHopfieldNetwork, state: ArrayLike<number>): number {
  const { dimension, count, beta, largestNorm } = network;
  const input = finiteArray('continuousEnergy', 'state', state, dimension);
  const z = new Float64Array(count);
  scores(network, input, 1, z);
  let square = 0;
  for (let i = 0; i < dimension; i++) square += input[i] * input[i];
  // −lse(β, z) + β⁻¹ log P = −β⁻¹ log((1/P) Σ e^{βz}), written about max z (stable for any β > 0).
  let attraction: number;
  if (beta === 0) {
    let sum = 0;
    for (let mu = 0; mu < count; mu++) sum += z[mu];
    attraction = sum / count;
  } else {
    let largest = Number.NEGATIVE_INFINITY;
    for (let mu = 0; mu < count; mu++) largest = Math.max(largest, z[mu]);
    let total = 0;
    for (let mu = 0; mu < count; mu++) total += portableExp(beta * (z[mu] - largest));
    attraction = largest + portableLog(total / count) / beta;
  }
  return -attraction + 0.5 * square + 0.5 * largestNorm * largestNorm;
}

/** Options of {@link continuousRecall}. */
export interface ContinuousRecallOptions {
  /** Most updates, an integer in [1, 10^5] (default 100). */
  maxSteps?: number;
  /** Stop when max_i |Δξ_i| ≤ tolerance (default 1e-12). */
  tolerance?: number;
  /** Record the energy after every update (default true). */
  recordTrajectory?: boolean;
}

/** The outcome of {@link continuousRecall}. */
export interface ContinuousRecallResult {
  /** The final state. */
  state: Float64Array;
  /** Updates applied. */
  steps: number;
  /** True when the last update moved ξ by at most the tolerance. */
  converged: boolean;
  /** Energies at steps 0, 1, … (empty unless recorded). */
  energies: number[];
  /** The attention weights softmax(β Xᵀξ) of the last update: one-hot at retrieval, spread over a metastable set. */
  attention: Float64Array;
  /** Index of the pattern with the largest attention weight. */
  nearestPattern: number;
}

/** Iterates the update from `probe` until it stops moving (or `maxSteps`). */
export function continuousRecall(
  network: ContinuousHopfieldNetwork,
  probe: ArrayLike<number>,
  options: ContinuousRecallOptions = {},
): ContinuousRecallResult {
  const where = 'continuousRecall';
  assertOptions(where, options);
  const maxSteps = options.maxSteps ?? 100;
  assertInteger(where, 'maxSteps', maxSteps, 1, 100_000);
  const tolerance = options.tolerance ?? 1e-12;
  assertPositive(where, 'tolerance', tolerance);
  const record = options.recordTrajectory ?? true;
  let state: Float64Array = finiteArray(where, 'probe', probe, network.dimension);
  let spare: Float64Array = new Float64Array(network.dimension);
  const energies: number[] = record ? [continuousEnergy(network, state)] : [];
  let attention: Float64Array = new Float64Array(network.count);
  let steps = 0;
  let converged = false;
  while (steps < maxSteps) {
    const update = continuousUpdateBatch(network, state, 1, spare);
    attention = update.attention;
    let change = 0;
    for (let i = 0; i < network.dimension; i++)
      change = Math.max(change, Math.abs(update.states[i] - state[i]));
    [state, spare] = [update.states, state];
    steps++;
    if (record) energies.push(continuousEnergy(network, state));
    if (change <= tolerance) {
      converged = true;
      break;
    }
  }
  let nearestPattern = 0;
  for (let mu = 1; mu < network.count; mu++)
    if (attention[mu] > attention[nearestPattern]) nearestPattern = mu;
  return { state, steps, converged, energies, attention, nearestPattern };
}

/**
 * The separation Δ_μ = x_μᵀx_μ − max_{ν≠μ} x_μᵀx_ν of pattern μ from the others (+∞ for a
 * single pattern). Ramsauer et al. show that a state near x_μ is moved onto it in one update, to
 * exponentially small error, once Δ_μ ≥ 2/(βP) + β⁻¹ log(2(P − 1)PβM²).
 */
export function patternSeparation(network: ContinuousHopfieldNetwork, index: number): number {
  assertInteger('patternSeparation', 'index', index, 0, network.count - 1);
  const { dimension, count, patterns } = network;
  const row = index * dimension;
  let self = 0;
  let largest = Number.NEGATIVE_INFINITY;
  for (let nu = 0; nu < count; nu++) {
    let dot = 0;
    for (let i = 0; i < dimension; i++) dot += patterns[row + i] * patterns[nu * dimension + i];
    if (nu === index) self = dot;
    else largest = Math.max(largest, dot);
  }
  return count === 1 ? Number.POSITIVE_INFINITY : self - largest;
}
