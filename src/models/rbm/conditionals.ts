/**
 * The two conditionals of an RBM and its free energy, on batches of rows.
 *
 *   p(h_j = 1 | v) = σ(c_j + (vᵀW)_j)
 *   p(v_i = 1 | h) = σ(b_i + (Wh)_i)              (Bernoulli visible units)
 *   p(v | h)       = N(b + Wh, I)                  (Gaussian visible units, unit variance)
 *
 * Batches are row-major matrices (`rows × V` visible, `rows × H` hidden); the products go
 * through `getKernels().matmul`, so a faster kernel backend speeds them up. Results are
 * float64. A Bernoulli sample is 1 when a 32-bit random word is below p·2³², so its
 * probability is p to within 2⁻³² (one word per unit, half the cost of a 53-bit uniform).
 */
import { type FloatArray, getKernels } from '../../core/kernels/index.js';
import type { RandomStream } from '../../core/random/index.js';
import { sigmoid, softplus } from './logistic.js';
import { assertRbm, type Rbm, rowCount } from './rbm.js';

const TWO_POW_32 = 4294967296;

function asFloat(values: ArrayLike<number>): FloatArray {
  return values instanceof Float64Array || values instanceof Float32Array
    ? values
    : Float64Array.from(values);
}

function output(where: string, out: Float64Array | undefined, length: number): Float64Array {
  if (out === undefined) return new Float64Array(length);
  if (!(out instanceof Float64Array) || out.length !== length) {
    throw new RangeError(`${where}: out must be a Float64Array of ${length} entries`);
  }
  return out;
}

/**
 * The hidden pre-activations c + vᵀW of each row of `visible` (`rows × V`), as `rows × H`.
 * @throws Error when `visible` is not a whole number of rows of V, or `out` has the wrong length.
 */
export function hiddenActivations(rbm: Rbm, visible: ArrayLike<number>, out?: Float64Array): Float64Array {
  const where = 'hiddenActivations';
  assertRbm(where, rbm);
  const { visibleCount: V, hiddenCount: H, hiddenBias } = rbm;
  const rows = rowCount(where, 'visible', visible, V);
  const result = output(where, out, rows * H);
  getKernels().matmul({
    a: asFloat(visible),
    b: rbm.weights,
    c: result,
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
  for (let r = 0; r < rows; r++) for (let j = 0; j < H; j++) result[r * H + j] += hiddenBias[j];
  return result;
}

/** p(h = 1 | v) for each row of `visible`, as `rows × H`. */
export function hiddenProbabilities(rbm: Rbm, visible: ArrayLike<number>, out?: Float64Array): Float64Array {
  const result = hiddenActivations(rbm, visible, out);
  for (let i = 0; i < result.length; i++) result[i] = sigmoid(result[i]);
  return result;
}

/**
 * The visible pre-activations b + Wh of each row of `hidden` (`rows × H`), as `rows × V`. For
 * Gaussian visible units this is the mean of p(v | h).
 */
export function visibleActivations(rbm: Rbm, hidden: ArrayLike<number>, out?: Float64Array): Float64Array {
  const where = 'visibleActivations';
  assertRbm(where, rbm);
  const { visibleCount: V, hiddenCount: H, visibleBias } = rbm;
  const rows = rowCount(where, 'hidden', hidden, H);
  const result = output(where, out, rows * V);
  getKernels().matmul({
    a: asFloat(hidden),
    b: rbm.weights,
    c: result,
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
  for (let r = 0; r < rows; r++) for (let i = 0; i < V; i++) result[r * V + i] += visibleBias[i];
  return result;
}

/** E[v | h] for each row of `hidden`: σ(b + Wh) (Bernoulli) or b + Wh (Gaussian), as `rows × V`. */
export function visibleMeans(rbm: Rbm, hidden: ArrayLike<number>, out?: Float64Array): Float64Array {
  const result = visibleActivations(rbm, hidden, out);
  if (rbm.visibleUnits === 'bernoulli')
    for (let i = 0; i < result.length; i++) result[i] = sigmoid(result[i]);
  return result;
}

/** Replaces each probability in `values` by a 0/1 sample drawn from `random` (one word each). */
export function sampleBernoulliInPlace(values: Float64Array, random: RandomStream): Float64Array {
  for (let i = 0; i < values.length; i++) values[i] = random.nextUint32() < values[i] * TWO_POW_32 ? 1 : 0;
  return values;
}

/** A sample h ~ p(h | v) for each row of `visible`, as `rows × H` zeros and ones. */
export function sampleHidden(
  rbm: Rbm,
  visible: ArrayLike<number>,
  random: RandomStream,
  out?: Float64Array,
): Float64Array {
  return sampleBernoulliInPlace(hiddenProbabilities(rbm, visible, out), random);
}

/** A sample v ~ p(v | h) for each row of `hidden`, as `rows × V` (0/1, or real for Gaussian units). */
export function sampleVisible(
  rbm: Rbm,
  hidden: ArrayLike<number>,
  random: RandomStream,
  out?: Float64Array,
): Float64Array {
  if (rbm.visibleUnits === 'bernoulli') return sampleBernoulliInPlace(visibleMeans(rbm, hidden, out), random);
  const result = visibleActivations(rbm, hidden, out);
  for (let i = 0; i < result.length; i++) result[i] += random.nextNormal();
  return result;
}

/**
 * The free energy F(v) = −log Σ_h e^−E(v,h) of each row of `visible` (see `rbm.ts`), so that
 * p(v) = e^−F(v)/Z. For Gaussian units F includes ½‖v − b‖² (p(v) is then a density).
 */
export function freeEnergies(rbm: Rbm, visible: ArrayLike<number>, out?: Float64Array): Float64Array {
  const where = 'freeEnergies';
  assertRbm(where, rbm);
  const { visibleCount: V, hiddenCount: H, visibleBias } = rbm;
  const rows = rowCount(where, 'visible', visible, V);
  const result = output(where, out, rows);
  const activations = hiddenActivations(rbm, visible);
  const gaussian = rbm.visibleUnits === 'gaussian';
  for (let r = 0; r < rows; r++) {
    let energy = 0;
    for (let i = 0; i < V; i++) {
      const v = visible[r * V + i];
      energy += gaussian ? 0.5 * (v - visibleBias[i]) * (v - visibleBias[i]) : -visibleBias[i] * v;
    }
    for (let j = 0; j < H; j++) energy -= softplus(activations[r * H + j]);
    result[r] = energy;
  }
  return result;
}

/** The free energy F(v) of one visible vector. */
export function freeEnergy(rbm: Rbm, visible: ArrayLike<number>): number {
  if (visible === null || typeof visible !== 'object' || visible.length !== rbm?.visibleCount) {
    throw new RangeError(`freeEnergy: visible must be an array of ${rbm?.visibleCount} numbers`);
  }
  return freeEnergies(rbm, visible)[0];
}
