/**
 * What an RBM generates and what it has learned, as arrays ready for image plots: long block-Gibbs
 * chains (generated samples, fantasy particles), the learned filters (one weight column per hidden
 * unit), and the reconstruction error of data.
 */
import { type Key, RandomStream, split } from '../../core/random/index.js';
import { Xoshiro128StarStar } from '../../core/random/xoshiro128.js';
import { assertInteger, assertKey, assertOptions, describe, finiteArray } from '../../core/validate.js';
import { hiddenProbabilities, visibleMeans } from './conditionals.js';
import { addNoise, hiddenPreActivations, sampleLayer, visiblePreActivations } from './layers.js';
import { assertRbm, type Rbm, rowCount } from './rbm.js';
import { createRowLists, SMALL_BATCH_LIMIT } from './small-products.js';

/** Options of {@link rbmGibbsSampling}. */
export interface RbmGibbsSamplingOptions {
  /** The model. */
  rbm: Rbm;
  /** Independent chains, an integer in [1, 10⁶]. */
  chains: number;
  /** Block-Gibbs steps (v → h → v) per chain, an integer in [1, 10⁹]. */
  steps: number;
  /** Fixes every random choice. */
  key: Key;
  /**
   * Starting visible states (`chains × V`). Default: uniform random bits (Bernoulli units) or
   * N(b, I) (Gaussian units).
   */
  initialVisible?: ArrayLike<number>;
  /** Steps before recording starts, an integer ≥ 0 (default 0). */
  burnIn?: number;
  /** After the burn-in, record every chain's visible sample every this many steps (default: record nothing). */
  recordEvery?: number;
}

/** What {@link rbmGibbsSampling} returns (all row-major, one row of V per chain). */
export interface RbmGibbsSamples {
  /** The final visible samples (`chains × V`). */
  readonly visible: Float64Array;
  /** E[v | h] of the final step (`chains × V`): the noise-free images to show. */
  readonly visibleMeans: Float64Array;
  /** The final hidden samples (`chains × H`). */
  readonly hidden: Float64Array;
  /** Recorded samples, `recordCount × chains × V` (step-major). */
  readonly recorded: Float64Array;
  /** Number of recorded steps. */
  readonly recordCount: number;
}

/**
 * Runs `chains` block-Gibbs chains of an RBM for `steps` steps each. Each step samples
 * h ~ p(h | v) and then v ~ p(v | h).
 *
 * ```ts
 * const { visibleMeans } = rbmGibbsSampling({ rbm, chains: 16, steps: 1000, key: makeKey(3) });
 * ```
 */
export function rbmGibbsSampling(options: RbmGibbsSamplingOptions): RbmGibbsSamples {
  const where = 'rbmGibbsSampling';
  assertOptions(where, options);
  const { rbm, chains, steps, key } = options;
  assertRbm(where, rbm);
  assertInteger(where, 'chains', chains, 1, 1e6);
  assertInteger(where, 'steps', steps, 1, 1e9);
  assertKey(where, key);
  const burnIn = options.burnIn ?? 0;
  assertInteger(where, 'burnIn', burnIn, 0, steps);
  const recordEvery = options.recordEvery ?? 0;
  if (options.recordEvery !== undefined) assertInteger(where, 'recordEvery', recordEvery, 1, 1e9);
  const { visibleCount: V, hiddenCount: H } = rbm;
  const gaussian = rbm.visibleUnits === 'gaussian';
  const [initialKey, wordKey, normalKey] = split(key, 3);
  const visible = new Float64Array(chains * V);
  if (options.initialVisible !== undefined) {
    visible.set(finiteArray(where, 'initialVisible', options.initialVisible, chains * V));
  } else {
    const initial = new RandomStream(initialKey);
    for (let n = 0; n < chains * V; n++) {
      visible[n] = gaussian ? rbm.visibleBias[n % V] + initial.nextNormal() : initial.nextUint32() >>> 31;
    }
  }
  const words = new Xoshiro128StarStar(wordKey);
  const normals = new RandomStream(normalKey);
  const visibleLists = createRowLists(Math.min(chains, SMALL_BATCH_LIMIT), V);
  const hiddenLists = createRowLists(Math.min(chains, SMALL_BATCH_LIMIT), H);
  const small = chains <= SMALL_BATCH_LIMIT;
  const probabilities = new Float64Array(chains * H);
  const hidden = new Float64Array(chains * H);
  const means = new Float64Array(chains * V);
  const recordCount = recordEvery > 0 ? Math.floor((steps - burnIn) / recordEvery) : 0;
  if (recordCount * chains * V > 2 ** 28) {
    throw new RangeError(
      `${where}: recording ${recordCount} steps of ${chains}×${V} values needs too much memory`,
    );
  }
  const recorded = new Float64Array(recordCount * chains * V);
  let records = 0;
  for (let step = 1; step <= steps; step++) {
    hiddenPreActivations(rbm, visible, 0, chains, probabilities, visibleLists);
    sampleLayer(probabilities, chains, H, hidden, small ? hiddenLists : null, words);
    visiblePreActivations(rbm, hidden, chains, means, hiddenLists, small);
    if (gaussian) {
      visible.set(means);
      addNoise(visible, chains * V, normals);
    } else {
      sampleLayer(means, chains, V, visible, null, words);
    }
    if (recordEvery > 0 && step > burnIn && (step - burnIn) % recordEvery === 0 && records < recordCount) {
      recorded.set(visible, records++ * chains * V);
    }
  }
  return { visible, visibleMeans: means, hidden, recorded, recordCount };
}

/**
 * The learned filters: row j (of H rows of V) is the weight column of hidden unit j, ready to be
 * shown as an image of the visible layer (e.g. 8×8 for the digits).
 */
export function rbmFilters(rbm: Rbm): Float64Array {
  assertRbm('rbmFilters', rbm);
  const { visibleCount: V, hiddenCount: H, weights } = rbm;
  const filters = new Float64Array(H * V);
  for (let i = 0; i < V; i++) for (let j = 0; j < H; j++) filters[j * V + i] = weights[i * H + j];
  return filters;
}

/**
 * The mean-field reconstruction error: the mean over rows and units of (v_i − v̂_i)², where
 * v̂ = E[v | h = p(h = 1 | v)] (one deterministic up-down pass). A cheap training monitor; it is
 * not the likelihood (a model can reconstruct well and still generate badly).
 */
export function rbmReconstructionError(rbm: Rbm, data: ArrayLike<number>): number {
  const where = 'rbmReconstructionError';
  assertRbm(where, rbm);
  const rows = rowCount(where, 'data', data, rbm.visibleCount);
  if (rows === 0) throw new RangeError(`${where}: data must hold at least one row, got ${describe(data)}`);
  const reconstruction = visibleMeans(rbm, hiddenProbabilities(rbm, data));
  let sum = 0;
  for (let n = 0; n < reconstruction.length; n++) sum += (data[n] - reconstruction[n]) ** 2;
  return sum / reconstruction.length;
}
