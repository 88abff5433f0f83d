/**
 * Fitting an interaction network to observed forces: minimise the mean squared force error
 *
 *   L(θ) = mean over configurations, particles and components of (F_θ(x) − F(x))²
 *
 * with an Optax-style optimizer (Adam by default), full-batch or on minibatches of
 * configurations drawn with replacement from a key. The antisymmetry of the pair forces holds
 * for every θ, so training cannot break momentum conservation; it only shapes φ_θ.
 */
import { noGrad, valueAndGrad } from '../../core/autodiff/index.js';
import { fold, type Key, randint } from '../../core/random/index.js';
import * as T from '../../core/tensor/index.js';
import { adam, applyUpdates, type GradientTransformation } from '../../optim/index.js';
import type { MlpParameters } from '../mlp/index.js';

/** A model of particle forces on a batch of configurations [B, N, D] → [B, N, D]. */
export interface ForceModel {
  readonly particleCount: number;
  readonly spatialDimension: number;
  readonly parameterCount: number;
  forces(parameters: MlpParameters, positions: T.Tensor): T.Tensor;
}

/** Configurations and their forces, both [count, N·D] (particle-major). */
export interface ForceData {
  readonly count: number;
  readonly positions: Float64Array;
  readonly forces: Float64Array;
}

/** Options of {@link trainForceModel}. */
export interface ForceTrainingOptions {
  /** Initial parameters (not modified). */
  parameters: Float64Array;
  /** Number of optimizer steps, an integer ≥ 0. */
  numSteps: number;
  /** Default `adam({ learningRate: 1e-3 })`. */
  optimizer?: GradientTransformation;
  /** Configurations per step (default: all). */
  batchSize?: number;
  /** Key of the minibatch draws (required when batchSize < count). */
  key?: Key;
}

/** What {@link trainForceModel} returns. */
export interface ForceTrainingResult {
  parameters: Float64Array;
  /** The loss at every step, before its update. */
  losses: Float64Array;
}

function checkData(model: ForceModel, data: ForceData): number {
  const width = model.particleCount * model.spatialDimension;
  const ok =
    data !== null &&
    typeof data === 'object' &&
    Number.isInteger(data.count) &&
    data.count >= 1 &&
    data.positions instanceof Float64Array &&
    data.forces instanceof Float64Array &&
    data.positions.length === data.count * width &&
    data.forces.length === data.count * width;
  if (!ok) {
    throw new Error(
      `data must hold count ≥ 1 configurations: positions and forces of count × ${width} entries`,
    );
  }
  return width;
}

/** Mean squared error between the model's forces and `forces` on the configurations of `data`. */
export function forceMse(model: ForceModel, parameters: Float64Array, data: ForceData): number {
  const width = checkData(model, data);
  const shape = [data.count, model.particleCount, model.spatialDimension];
  const predicted = noGrad(() => model.forces(parameters, T.fromData(data.positions, shape)).data);
  let total = 0;
  for (let i = 0; i < predicted.length; i++) total += (predicted[i] - data.forces[i]) ** 2;
  return total / (data.count * width);
}

function rowsOf(source: Float64Array, rows: Int32Array, width: number): Float64Array {
  const out = new Float64Array(rows.length * width);
  for (let r = 0; r < rows.length; r++)
    out.set(source.subarray(rows[r] * width, (rows[r] + 1) * width), r * width);
  return out;
}

/** Fits `model` to the forces of `data` (see the module comment). */
export function trainForceModel(
  model: ForceModel,
  data: ForceData,
  options: ForceTrainingOptions,
): ForceTrainingResult {
  const width = checkData(model, data);
  const { numSteps } = options;
  if (!Number.isInteger(numSteps) || numSteps < 0 || numSteps > 1e8) {
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
  if (batchSize < data.count && options.key === undefined)
    throw new Error('key is required when batchSize < data.count');
  const optimizer = options.optimizer ?? adam({ learningRate: 1e-3 });
  const shape = (rows: number) => [rows, model.particleCount, model.spatialDimension];
  let parameters: Float64Array = Float64Array.from(options.parameters);
  let state = optimizer.init(parameters);
  const losses = new Float64Array(numSteps);
  for (let step = 0; step < numSteps; step++) {
    let positions = data.positions;
    let forces = data.forces;
    if (batchSize < data.count) {
      const rows = randint(fold(options.key as Key, step), batchSize, 0, data.count);
      positions = rowsOf(data.positions, rows, width);
      forces = rowsOf(data.forces, rows, width);
    }
    const x = T.fromData(positions, shape(batchSize));
    const target = T.fromData(forces, shape(batchSize));
    const [loss, gradient] = valueAndGrad((theta: T.Tensor) => {
      const error = T.sub(model.forces(theta, x), target);
      return T.mean(T.mul(error, error));
    })(T.fromData(parameters, [parameters.length]));
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
  }
  return { parameters, losses };
}
