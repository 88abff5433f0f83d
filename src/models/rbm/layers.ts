/**
 * The layer operations of block Gibbs sampling and of the training update, on preallocated
 * buffers (internal to `models/rbm`; the public, allocating versions are in `conditionals.ts`).
 *
 * Products go through `small-products.ts` for up to `SMALL_BATCH_LIMIT` rows (on the rows'
 * nonzero lists) and through `getKernels().matmul` beyond. The sigmoid and the Bernoulli samples
 * are one pass, with the xoshiro128** step of `Xoshiro128StarStar` inlined so that its state stays in
 * registers; a unit is sampled on when its 32-bit word is below p·2³², decided without a branch
 * (a branch on random bits mispredicts often enough to double the cost of the pass, measured).
 */
import { type FloatArray, getKernels } from '../../core/kernels/index.js';
import type { RandomStream } from '../../core/random/index.js';
import type { Xoshiro128StarStar } from '../../core/random/xoshiro128.js';
import { exponential, sigmoid } from './logistic.js';
import type { Rbm } from './rbm.js';
import {
  backwardProduct,
  forwardProduct,
  listRows,
  type OuterScratch,
  outerProductUpdate,
  type RowLists,
  SMALL_BATCH_LIMIT,
} from './small-products.js';

const TWO_POW_32 = 4294967296;
const TWO_POW_MINUS_32 = 1 / TWO_POW_32;

/** out (rows × H) = c + X·W for dense rows of `visible` at element `offset`; `lists` is scratch. */
export function hiddenPreActivations(
  rbm: Rbm,
  visible: FloatArray,
  offset: number,
  rows: number,
  out: Float64Array,
  lists: RowLists,
): void {
  const { visibleCount: V, hiddenCount: H, weights, hiddenBias } = rbm;
  if (rows <= SMALL_BATCH_LIMIT) {
    listRows(visible, offset, rows, V, lists);
    forwardProduct(lists, 0, rows, H, weights, hiddenBias, out);
    return;
  }
  getKernels().matmul({
    a: visible.subarray(offset, offset + rows * V),
    b: weights,
    c: out,
    m: rows,
    n: H,
    k: V,
    transA: false,
    transB: false,
    batch: 1,
    strideA: 0,
    strideB: 0,
    strideC: 0,
    accumulate: false,
  });
  for (let s = 0; s < rows; s++) for (let j = 0; j < H; j++) out[s * H + j] += hiddenBias[j];
}

/** out (rows × V) = b + S·Wᵀ for dense rows of `hidden`; `lists` is scratch (or already lists `hidden` when `listed`). */
export function visiblePreActivations(
  rbm: Rbm,
  hidden: Float64Array,
  rows: number,
  out: Float64Array,
  lists: RowLists,
  listed = false,
): void {
  const { visibleCount: V, hiddenCount: H, weights, visibleBias } = rbm;
  if (rows <= SMALL_BATCH_LIMIT) {
    if (!listed) listRows(hidden, 0, rows, H, lists);
    backwardProduct(lists, rows, V, H, weights, visibleBias, out);
    return;
  }
  getKernels().matmul({
    a: hidden.subarray(0, rows * H),
    b: weights,
    c: out,
    m: rows,
    n: V,
    k: H,
    transA: false,
    transB: true,
    batch: 1,
    strideA: 0,
    strideB: 0,
    strideC: 0,
    accumulate: false,
  });
  for (let s = 0; s < rows; s++) for (let i = 0; i < V; i++) out[s * V + i] += visibleBias[i];
}

/** x ← σ(x) for the first `length` entries. */
export function sigmoidInPlace(x: Float64Array, length: number): void {
  for (let n = 0; n < length; n++) x[n] = sigmoid(x[n]);
}

/** x ← β·x + (1 − β)·base[n mod width] (the tempered pre-activations of AIS; no base: β·x). */
export function temperInPlace(
  x: Float64Array,
  length: number,
  inverseTemperature: number,
  base: Float64Array | null,
  width: number,
): void {
  const complement = 1 - inverseTemperature;
  for (let n = 0; n < length; n++) {
    x[n] = inverseTemperature * x[n] + (base === null ? 0 : complement * base[n % width]);
  }
}

/**
 * For `rows` rows of `width` pre-activations in `x`: x ← p = σ(x) and samples ← Bernoulli(p),
 * one word each; with `lists`, also the positions of the ones (0/1 lists of the samples).
 * `samples` may be `x` itself (the probabilities are then replaced by the samples).
 */
export function sampleLayer(
  x: Float64Array,
  rows: number,
  width: number,
  samples: Float64Array,
  lists: RowLists | null,
  words: Xoshiro128StarStar,
): void {
  const state = words.state;
  let s0 = state[0];
  let s1 = state[1];
  let s2 = state[2];
  let s3 = state[3];
  const starts = lists === null ? null : lists.starts;
  const columns = lists === null ? null : lists.columns;
  const values = lists === null ? null : lists.values;
  let count = 0;
  for (let s = 0; s < rows; s++) {
    const base = s * width;
    for (let i = 0; i < width; i++) {
      const n = base + i;
      // σ(x) = 1/(1 + e^−x) is accurate for every x here (e^−x saturates at ∞ for x < −710).
      const p = 1 / (1 + exponential(-x[n]));
      x[n] = p;
      // xoshiro128** (see Xoshiro128StarStar.nextUint32), inlined.
      const product = Math.imul(s1, 5);
      const word = Math.imul((product << 7) | (product >>> 25), 9) >>> 0;
      const shifted = s1 << 9;
      s2 ^= s0;
      s3 ^= s1;
      s1 ^= s2;
      s0 ^= s3;
      s2 ^= shifted;
      s3 = (s3 << 11) | (s3 >>> 21);
      // 1 when word < p·2³² (the difference is negative), else 0, without a branch.
      const bit = 0 - Math.floor((word - p * TWO_POW_32) * TWO_POW_MINUS_32);
      samples[n] = bit;
      if (columns !== null && values !== null) {
        columns[count] = i;
        values[count] = 1;
        count += bit;
      }
    }
    if (starts !== null) starts[s + 1] = count;
  }
  if (lists !== null) {
    lists.starts[0] = 0;
    lists.binary = true;
  }
  state[0] = s0;
  state[1] = s1;
  state[2] = s2;
  state[3] = s3;
}

/** x ← x + unit normal noise for the first `length` entries (Gaussian visible units). */
export function addNoise(x: Float64Array, length: number, normals: RandomStream): void {
  for (let n = 0; n < length; n++) x[n] += normals.nextNormal();
}

/**
 * The weight statistics of one update: target += α⁺·Σ x_sᵀh⁺_s + α⁻·Σ v_sᵀh⁻_s over the `rows`
 * data rows and the `chains` negative rows; `hidden` holds h⁺ then h⁻. Small batches use the
 * lists (`dataLists` from row `dataRow`, `negativeLists` from row 0); larger ones the dense rows
 * (`data` at element `dataOffset`, `negative`) through the kernel's matmul, scaling `hidden` in
 * place.
 */
export function accumulateWeightStatistics(
  rbm: Rbm,
  target: FloatArray,
  rows: number,
  positiveCoefficient: number,
  chains: number,
  negativeCoefficient: number,
  hidden: Float64Array,
  dense: { data: FloatArray; dataOffset: number; negative: Float64Array },
  lists: { data: RowLists; dataRow: number; negative: RowLists; scratch: OuterScratch },
): void {
  const { visibleCount: V, hiddenCount: H } = rbm;
  if (rows <= SMALL_BATCH_LIMIT && chains <= SMALL_BATCH_LIMIT) {
    outerProductUpdate(
      target,
      V,
      H,
      lists.data,
      lists.dataRow,
      rows,
      positiveCoefficient,
      lists.negative,
      chains,
      negativeCoefficient,
      hidden,
      lists.scratch,
    );
    return;
  }
  for (let n = 0; n < rows * H; n++) hidden[n] *= positiveCoefficient;
  for (let n = rows * H; n < (rows + chains) * H; n++) hidden[n] *= negativeCoefficient;
  const common = { m: V, n: H, transA: true, transB: false, batch: 1, strideA: 0, strideB: 0, strideC: 0 };
  const kernels = getKernels();
  kernels.matmul({
    ...common,
    a: dense.data.subarray(dense.dataOffset, dense.dataOffset + rows * V),
    b: hidden.subarray(0, rows * H),
    c: target,
    k: rows,
    accumulate: true,
  });
  kernels.matmul({
    ...common,
    a: dense.negative.subarray(0, chains * V),
    b: hidden.subarray(rows * H, (rows + chains) * H),
    c: target,
    k: chains,
    accumulate: true,
  });
}
