/**
 * The restricted Boltzmann machine: visible units v and hidden units h ∈ {0, 1}^H, coupled only
 * across the two layers, with the energy
 *
 *   Bernoulli visible units (v ∈ {0, 1}^V):   E(v, h) = −bᵀv − cᵀh − vᵀWh
 *   Gaussian visible units (v ∈ ℝ^V):         E(v, h) = ½‖v − b‖² − cᵀh − vᵀWh
 *
 * and p(v, h) = e^−E/Z. The Gaussian units have unit variance (σ = 1; standardise the data
 * first), so p(v | h) = N(b + Wh, I). Both layers are conditionally independent given the
 * other, which is what makes block Gibbs sampling and the free energy cheap:
 *
 *   F(v) = −log Σ_h e^−E(v,h) = −bᵀv − Σ_j softplus(c_j + (vᵀW)_j)       (Bernoulli)
 *   F(v) = ½‖v − b‖² − Σ_j softplus(c_j + (vᵀW)_j)                        (Gaussian)
 *
 * Storage: `weights` is V×H row-major (`weights[i·H + j]` couples visible i and hidden j), in
 * float64 or float32; biases have the same precision. The functions of this folder take the
 * model as a plain record and update it in place (training), so copy it with `cloneRbm` first
 * when you need the old one.
 */
import type { FloatArray } from '../../core/kernels/index.js';
import { portableLog } from '../../core/math/index.js';
import { type Key, normal } from '../../core/random/index.js';
import {
  assertFinite,
  assertInteger,
  assertKey,
  assertOneOf,
  assertOptions,
  assertPositive,
  describe,
  finiteArray,
} from '../../core/validate.js';

/** The kind of visible unit: binary (Bernoulli) or real with unit variance (Gaussian). */
export type VisibleUnits = 'bernoulli' | 'gaussian';
/** Storage precision of the parameters. Arithmetic is always float64. */
export type RbmPrecision = 'float64' | 'float32';

/** The allowed kinds of visible unit. */
export const VISIBLE_UNITS: readonly VisibleUnits[] = ['bernoulli', 'gaussian'];
/** The largest layer accepted (a V×H weight matrix of 2^24 entries is 128 MiB in float64). */
export const MAX_RBM_UNITS = 1 << 20;

/** A restricted Boltzmann machine (see the file comment for the energy). */
export interface Rbm {
  /** 'bernoulli' (v ∈ {0, 1}) or 'gaussian' (v ∈ ℝ, unit variance). */
  readonly visibleUnits: VisibleUnits;
  /** V, the number of visible units. */
  readonly visibleCount: number;
  /** H, the number of hidden units. */
  readonly hiddenCount: number;
  /** W, V×H row-major: `weights[i·H + j]` couples visible i and hidden j. */
  readonly weights: FloatArray;
  /** b, length V. */
  readonly visibleBias: FloatArray;
  /** c, length H. */
  readonly hiddenBias: FloatArray;
}

/** Options of {@link createRbm}. */
export interface CreateRbmOptions {
  /** V, an integer ≥ 1. */
  visibleCount: number;
  /** H, an integer ≥ 1. */
  hiddenCount: number;
  /** 'bernoulli' (default) or 'gaussian'. */
  visibleUnits?: VisibleUnits;
  /** 'float64' (default) or 'float32'. */
  precision?: RbmPrecision;
  /**
   * Draws the initial weights from N(0, weightScale²) (as scikit-learn's `BernoulliRBM`, which
   * uses 0.01). Without a key the weights start at 0, or at `weights` when given.
   */
  key?: Key;
  /** Standard deviation of the initial weights, finite and ≥ 0 (default 0.01). */
  weightScale?: number;
  /** Initial W (V·H values, row-major V×H); exclusive with `key`. */
  weights?: ArrayLike<number>;
  /** Initial b (default 0). */
  visibleBias?: ArrayLike<number>;
  /** Initial c (default 0). */
  hiddenBias?: ArrayLike<number>;
}

function allocate(precision: RbmPrecision, length: number): FloatArray {
  return precision === 'float32' ? new Float32Array(length) : new Float64Array(length);
}

/**
 * A new RBM. With a `key` the weights are N(0, weightScale²) (default 0.01), the biases 0.
 *
 * ```ts
 * const rbm = createRbm({ visibleCount: 64, hiddenCount: 100, key: makeKey(0) });
 * ```
 * @throws Error naming the option when a count, the scale, an array length or a value is invalid.
 */
export function createRbm(options: CreateRbmOptions): Rbm {
  const where = 'createRbm';
  assertOptions(where, options);
  const { visibleCount, hiddenCount } = options;
  assertInteger(where, 'visibleCount', visibleCount, 1, MAX_RBM_UNITS);
  assertInteger(where, 'hiddenCount', hiddenCount, 1, MAX_RBM_UNITS);
  if (visibleCount * hiddenCount > 1 << 24) {
    throw new RangeError(
      `${where}: visibleCount·hiddenCount must be ≤ 2^24 (128 MiB of weights), got ${visibleCount * hiddenCount}`,
    );
  }
  const visibleUnits = options.visibleUnits ?? 'bernoulli';
  assertOneOf(where, 'visibleUnits', visibleUnits, VISIBLE_UNITS);
  const precision = options.precision ?? 'float64';
  assertOneOf(where, 'precision', precision, ['float64', 'float32']);
  const weights = allocate(precision, visibleCount * hiddenCount);
  if (options.key !== undefined) {
    if (options.weights !== undefined) throw new Error(`${where}: give either key or weights, not both`);
    assertKey(where, options.key);
    const scale = options.weightScale ?? 0.01;
    assertFinite(where, 'weightScale', scale);
    if (scale < 0) throw new RangeError(`${where}: weightScale must be a finite number ≥ 0, got ${scale}`);
    weights.set(normal(options.key, weights.length, { std: scale }));
  } else if (options.weights !== undefined) {
    weights.set(finiteArray(where, 'weights', options.weights, weights.length));
  }
  const visibleBias = allocate(precision, visibleCount);
  if (options.visibleBias !== undefined) {
    visibleBias.set(finiteArray(where, 'visibleBias', options.visibleBias, visibleCount));
  }
  const hiddenBias = allocate(precision, hiddenCount);
  if (options.hiddenBias !== undefined) {
    hiddenBias.set(finiteArray(where, 'hiddenBias', options.hiddenBias, hiddenCount));
  }
  return { visibleUnits, visibleCount, hiddenCount, weights, visibleBias, hiddenBias };
}

/** The precision in which `rbm` stores its parameters. */
export function rbmPrecision(rbm: Rbm): RbmPrecision {
  return rbm.weights instanceof Float32Array ? 'float32' : 'float64';
}

/** A deep copy of `rbm` (same precision). */
export function cloneRbm(rbm: Rbm): Rbm {
  assertRbm('cloneRbm', rbm);
  return {
    visibleUnits: rbm.visibleUnits,
    visibleCount: rbm.visibleCount,
    hiddenCount: rbm.hiddenCount,
    weights: rbm.weights.slice(),
    visibleBias: rbm.visibleBias.slice(),
    hiddenBias: rbm.hiddenBias.slice(),
  };
}

/** An RBM as plain JSON-safe data (a checkpoint); `rbmFromJSON` restores it exactly. */
export interface RbmJson {
  /** Format version of this record; currently 1. */
  version: 1;
  visibleUnits: VisibleUnits;
  precision: RbmPrecision;
  visibleCount: number;
  hiddenCount: number;
  /** V·H numbers, row-major V×H. */
  weights: number[];
  visibleBias: number[];
  hiddenBias: number[];
}

/** `rbm` as JSON-safe data (numbers print exactly in JSON, so the round trip is lossless). */
export function rbmToJSON(rbm: Rbm): RbmJson {
  assertRbm('rbmToJSON', rbm);
  return {
    version: 1,
    visibleUnits: rbm.visibleUnits,
    precision: rbmPrecision(rbm),
    visibleCount: rbm.visibleCount,
    hiddenCount: rbm.hiddenCount,
    weights: Array.from(rbm.weights),
    visibleBias: Array.from(rbm.visibleBias),
    hiddenBias: Array.from(rbm.hiddenBias),
  };
}

/**
 * The RBM stored by `rbmToJSON`. Every field is checked, so a corrupt checkpoint fails here
 * with a message naming the bad field.
 */
export function rbmFromJSON(json: RbmJson): Rbm {
  const where = 'rbmFromJSON';
  assertOptions(where, json);
  if (json.version !== 1) throw new RangeError(`${where}: version must be 1, got ${describe(json.version)}`);
  return createRbm({
    visibleCount: json.visibleCount,
    hiddenCount: json.hiddenCount,
    visibleUnits: json.visibleUnits,
    precision: json.precision,
    weights: json.weights,
    visibleBias: json.visibleBias,
    hiddenBias: json.hiddenBias,
  });
}

/**
 * The joint energy E(v, h) of one visible and one hidden configuration (see the file comment).
 * @throws Error when the lengths do not match the model.
 */
export function rbmEnergy(rbm: Rbm, visible: ArrayLike<number>, hidden: ArrayLike<number>): number {
  const where = 'rbmEnergy';
  assertRbm(where, rbm);
  const { visibleCount: V, hiddenCount: H, weights, visibleBias, hiddenBias } = rbm;
  assertLength(where, 'visible', visible, V);
  assertLength(where, 'hidden', hidden, H);
  let energy = 0;
  for (let j = 0; j < H; j++) energy -= hiddenBias[j] * hidden[j];
  for (let i = 0; i < V; i++) {
    const v = visible[i];
    energy +=
      rbm.visibleUnits === 'gaussian'
        ? 0.5 * (v - visibleBias[i]) * (v - visibleBias[i])
        : -visibleBias[i] * v;
    if (v === 0) continue;
    let coupling = 0;
    for (let j = 0; j < H; j++) coupling += weights[i * H + j] * hidden[j];
    energy -= v * coupling;
  }
  return energy;
}

/**
 * Visible biases b_i = log(p̄_i/(1 − p̄_i)) from the mean p̄_i of each visible unit over the
 * data, with p̄ smoothed as (Σv + smoothing)/(n + 2·smoothing) so that constant pixels stay
 * finite. These are the biases of the factorised model that best fits the data (Hinton's
 * recommended initialisation, and the base-rate model of AIS, Salakhutdinov & Murray 2008).
 * @param data `n × visibleCount` values in [0, 1], row-major.
 * @param smoothing pseudo-count, finite and > 0 (default 0.5, the "add one half" rule).
 */
export function baseRateVisibleBias(
  data: ArrayLike<number>,
  visibleCount: number,
  smoothing = 0.5,
): Float64Array {
  const where = 'baseRateVisibleBias';
  assertInteger(where, 'visibleCount', visibleCount, 1, MAX_RBM_UNITS);
  assertPositive(where, 'smoothing', smoothing);
  const rows = rowCount(where, 'data', data, visibleCount);
  const bias = new Float64Array(visibleCount);
  for (let n = 0; n < rows; n++) for (let i = 0; i < visibleCount; i++) bias[i] += data[n * visibleCount + i];
  for (let i = 0; i < visibleCount; i++) {
    const p = (bias[i] + smoothing) / (rows + 2 * smoothing);
    bias[i] = portableLog(p / (1 - p));
  }
  return bias;
}

/** Throws unless `rbm` is a well-formed RBM record. */
export function assertRbm(where: string, rbm: unknown): asserts rbm is Rbm {
  if (rbm === null || typeof rbm !== 'object') {
    throw new TypeError(`${where}: rbm must be an RBM from createRbm, got ${describe(rbm)}`);
  }
  const r = rbm as Rbm;
  const V = r.visibleCount;
  const H = r.hiddenCount;
  const isFloat = (a: unknown) => a instanceof Float64Array || a instanceof Float32Array;
  if (
    !Number.isInteger(V) ||
    !Number.isInteger(H) ||
    V < 1 ||
    H < 1 ||
    !(VISIBLE_UNITS as readonly string[]).includes(r.visibleUnits) ||
    !isFloat(r.weights) ||
    !isFloat(r.visibleBias) ||
    !isFloat(r.hiddenBias) ||
    r.weights.length !== V * H ||
    r.visibleBias.length !== V ||
    r.hiddenBias.length !== H
  ) {
    throw new TypeError(`${where}: rbm must be an RBM from createRbm (consistent counts and arrays)`);
  }
}

/** Throws unless `values` is an array of exactly `length` numbers. */
export function assertLength(where: string, name: string, values: unknown, length: number): void {
  if (
    values === null ||
    typeof values !== 'object' ||
    typeof (values as ArrayLike<number>).length !== 'number' ||
    (values as ArrayLike<number>).length !== length
  ) {
    throw new RangeError(`${where}: ${name} must be an array of ${length} numbers, got ${describe(values)}`);
  }
}

/** The number of rows of a row-major matrix with `columns` columns; throws on a ragged length. */
export function rowCount(where: string, name: string, values: unknown, columns: number): number {
  if (
    values === null ||
    typeof values !== 'object' ||
    typeof (values as ArrayLike<number>).length !== 'number' ||
    (values as ArrayLike<number>).length % columns !== 0
  ) {
    throw new RangeError(
      `${where}: ${name} must be an array of rows of ${columns} numbers (length a multiple of ${columns}), got ${describe(values)}`,
    );
  }
  return (values as ArrayLike<number>).length / columns;
}
