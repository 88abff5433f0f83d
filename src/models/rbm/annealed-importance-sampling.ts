/**
 * Annealed importance sampling of the partition function of an RBM (Neal 2001; Salakhutdinov &
 * Murray, "On the quantitative analysis of deep belief networks", ICML 2008), with the hidden
 * units summed out analytically.
 *
 * The path runs from a base-rate model A (no weights, visible biases b_A, so Z_A is known) to
 * the RBM B through the unnormalised marginals over v
 *
 *   Bernoulli:  f_β(v) = exp((1 − β)·b_Aᵀv + β·bᵀv) · Π_j (1 + exp(β·(c_j + (vᵀW)_j)))
 *   Gaussian:   f_β(v) = exp(−½‖v − b‖²)           · Π_j (1 + exp(β·(c_j + (vᵀW)_j)))
 *
 * with log Z_A = Σ_i softplus(b_A,i) + H·log 2 (Bernoulli) or (V/2)·log 2π + H·log 2 (Gaussian:
 * the base is N(b, I)). Each of M chains starts with v ~ p_A, and for k = 1 … K adds
 * log f_βk(v) − log f_βk−1(v) to its log weight, then moves v by one block-Gibbs step that leaves
 * p_βk invariant: h ~ σ(β_k·(c + vW)), then v ~ σ((1 − β_k)·b_A + β_k·(b + Wh)) (Gaussian:
 * N(b + β_k·Wh, I)). E[w] = Z_B/Z_A, so log Ẑ_B = log Z_A + log-mean-exp(log w).
 *
 * Errors: the delta-method standard error of log Ẑ, σ̂_w/(√M·w̄), and Salakhutdinov & Murray's
 * band log(Ẑ ± 3σ̂_Ẑ). Both are honest when the weights are well behaved (effective sample
 * size a fair fraction of M). When it is only a handful, the tail of the weights is unsampled:
 * log Ẑ is then biased low and the error bar too small (more steps or a better base help).
 * A good base for Bernoulli units is the data's base rate, `baseRateVisibleBias(data, V)`.
 */

import { portableExp, portableLog, portableLog1p } from '../../core/math/index.js';
import { type Key, RandomStream, split } from '../../core/random/index.js';
import { Xoshiro128StarStar } from '../../core/random/xoshiro128.js';
import {
  assertInteger,
  assertKey,
  assertOneOf,
  assertOptions,
  describe,
  finiteArray,
} from '../../core/validate.js';
import { logMeanExp } from '../../partition/log-sum-exp.js';
import {
  addNoise,
  hiddenPreActivations,
  sampleLayer,
  temperInPlace,
  visiblePreActivations,
} from './layers.js';
import { softplus } from './logistic.js';
import { assertRbm, type Rbm } from './rbm.js';
import { createRowLists, SMALL_BATCH_LIMIT } from './small-products.js';

/** A β ladder from 0 to 1: a named shape, or the K + 1 values 0 = β₀ < … < β_K = 1 themselves. */
export type AnnealingSchedule = 'linear' | 'salakhutdinov-murray' | ArrayLike<number>;

/** Options of {@link rbmAnnealedImportanceSampling}. */
export interface RbmAnnealedImportanceSamplingOptions {
  /** The RBM whose log Z is wanted. */
  rbm: Rbm;
  /** Independent chains M, an integer in [2, 10⁶]. */
  chains: number;
  /** Intermediate distributions K for a named schedule, an integer in [1, 10⁷] (default 1000). */
  steps?: number;
  /**
   * 'salakhutdinov-murray' (default): the ladder of the paper scaled to K steps, spending
   * 500/14 500 of them on β ∈ [0, 0.5], 4 000/14 500 on [0.5, 0.9] and the rest on [0.9, 1];
   * 'linear': β_k = k/K; or an explicit increasing array from 0 to 1.
   */
  schedule?: AnnealingSchedule;
  /** b_A of the base model (Bernoulli units only; default 0: the uniform distribution). */
  baseVisibleBias?: ArrayLike<number>;
  /** Fixes every random choice. */
  key: Key;
}

/** What {@link rbmAnnealedImportanceSampling} returns. */
export interface RbmAnnealedImportanceSamplingResult {
  /** log Ẑ_B = log Z_A + log-mean-exp of the log weights. */
  readonly logPartitionFunction: number;
  /** Delta-method standard error of log Ẑ_B. */
  readonly standardError: number;
  /** log(Ẑ − 3σ̂_Ẑ) (−∞ when the band reaches 0), Salakhutdinov & Murray's lower bound. */
  readonly logPartitionFunctionLower: number;
  /** log(Ẑ + 3σ̂_Ẑ). */
  readonly logPartitionFunctionUpper: number;
  /** (Σw)²/Σw², in [1, M]. */
  readonly effectiveSampleSize: number;
  /** log w of each chain (without log Z_A). */
  readonly logWeights: Float64Array;
  /** log Z_A of the base model. */
  readonly baseLogPartitionFunction: number;
  /** The ladder β₀ = 0, …, β_K = 1. */
  readonly inverseTemperatures: Float64Array;
}

/** The ladder 0 = β₀ < … < β_K = 1 of a named schedule with K = `steps`. */
export function annealingLadder(steps: number, schedule: 'linear' | 'salakhutdinov-murray'): Float64Array {
  const where = 'annealingLadder';
  assertInteger(where, 'steps', steps, 1, 1e7);
  assertOneOf(where, 'schedule', schedule, ['linear', 'salakhutdinov-murray']);
  const ladder = new Float64Array(steps + 1);
  if (schedule === 'linear' || steps < 3) {
    for (let k = 1; k <= steps; k++) ladder[k] = k / steps;
    return ladder;
  }
  // Piecewise linear through (0, 0), (s1, 0.5), (s2, 0.9), (K, 1) with the paper's proportions.
  const s1 = Math.max(1, Math.round((steps * 500) / 14500));
  const s2 = Math.max(s1 + 1, Math.round((steps * 4500) / 14500));
  for (let k = 1; k <= steps; k++) {
    if (k <= s1) ladder[k] = (0.5 * k) / s1;
    else if (k <= s2) ladder[k] = 0.5 + (0.4 * (k - s1)) / (s2 - s1);
    else ladder[k] = 0.9 + (0.1 * (k - s2)) / (steps - s2);
  }
  ladder[steps] = 1;
  return ladder;
}

function checkedLadder(where: string, options: RbmAnnealedImportanceSamplingOptions): Float64Array {
  const schedule = options.schedule ?? 'salakhutdinov-murray';
  if (typeof schedule === 'string') {
    const steps = options.steps ?? 1000;
    assertInteger(where, 'steps', steps, 1, 1e7);
    assertOneOf(where, 'schedule', schedule, ['linear', 'salakhutdinov-murray']);
    return annealingLadder(steps, schedule);
  }
  const ladder = finiteArray(where, 'schedule', schedule);
  if (ladder.length < 2 || ladder[0] !== 0 || ladder[ladder.length - 1] !== 1) {
    throw new RangeError(`${where}: an explicit schedule must run from 0 to 1 in ≥ 2 values`);
  }
  for (let k = 1; k < ladder.length; k++) {
    if (!(ladder[k] > ladder[k - 1])) {
      throw new RangeError(
        `${where}: schedule must increase strictly, got ${ladder[k - 1]} then ${ladder[k]} at ${k}`,
      );
    }
  }
  return ladder;
}

/**
 * Estimates log Z of an RBM by annealed importance sampling (see the file comment).
 *
 * ```ts
 * const ais = rbmAnnealedImportanceSampling({ rbm, chains: 100, steps: 1000, key: makeKey(2),
 *   baseVisibleBias: baseRateVisibleBias(images, rbm.visibleCount) });
 * ais.logPartitionFunction ± ais.standardError;  // vs rbmLogPartitionFunction(rbm) when small
 * ```
 */
export function rbmAnnealedImportanceSampling(
  options: RbmAnnealedImportanceSamplingOptions,
): RbmAnnealedImportanceSamplingResult {
  const where = 'rbmAnnealedImportanceSampling';
  assertOptions(where, options);
  const { rbm, chains, key } = options;
  assertRbm(where, rbm);
  assertInteger(where, 'chains', chains, 2, 1e6);
  assertKey(where, key);
  const ladder = checkedLadder(where, options);
  const { visibleCount: V, hiddenCount: H, visibleBias } = rbm;
  const gaussian = rbm.visibleUnits === 'gaussian';
  const base = new Float64Array(V);
  if (options.baseVisibleBias !== undefined) {
    if (gaussian) throw new RangeError(`${where}: baseVisibleBias applies to Bernoulli visible units only`);
    base.set(finiteArray(where, 'baseVisibleBias', options.baseVisibleBias, V));
  }
  let baseLogZ = H * Math.LN2;
  if (gaussian) baseLogZ += 0.5 * V * portableLog(2 * Math.PI);
  else for (let i = 0; i < V; i++) baseLogZ += softplus(base[i]);

  const [initialKey, wordKey, normalKey] = split(key, 3);
  const words = new Xoshiro128StarStar(wordKey);
  const normals = new RandomStream(normalKey);
  const visibleLists = createRowLists(Math.min(chains, SMALL_BATCH_LIMIT), V);
  const hiddenLists = createRowLists(Math.min(chains, SMALL_BATCH_LIMIT), H);
  // v ~ p_A: independent σ(b_A) bits, or N(b, I).
  const visible = new Float64Array(chains * V);
  const initial = new RandomStream(initialKey);
  for (let m = 0; m < chains; m++) {
    for (let i = 0; i < V; i++) {
      visible[m * V + i] = gaussian ? visibleBias[i] + initial.nextNormal() : 0;
    }
  }
  if (!gaussian) {
    for (let m = 0; m < chains; m++) for (let i = 0; i < V; i++) visible[m * V + i] = base[i];
    sampleLayer(visible, chains, V, visible, null, words);
  }
  // The Gaussian mean b + β·Wh is β·(b + Wh) + (1 − β)·b: the same tempering with b as the base.
  const visibleBase = gaussian ? Float64Array.from(visibleBias) : base;
  const small = chains <= SMALL_BATCH_LIMIT;

  const field = new Float64Array(chains * H);
  const hidden = new Float64Array(chains * H);
  const logWeights = new Float64Array(chains);
  const biasGap = new Float64Array(V);
  for (let i = 0; i < V; i++) biasGap[i] = gaussian ? 0 : visibleBias[i] - base[i];
  const K = ladder.length - 1;
  for (let k = 1; k <= K; k++) {
    const previous = ladder[k - 1];
    const current = ladder[k];
    const step = current - previous;
    hiddenPreActivations(rbm, visible, 0, chains, field, visibleLists);
    for (let m = 0; m < chains; m++) {
      let increment = 0;
      if (!gaussian) for (let i = 0; i < V; i++) increment += step * biasGap[i] * visible[m * V + i];
      for (let j = 0; j < H; j++) {
        const a = field[m * H + j];
        increment += softplus(current * a) - softplus(previous * a);
      }
      logWeights[m] += increment;
    }
    if (k === K) break;
    // One block-Gibbs step at β_k: h ~ σ(β_k·a), then v ~ p_βk(v | h).
    hidden.set(field);
    temperInPlace(hidden, chains * H, current, null, H);
    sampleLayer(hidden, chains, H, hidden, small ? hiddenLists : null, words);
    visiblePreActivations(rbm, hidden, chains, visible, hiddenLists, small);
    temperInPlace(visible, chains * V, current, visibleBase, V);
    if (gaussian) addNoise(visible, chains * V, normals);
    else sampleLayer(visible, chains, V, visible, null, words);
  }

  let maximum = Number.NEGATIVE_INFINITY;
  for (const value of logWeights) maximum = Math.max(maximum, value);
  let sum = 0;
  let squares = 0;
  for (let m = 0; m < chains; m++) {
    const w = portableExp(logWeights[m] - maximum);
    sum += w;
    squares += w * w;
  }
  const mean = sum / chains;
  const variance = Math.max(0, (squares - chains * mean * mean) / (chains - 1));
  const relativeError = Math.sqrt(variance / chains) / mean;
  const logZ = baseLogZ + logMeanExp(logWeights);
  if (!Number.isFinite(logZ)) {
    throw new Error(
      `${where}: the log weights are not finite (${describe(logZ)}); check the model's parameters`,
    );
  }
  return {
    logPartitionFunction: logZ,
    standardError: relativeError,
    logPartitionFunctionLower:
      relativeError * 3 < 1 ? logZ + portableLog1p(-3 * relativeError) : Number.NEGATIVE_INFINITY,
    logPartitionFunctionUpper: logZ + portableLog1p(3 * relativeError),
    effectiveSampleSize: (sum * sum) / squares,
    logWeights,
    baseLogPartitionFunction: baseLogZ,
    inverseTemperatures: ladder,
  };
}
