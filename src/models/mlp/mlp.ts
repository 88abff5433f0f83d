/**
 * The multilayer perceptron: `x ↦ σ_out(W_L ·… σ(W_1 x + b_1) … + b_L)`, with all parameters
 * in ONE flat `Float64Array` so that optimizers, samplers and checkpoints see a single vector.
 *
 * Layout: layer l stores its weight matrix W_l as a row-major [inputSize, outputSize] block
 * (entry (i, j) connects input i to output j, so a batch is mapped by `x·W`), followed by its
 * bias b_l; layers follow each other in order. `views` exposes these blocks as subarrays.
 *
 * `apply` is written with differentiable tensor ops only, so derivatives of any order with
 * respect to the inputs (PINN residuals, forces −∇E, Laplacians) and gradients with respect to
 * the parameters (pass the parameters as a tensor being differentiated) come from `grad`,
 * `jvp` and `hessian`. For the first and second input derivatives that PDE residuals need, the
 * Taylor-mode propagation of `mlpInputDerivatives` is cheaper than nested reverse mode.
 */
import type { Key } from '../../core/random/index.js';
import * as T from '../../core/tensor/index.js';
import { type ActivationName, activate, assertActivation } from './activation.js';
import { initializeParameters, type LayerLayout, type MlpInitialization } from './initialization.js';

/** The architecture of an MLP (no parameters). */
export interface MlpArchitectureOptions {
  /** Layer widths [inputSize, hidden…, outputSize]: at least two positive integers. */
  sizes: readonly number[];
  /** Activation of the hidden layers (default 'tanh'). */
  activation?: ActivationName;
  /** Activation of the output layer (default 'identity'). */
  outputActivation?: ActivationName;
  /** Precision of the tensors `apply` computes with (default 'float64'); parameters stay float64. */
  dtype?: T.DType;
}

/** Options of {@link mlp}: the architecture, an initialisation and a key. */
export interface MlpOptions extends MlpArchitectureOptions {
  /** Initialisation scheme (default 'xavier'); see `initialization.ts`. */
  init?: MlpInitialization;
  /** The key the initial parameters are drawn from. */
  key: Key;
}

/** One layer's blocks of a parameter vector, as subarrays sharing its storage. */
export interface LayerViews {
  inputSize: number;
  outputSize: number;
  /** Row-major [inputSize, outputSize]. */
  weight: Float64Array;
  bias: Float64Array;
}

/** Parameters as `apply` accepts them: a plain vector, or a tensor of shape [parameterCount]. */
export type MlpParameters = Float64Array | T.Tensor;

/** An MLP architecture: a pure function of (parameters, inputs). */
export interface MlpArchitecture {
  readonly sizes: readonly number[];
  readonly activation: ActivationName;
  readonly outputActivation: ActivationName;
  readonly dtype: T.DType;
  /** Length of the flat parameter vector. */
  readonly parameterCount: number;
  readonly layers: readonly LayerLayout[];
  /**
   * The network on a batch `x` of shape [batch, inputSize] (→ [batch, outputSize]) or on one
   * point of shape [inputSize] (→ [outputSize]).
   */
  apply(parameters: MlpParameters, x: T.Tensor): T.Tensor;
  /** Layer `index`'s weight [inputSize, outputSize] and bias [outputSize] as tensors. */
  layerTensors(parameters: MlpParameters, index: number): { weight: T.Tensor; bias: T.Tensor };
  /** The blocks of `parameters` layer by layer (views, not copies). */
  views(parameters: Float64Array): LayerViews[];
  /** A fresh parameter vector drawn from `key`. */
  initialize(init: MlpInitialization, key: Key): Float64Array;
}

/** An MLP with its initial parameters. */
export interface Mlp extends MlpArchitecture {
  readonly parameters: Float64Array;
}

/** The largest parameter vector accepted (2^27 entries, 1 GiB of float64). */
const maxParameterCount = 2 ** 27;

function validateSizes(sizes: unknown): number[] {
  if (!Array.isArray(sizes) || sizes.length < 2) {
    throw new Error(
      `sizes must be an array of at least two layer widths [input, …, output], got ${String(sizes)}`,
    );
  }
  for (const [i, size] of sizes.entries()) {
    if (!Number.isInteger(size) || size < 1 || size > 1_000_000) {
      throw new Error(`sizes[${i}] must be an integer in [1, 1000000], got ${String(size)}`);
    }
  }
  return [...sizes];
}

function buildLayout(sizes: readonly number[]): LayerLayout[] {
  const layers: LayerLayout[] = [];
  let offset = 0;
  for (let l = 0; l + 1 < sizes.length; l++) {
    const inputSize = sizes[l];
    const outputSize = sizes[l + 1];
    layers.push({ inputSize, outputSize, weightOffset: offset, biasOffset: offset + inputSize * outputSize });
    offset += inputSize * outputSize + outputSize;
    if (offset > maxParameterCount) {
      throw new Error(`sizes give more than ${maxParameterCount} parameters; use narrower layers`);
    }
  }
  return layers;
}

function asDtype(data: Float64Array, dtype: T.DType): T.FloatArray {
  return dtype === 'float32' ? Float32Array.from(data) : data;
}

/** An MLP architecture without parameters (e.g. to load a checkpoint into). */
export function mlpArchitecture(options: MlpArchitectureOptions): MlpArchitecture {
  if (options === null || typeof options !== 'object') throw new Error('mlp options must be an object');
  const sizes = validateSizes(options.sizes);
  const activation = options.activation ?? 'tanh';
  const outputActivation = options.outputActivation ?? 'identity';
  assertActivation(activation, 'activation');
  assertActivation(outputActivation, 'outputActivation');
  const dtype = options.dtype ?? 'float64';
  if (dtype !== 'float64' && dtype !== 'float32') {
    throw new Error(`dtype must be 'float64' or 'float32', got ${String(dtype)}`);
  }
  const layers = buildLayout(sizes);
  const last = layers[layers.length - 1];
  const parameterCount = last.biasOffset + last.outputSize;

  const checkParameters = (parameters: MlpParameters): void => {
    const length = parameters instanceof T.Tensor ? parameters.size : parameters?.length;
    const rankOk = !(parameters instanceof T.Tensor) || parameters.rank === 1;
    if (!(parameters instanceof Float64Array || parameters instanceof T.Tensor) || !rankOk) {
      throw new Error(`parameters must be a Float64Array or a rank-1 tensor of length ${parameterCount}`);
    }
    if (length !== parameterCount) {
      throw new Error(`parameters must have length parameterCount = ${parameterCount}, got ${length}`);
    }
  };

  const layerTensors = (parameters: MlpParameters, index: number) => {
    const layer = layers[index];
    if (layer === undefined)
      throw new Error(`layer index must be in [0, ${layers.length - 1}], got ${index}`);
    const { inputSize, outputSize, weightOffset, biasOffset } = layer;
    if (parameters instanceof T.Tensor) {
      const typed = T.cast(parameters, dtype);
      return {
        weight: T.reshape(T.slice(typed, [weightOffset], [biasOffset]), [inputSize, outputSize]),
        bias: T.slice(typed, [biasOffset], [biasOffset + outputSize]),
      };
    }
    return {
      weight: T.fromData(asDtype(parameters.subarray(weightOffset, biasOffset), dtype), [
        inputSize,
        outputSize,
      ]),
      bias: T.fromData(asDtype(parameters.subarray(biasOffset, biasOffset + outputSize), dtype), [
        outputSize,
      ]),
    };
  };

  const apply = (parameters: MlpParameters, x: T.Tensor): T.Tensor => {
    checkParameters(parameters);
    if (!(x instanceof T.Tensor) || (x.rank !== 1 && x.rank !== 2) || x.shape[x.rank - 1] !== sizes[0]) {
      const shape = x instanceof T.Tensor ? T.formatShape(x.shape) : String(x);
      throw new Error(`x must be a tensor of shape [batch, ${sizes[0]}] or [${sizes[0]}], got ${shape}`);
    }
    let h = T.cast(x, dtype);
    for (let l = 0; l < layers.length; l++) {
      const { weight, bias } = layerTensors(parameters, l);
      h = T.add(T.matmul(h, weight), bias);
      h = activate(l + 1 < layers.length ? activation : outputActivation, h);
    }
    return h;
  };

  return {
    sizes: Object.freeze(sizes),
    activation,
    outputActivation,
    dtype,
    parameterCount,
    layers: Object.freeze(layers.map((layer) => Object.freeze(layer))),
    apply,
    layerTensors: (parameters, index) => {
      checkParameters(parameters);
      return layerTensors(parameters, index);
    },
    views(parameters) {
      checkParameters(parameters);
      return layers.map(({ inputSize, outputSize, weightOffset, biasOffset }) => ({
        inputSize,
        outputSize,
        weight: parameters.subarray(weightOffset, biasOffset),
        bias: parameters.subarray(biasOffset, biasOffset + outputSize),
      }));
    },
    initialize: (init, key) => initializeParameters(layers, init, key),
  };
}

/**
 * An MLP with freshly initialised parameters:
 *
 * ```ts
 * const net = mlp({ sizes: [2, 64, 64, 1], activation: 'swish', init: 'he', key });
 * const y = net.apply(net.parameters, x);            // x: [batch, 2] → y: [batch, 1]
 * const g = grad((p) => T.mean(net.apply(p, x)))(T.tensor(net.parameters));
 * ```
 */
export function mlp(options: MlpOptions): Mlp {
  const architecture = mlpArchitecture(options);
  const parameters = architecture.initialize(options.init ?? 'xavier', options.key);
  return { ...architecture, parameters };
}
