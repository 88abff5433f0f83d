/**
 * Training a vector-field model (HNN or baseline) by regression on time derivatives:
 *
 *   L(θ) = mean over pairs and coordinates of (f_θ(x) − ẋ)²,
 *
 * the loss of Greydanus et al. (2019), minimised with an Optax-style transformation (Adam by
 * default, their choice at learning rate 1e-3), full-batch or on minibatches drawn with
 * replacement from a key. For an HNN, f_θ is itself a gradient, so ∇_θ L is a gradient of a
 * gradient; it comes from the same `valueAndGrad` call.
 */
import { valueAndGrad } from '../../core/autodiff/index.js';
import { fold, type Key, randint } from '../../core/random/index.js';
import * as T from '../../core/tensor/index.js';
import { adam, applyUpdates, type GradientTransformation } from '../../optim/index.js';
import type { MlpParameters } from '../mlp/index.js';
import type { VectorFieldModel } from './hamiltonian-network.js';

/** (state, time derivative) pairs: both [count, 2d], row-major. */
export interface VectorFieldData {
  readonly count: number;
  readonly states: Float64Array;
  readonly derivatives: Float64Array;
}

/** Options of {@link trainVectorFieldModel}. */
export interface VectorFieldTrainingOptions {
  /** Initial parameters (not modified). */
  parameters: Float64Array;
  /** Number of optimizer steps, an integer ≥ 0. */
  numSteps: number;
  /** The optimizer (default `adam({ learningRate: 1e-3 })`). */
  optimizer?: GradientTransformation;
  /** Pairs per step (default: all of them, full batch). */
  batchSize?: number;
  /** Key of the minibatch draws (required when batchSize < count). */
  key?: Key;
  /** Called after every step with its index and the loss before the update. */
  onStep?: (step: number, loss: number) => void;
}

/** What {@link trainVectorFieldModel} returns. */
export interface VectorFieldTrainingResult {
  /** The trained parameters. */
  parameters: Float64Array;
  /** The (minibatch) loss at every step, before its update. */
  losses: Float64Array;
}

/** The mean squared error between f_θ(states) and `derivatives`, both tensors [B, 2d]. */
export function vectorFieldLoss(
  model: VectorFieldModel,
  parameters: MlpParameters,
  states: T.Tensor,
  derivatives: T.Tensor,
): T.Tensor {
  const error = T.sub(model.timeDerivative(parameters, states), derivatives);
  return T.mean(T.mul(error, error));
}

/** Throws unless `data` holds `count` pairs of states of `stateLength` entries. */
export function checkVectorFieldData(data: VectorFieldData, stateLength: number): void {
  const ok =
    data !== null &&
    typeof data === 'object' &&
    Number.isInteger(data.count) &&
    data.count >= 1 &&
    data.states instanceof Float64Array &&
    data.derivatives instanceof Float64Array &&
    data.states.length === data.count * stateLength &&
    data.derivatives.length === data.count * stateLength;
  if (!ok) {
    throw new Error(
      `data must hold count ≥ 1 pairs: states and derivatives as Float64Arrays of count × ${stateLength} entries`,
    );
  }
}

function rowsOf(source: Float64Array, rows: Int32Array, width: number): Float64Array {
  const out = new Float64Array(rows.length * width);
  for (let r = 0; r < rows.length; r++)
    out.set(source.subarray(rows[r] * width, (rows[r] + 1) * width), r * width);
  return out;
}

/**
 * Fits `model` to `data` by minimising {@link vectorFieldLoss}:
 *
 * ```ts
 * const { parameters, losses } = trainVectorFieldModel(model, dataset, {
 *   parameters: model.initialize(key), numSteps: 2000, optimizer: adam({ learningRate: 1e-3 }),
 * });
 * ```
 */
export function trainVectorFieldModel(
  model: VectorFieldModel,
  data: VectorFieldData,
  options: VectorFieldTrainingOptions,
): VectorFieldTrainingResult {
  const width = 2 * model.degreesOfFreedom;
  checkVectorFieldData(data, width);
  const { numSteps } = options;
  if (!Number.isInteger(numSteps) || numSteps < 0 || numSteps > 100_000_000) {
    throw new Error(`numSteps must be an integer in [0, 1e8], got ${String(numSteps)}`);
  }
  if (!(options.parameters instanceof Float64Array) || options.parameters.length !== model.parameterCount) {
    throw new Error(
      `parameters must be a Float64Array of model.parameterCount = ${model.parameterCount} entries`,
    );
  }
  const batchSize = options.batchSize ?? data.count;
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > data.count) {
    throw new Error(`batchSize must be an integer in [1, ${data.count}], got ${String(batchSize)}`);
  }
  const fullBatch = batchSize === data.count;
  if (!fullBatch && options.key === undefined) throw new Error('key is required when batchSize < data.count');
  const optimizer = options.optimizer ?? adam({ learningRate: 1e-3 });
  const allStates = T.fromData(data.states, [data.count, width]);
  const allDerivatives = T.fromData(data.derivatives, [data.count, width]);
  let parameters: Float64Array = Float64Array.from(options.parameters);
  let state = optimizer.init(parameters);
  const losses = new Float64Array(numSteps);
  for (let step = 0; step < numSteps; step++) {
    let states = allStates;
    let derivatives = allDerivatives;
    if (!fullBatch) {
      const rows = randint(fold(options.key as Key, step), batchSize, 0, data.count);
      states = T.fromData(rowsOf(data.states, rows, width), [batchSize, width]);
      derivatives = T.fromData(rowsOf(data.derivatives, rows, width), [batchSize, width]);
    }
    const [loss, gradient] = valueAndGrad((theta: T.Tensor) =>
      vectorFieldLoss(model, theta, states, derivatives),
    )(T.fromData(parameters, [parameters.length]));
    const value = loss.data[0];
    if (!Number.isFinite(value)) {
      throw new Error(`training diverged at step ${step}: the loss is ${value}; lower the learning rate`);
    }
    losses[step] = value;
    const [update, next] = optimizer.update(
      Float64Array.from((gradient as T.Tensor).data),
      state,
      parameters,
    );
    parameters = applyUpdates(parameters, update);
    state = next;
    options.onStep?.(step, value);
  }
  return { parameters, losses };
}
