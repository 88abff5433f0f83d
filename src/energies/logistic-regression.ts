/**
 * The Bayesian logistic-regression posterior: the standard real-world-shaped target of MCMC
 * benchmarks (and, with a minibatch gradient, of SGLD and SGHMC). With data (x_i, y_i ∈ {0, 1}),
 * logits z_i = x_iᵀw and a N(0, σ²I) prior,
 *
 *   U(w) = Σ_i [ softplus(z_i) − y_i z_i ] + |w|² / (2σ²),   ∇U = Xᵀ(sigmoid(z) − y) + w/σ².
 *
 * softplus is evaluated as max(z, 0) + log1p(e^{−|z|}), exact for any |z| (no overflow at
 * z = ±1000). One gradient is one pass over the data (2·N·d flops) and allocates nothing.
 */
import type { Matrix } from '../core/linalg/index.js';
import { type Key, normal, split, uniform } from '../core/random/index.js';
import { assertInteger, assertPositive, describe, finiteArray } from '../core/validate.js';
import type { Energy } from './energy.js';
import { assertLength } from './validate.js';

/** A labelled data set for binary classification. */
export interface LogisticDataSet {
  /** N×d design matrix, row-major (one sample per row). */
  features: Matrix;
  /** N labels in {0, 1}. */
  labels: Float64Array;
  /** The weights the labels were drawn from (synthetic data only). */
  trueWeights?: Float64Array;
}

/** Options of {@link logisticRegressionPosterior}. */
export interface LogisticRegressionOptions {
  /** N×d design matrix: a linalg `Matrix` or an array of N rows of d numbers. */
  features: Matrix | readonly (readonly number[])[];
  /** N labels, each 0 or 1. */
  labels: ArrayLike<number>;
  /** σ² > 0 of the N(0, σ²I) prior on the weights; 1 by default. */
  priorVariance?: number;
}

/** The posterior energy over the d weights, with a minibatch gradient for stochastic dynamics. */
export interface LogisticRegressionPosterior extends Energy {
  readonly features: Matrix;
  readonly labels: Float64Array;
  readonly priorVariance: number;
  /** N, the number of samples. */
  readonly dataSize: number;
  /**
   * The unbiased minibatch estimates of U and ∇U: the data terms over `batchIndices` scaled
   * by N/|batch|, plus the full prior terms. Writes the gradient into `gradient`, returns Û.
   * Indices may repeat (sampling with replacement); allocates nothing.
   */
  stochasticGradient(x: Float64Array, batchIndices: ArrayLike<number>, gradient: Float64Array): number;
  /** Adds ∇ℓ_i(x) of data point `index` to `gradient` (accumulates) and returns ℓ_i(x). */
  exampleGradient(x: Float64Array, index: number, gradient: Float64Array): number;
  /** Writes the prior gradient x/σ² into `gradient` (overwrites) and returns |x|²/(2σ²). */
  priorGradient(x: Float64Array, gradient: Float64Array): number;
  hessianVector(x: Float64Array, v: Float64Array, out: Float64Array): void;
  hessian(x: Float64Array): Float64Array;
}

/** log(1 + e^z), stable for every z. */
function softplus(z: number): number {
  return Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
}

/** 1/(1 + e^{−z}), stable for every z. */
function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

function toDesignMatrix(where: string, value: unknown): Matrix {
  const m = value as Matrix;
  if (m !== null && typeof m === 'object' && m.data instanceof Float64Array && typeof m.rows === 'number') {
    return { rows: m.rows, cols: m.cols, data: finiteArray(where, 'features', m.data, m.rows * m.cols) };
  }
  if (!Array.isArray(value) || value.length === 0) {
    throw new TypeError(
      `${where}: features must be a Matrix or a non-empty array of rows, got ${describe(value)}`,
    );
  }
  const cols = (value[0] as ArrayLike<number>).length;
  const data = new Float64Array(value.length * cols);
  for (let i = 0; i < value.length; i++)
    data.set(finiteArray(where, `features[${i}]`, value[i], cols), i * cols);
  return { rows: value.length, cols, data };
}

/** The posterior over logistic-regression weights given `features` and `labels`. */
export function logisticRegressionPosterior(options: LogisticRegressionOptions): LogisticRegressionPosterior {
  const where = 'logisticRegressionPosterior';
  if (options === null || typeof options !== 'object') {
    throw new TypeError(`${where}: options must be an object with features and labels`);
  }
  const features = toDesignMatrix(where, options.features);
  const { rows: samples, cols: d, data: x } = features;
  if (samples < 1 || d < 1)
    throw new RangeError(`${where}: features must be at least 1×1, got ${samples}×${d}`);
  const labels = finiteArray(where, 'labels', options.labels, samples);
  for (let i = 0; i < samples; i++) {
    if (labels[i] !== 0 && labels[i] !== 1) {
      throw new RangeError(`${where}: labels[${i}] must be 0 or 1, got ${labels[i]}`);
    }
  }
  const priorVariance = options.priorVariance ?? 1;
  assertPositive(where, 'priorVariance', priorVariance);
  const priorPrecision = 1 / priorVariance;

  /** Data terms of rows `index(k)`, k < count, times `weight`, accumulated into `gradient`. */
  const accumulate = (
    w: Float64Array,
    gradient: Float64Array,
    count: number,
    index: (k: number) => number,
    weight: number,
  ): number => {
    let u = 0;
    for (let k = 0; k < count; k++) {
      const row = index(k) * d;
      let z = 0;
      for (let j = 0; j < d; j++) z += x[row + j] * w[j];
      const y = labels[index(k)];
      u += softplus(z) - y * z;
      const residual = weight * (sigmoid(z) - y);
      for (let j = 0; j < d; j++) gradient[j] += residual * x[row + j];
    }
    return weight * u;
  };
  const prior = (w: Float64Array, gradient: Float64Array): number => {
    let squared = 0;
    for (let j = 0; j < d; j++) {
      squared += w[j] * w[j];
      gradient[j] = priorPrecision * w[j];
    }
    return 0.5 * priorPrecision * squared;
  };
  const allRows = (k: number) => k;

  return {
    name: 'logistic-regression',
    dimension: d,
    features,
    labels,
    priorVariance,
    dataSize: samples,
    energy(w) {
      assertLength(where, 'x', w, d);
      let u = 0;
      for (let i = 0; i < samples; i++) {
        let z = 0;
        for (let j = 0; j < d; j++) z += x[i * d + j] * w[j];
        u += softplus(z) - labels[i] * z;
      }
      let squared = 0;
      for (let j = 0; j < d; j++) squared += w[j] * w[j];
      return u + 0.5 * priorPrecision * squared;
    },
    energyAndGradient(w, gradient) {
      assertLength(where, 'x', w, d);
      assertLength(where, 'gradient', gradient, d);
      const u = prior(w, gradient);
      return u + accumulate(w, gradient, samples, allRows, 1);
    },
    stochasticGradient(w, batchIndices, gradient) {
      const batch = batchIndices.length;
      assertLength(`${where}.stochasticGradient`, 'x', w, d);
      assertLength(`${where}.stochasticGradient`, 'gradient', gradient, d);
      if (batch < 1) throw new RangeError(`${where}.stochasticGradient: batchIndices must not be empty`);
      for (let k = 0; k < batch; k++) {
        const i = batchIndices[k];
        if (!(Number.isInteger(i) && i >= 0 && i < samples)) {
          throw new RangeError(
            `${where}.stochasticGradient: batchIndices[${k}] must be an integer in [0, ${samples - 1}], got ${i}`,
          );
        }
      }
      const u = prior(w, gradient);
      return u + accumulate(w, gradient, batch, (k) => batchIndices[k], samples / batch);
    },
    exampleGradient(w, index, gradient) {
      if (!(Number.isInteger(index) && index >= 0 && index < samples)) {
        throw new RangeError(
          `${where}.exampleGradient: index must be an integer in [0, ${samples - 1}], got ${index}`,
        );
      }
      return accumulate(w, gradient, 1, () => index, 1);
    },
    priorGradient: (w, gradient) => prior(w, gradient),
    hessianVector(w, v, out) {
      assertLength(where, 'x', w, d);
      assertLength(where, 'v', v, d);
      for (let j = 0; j < d; j++) out[j] = priorPrecision * v[j];
      for (let i = 0; i < samples; i++) {
        const row = i * d;
        let z = 0;
        let t = 0;
        for (let j = 0; j < d; j++) {
          z += x[row + j] * w[j];
          t += x[row + j] * v[j];
        }
        const p = sigmoid(z);
        const c = p * (1 - p) * t;
        for (let j = 0; j < d; j++) out[j] += c * x[row + j];
      }
    },
    hessian(w) {
      assertLength(where, 'x', w, d);
      const h = new Float64Array(d * d);
      for (let j = 0; j < d; j++) h[j * d + j] = priorPrecision;
      for (let i = 0; i < samples; i++) {
        const row = i * d;
        let z = 0;
        for (let j = 0; j < d; j++) z += x[row + j] * w[j];
        const p = sigmoid(z);
        const c = p * (1 - p);
        for (let j = 0; j < d; j++) {
          const cj = c * x[row + j];
          for (let k = 0; k < d; k++) h[j * d + k] += cj * x[row + k];
        }
      }
      return h;
    },
  };
}

/** Options of {@link syntheticLogisticData}. */
export interface SyntheticLogisticOptions {
  /** N ≥ 1 samples. */
  samples: number;
  /** d ≥ 1 features per sample. */
  features: number;
  /** Seed: the same key gives the same data set, bit for bit. */
  key: Key;
  /** Standard deviation of the true logits x_iᵀw* (> 0); 2 by default. */
  logitScale?: number;
}

/**
 * A synthetic, well-specified data set: features x_ij ~ N(0, 1), true weights
 * w*_j ~ N(0, logitScale²/d) (so the logits have standard deviation ≈ logitScale at any d),
 * labels y_i ~ Bernoulli(sigmoid(x_iᵀw*)). Deterministic in `key`.
 */
export function syntheticLogisticData(options: SyntheticLogisticOptions): LogisticDataSet {
  const where = 'syntheticLogisticData';
  if (options === null || typeof options !== 'object') {
    throw new TypeError(`${where}: options must be an object with samples, features and key`);
  }
  const { samples, features: d, key, logitScale = 2 } = options;
  assertInteger(where, 'samples', samples, 1);
  assertInteger(where, 'features', d, 1);
  assertPositive(where, 'logitScale', logitScale);
  const [featureKey, weightKey, labelKey] = split(key, 3);
  const x = normal(featureKey, samples * d);
  const trueWeights = normal(weightKey, d, { std: logitScale / Math.sqrt(d) });
  const u = uniform(labelKey, samples);
  const labels = new Float64Array(samples);
  for (let i = 0; i < samples; i++) {
    let z = 0;
    for (let j = 0; j < d; j++) z += x[i * d + j] * trueWeights[j];
    labels[i] = u[i] < sigmoid(z) ? 1 : 0;
  }
  return { features: { rows: samples, cols: d, data: x }, labels, trueWeights };
}
