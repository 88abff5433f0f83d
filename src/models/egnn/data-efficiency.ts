/**
 * Data efficiency: held-out force error against the number of training configurations, for
 * several force models trained identically (same optimizer, steps and nested training sets).
 * An equivariant model does not have to learn the symmetries from examples, so it should
 * reach a given error with fewer configurations than a coordinate MLP.
 */
import { fold, type Key, permutation } from '../../core/random/index.js';
import { adam } from '../../optim/index.js';
import { type ForceData, type ForceModel, forceMse, trainForceModel } from '../interaction/index.js';

/** A force model that can draw its own initial parameters. */
export interface TrainableForceModel extends ForceModel {
  initialize(key: Key): Float64Array;
}

/** Options of {@link dataEfficiency}. */
export interface DataEfficiencyOptions {
  /** The models to compare, by name. */
  models: Readonly<Record<string, TrainableForceModel>>;
  /** The pool of training configurations; size n uses the first n of a fixed random order. */
  train: ForceData;
  /** Held-out configurations. */
  test: ForceData;
  /** Training-set sizes, integers in [1, train.count]. */
  trainingSizes: readonly number[];
  /** Adam steps per fit. */
  numSteps: number;
  /** Adam's learning rate (default 1e-2). */
  learningRate?: number;
  /** Key of the order of the pool and of the initial parameters (the same for every size). */
  key: Key;
}

/** Held-out force MSE of every model at every training-set size. */
export interface DataEfficiencyResult {
  trainingSizes: number[];
  /** testMse[name][k]: model `name` trained on trainingSizes[k] configurations. */
  testMse: Record<string, number[]>;
}

function subset(data: ForceData, rows: ArrayLike<number>, width: number): ForceData {
  const positions = new Float64Array(rows.length * width);
  const forces = new Float64Array(rows.length * width);
  for (let r = 0; r < rows.length; r++) {
    positions.set(data.positions.subarray(rows[r] * width, (rows[r] + 1) * width), r * width);
    forces.set(data.forces.subarray(rows[r] * width, (rows[r] + 1) * width), r * width);
  }
  return { count: rows.length, positions, forces };
}

/** Trains every model on nested training sets and measures its held-out force MSE. */
export function dataEfficiency(options: DataEfficiencyOptions): DataEfficiencyResult {
  const names = Object.keys(options.models ?? {});
  if (names.length === 0) throw new Error('models must name at least one force model');
  const { train, test, numSteps, key } = options;
  const sizes = [...(options.trainingSizes ?? [])];
  if (sizes.length === 0 || sizes.some((n) => !Number.isInteger(n) || n < 1 || n > train.count)) {
    throw new Error(
      `trainingSizes must be integers in [1, train.count = ${train.count}], got [${sizes.join(', ')}]`,
    );
  }
  const order = permutation(fold(key, 0), train.count);
  const optimizer = adam({ learningRate: options.learningRate ?? 1e-2 });
  const testMse: Record<string, number[]> = {};
  for (const name of names) {
    const model = options.models[name];
    const width = model.particleCount * model.spatialDimension;
    const initial = model.initialize(fold(key, 1));
    testMse[name] = sizes.map((size) => {
      const { parameters } = trainForceModel(model, subset(train, order.subarray(0, size), width), {
        parameters: initial,
        numSteps,
        optimizer,
      });
      return forceMse(model, parameters, test);
    });
  }
  return { trainingSizes: sizes, testMse };
}
