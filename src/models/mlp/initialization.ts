/**
 * Random initialisation of MLP weights. All schemes draw Gaussian weights (and biases) from a
 * key; they differ in the variance:
 *
 * - `xavier` (Glorot & Bengio 2010, normal form): Var W = 2/(fanIn + fanOut), biases 0. Keeps
 *   forward and backward signal variances balanced for tanh-like activations near 0.
 * - `he` (He et al. 2015, normal form): Var W = 2/fanIn, biases 0. Keeps the forward variance
 *   of a relu network constant with depth (relu halves the second moment).
 * - `{ weightStd, biasStd }`: the mean-field parameterisation of signal-propagation studies
 *   (Poole et al. 2016): Var W = weightStd²/fanIn, Var b = biasStd². `weightStd` is σ_w, so
 *   the edge of chaos is a statement about σ_w and σ_b, independent of the width.
 */
import { type Key, normal, split } from '../../core/random/index.js';

/** How an MLP's parameters are drawn; see the file comment for the variances. */
export type MlpInitialization = 'xavier' | 'he' | { weightStd: number; biasStd: number };

/** The standard deviations of one layer's weight and bias entries. */
export interface LayerStandardDeviations {
  weight: number;
  bias: number;
}

/** Throws unless `init` is a valid {@link MlpInitialization}. */
export function assertInitialization(init: unknown): asserts init is MlpInitialization {
  if (init === 'xavier' || init === 'he') return;
  if (init !== null && typeof init === 'object') {
    const { weightStd, biasStd } = init as { weightStd?: unknown; biasStd?: unknown };
    for (const [name, value] of [
      ['weightStd', weightStd],
      ['biasStd', biasStd],
    ] as const) {
      if (typeof value !== 'number' || !(value >= 0) || !Number.isFinite(value)) {
        throw new Error(`init.${name} must be a finite number ≥ 0, got ${String(value)}`);
      }
    }
    return;
  }
  throw new Error(`init must be 'xavier', 'he' or { weightStd, biasStd }, got ${String(init)}`);
}

/** The standard deviations of a layer with `fanIn` inputs and `fanOut` outputs under `init`. */
export function layerStandardDeviations(
  init: MlpInitialization,
  fanIn: number,
  fanOut: number,
): LayerStandardDeviations {
  if (init === 'xavier') return { weight: Math.sqrt(2 / (fanIn + fanOut)), bias: 0 };
  if (init === 'he') return { weight: Math.sqrt(2 / fanIn), bias: 0 };
  return { weight: init.weightStd / Math.sqrt(fanIn), bias: init.biasStd };
}

/** The shape of one dense layer inside the flat parameter vector. */
export interface LayerLayout {
  inputSize: number;
  outputSize: number;
  /** Offset of the row-major [inputSize, outputSize] weight matrix. */
  weightOffset: number;
  /** Offset of the [outputSize] bias vector (right after the weights). */
  biasOffset: number;
}

/**
 * A fresh parameter vector for `layers` under `init`: layer l draws its weights from
 * `split(key, 2·L)[2l]` and its biases from `[2l + 1]`, so a layer's values do not depend on
 * the widths of the other layers.
 */
export function initializeParameters(
  layers: readonly LayerLayout[],
  init: MlpInitialization,
  key: Key,
): Float64Array {
  assertInitialization(init);
  const last = layers[layers.length - 1];
  const parameters = new Float64Array(last.biasOffset + last.outputSize);
  const keys = split(key, 2 * layers.length);
  layers.forEach((layer, l) => {
    const std = layerStandardDeviations(init, layer.inputSize, layer.outputSize);
    const weightCount = layer.inputSize * layer.outputSize;
    if (std.weight > 0) {
      parameters.set(normal(keys[2 * l], weightCount, { std: std.weight }), layer.weightOffset);
    }
    if (std.bias > 0) {
      parameters.set(normal(keys[2 * l + 1], layer.outputSize, { std: std.bias }), layer.biasOffset);
    }
  });
  return parameters;
}
