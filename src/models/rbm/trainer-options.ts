/**
 * The options, settings checks and checkpoint record of `RbmTrainer` (see `trainer.ts`).
 */
import type { FloatArray } from '../../core/kernels/index.js';
import type { Key, RandomStreamState } from '../../core/random/index.js';
import type { Xoshiro128State } from '../../core/random/xoshiro128.js';
import { assertInteger, assertOneOf, describe, finiteArray } from '../../core/validate.js';
import type { Schedule } from '../../schedules/index.js';
import { type RbmJson, rowCount } from './rbm.js';

/** 'cd': chains restart at the data every update; 'pcd': persistent fantasy particles. */
export type RbmTrainingMethod = 'cd' | 'pcd';

/** Options of {@link RbmTrainer}. */
export interface RbmTrainerOptions {
  /** 'pcd' (default) or 'cd'. */
  method?: RbmTrainingMethod;
  /** k, the block-Gibbs steps per update, an integer in [1, 10⁴] (default 1). */
  gibbsSteps?: number;
  /** η: a number > 0, or a schedule of the update count (default 0.1). */
  learningRate?: number | Schedule;
  /** μ in [0, 1) (default 0: no momentum). */
  momentum?: number;
  /** λ ≥ 0, the L2 penalty on the weights (not the biases); default 0. */
  weightDecay?: number;
  /** Rows per minibatch, an integer ≥ 1 (default 10); the last minibatch of an epoch may be shorter. */
  batchSize?: number;
  /** Persistent chains for 'pcd', an integer ≥ 1 (default batchSize). Ignored by 'cd'. */
  persistentChains?: number;
  /** Visit the rows in a fresh random order every epoch (default false: data order, as scikit-learn). */
  shuffle?: boolean;
  /** Fixes every random choice (Gibbs samples and, with `shuffle`, the orders). */
  key: Key;
}

/** The trainer's state as plain JSON-safe data (a checkpoint). */
export interface RbmTrainingState {
  /** Format version of this record; currently 1. */
  version: 1;
  rbm: RbmJson;
  method: RbmTrainingMethod;
  gibbsSteps: number;
  /** The constant learning rate, or null when a schedule was used (pass it again to `fromState`). */
  learningRate: number | null;
  momentum: number;
  weightDecay: number;
  batchSize: number;
  persistentChains: number;
  shuffle: boolean;
  /** Rows of the training data (checked on resumption). */
  dataRows: number;
  /** Updates done so far (the schedule's step). */
  step: number;
  /** Completed epochs. */
  epoch: number;
  /** Minibatches done in the current epoch. */
  batchInEpoch: number;
  /** Hidden states of the persistent chains (chains × H, zeros and ones). */
  chainHidden: number[];
  /** The chains' last visible samples (chains × V), the fantasy particles. */
  chainVisible: number[];
  /** Momentum velocities (W, then b, then c), or null without momentum. */
  velocity: number[] | null;
  /** The generator of the Bernoulli samples. */
  words: Xoshiro128State;
  /** The stream of the Gaussian visible noise. */
  normals: RandomStreamState;
  /** Key of the epoch orders (with `shuffle`). */
  orderKey: string;
}

/** The checked options (internal). */
export interface Settings {
  method: RbmTrainingMethod;
  gibbsSteps: number;
  learningRate: number | Schedule;
  momentum: number;
  weightDecay: number;
  batchSize: number;
  persistentChains: number;
  shuffle: boolean;
}

/** Checks the options and fills in the defaults, naming any bad option. */
export function checkSettings(where: string, options: Partial<RbmTrainerOptions>): Settings {
  const method = options.method ?? 'pcd';
  assertOneOf(where, 'method', method, ['cd', 'pcd']);
  const gibbsSteps = options.gibbsSteps ?? 1;
  assertInteger(where, 'gibbsSteps', gibbsSteps, 1, 10_000);
  const learningRate = options.learningRate ?? 0.1;
  if (
    typeof learningRate !== 'function' &&
    !(typeof learningRate === 'number' && learningRate > 0 && Number.isFinite(learningRate))
  ) {
    throw new RangeError(
      `${where}: learningRate must be a finite number > 0 or a schedule, got ${describe(learningRate)}`,
    );
  }
  const momentum = options.momentum ?? 0;
  if (!(typeof momentum === 'number' && momentum >= 0 && momentum < 1)) {
    throw new RangeError(`${where}: momentum must be a number in [0, 1), got ${describe(momentum)}`);
  }
  const weightDecay = options.weightDecay ?? 0;
  if (!(typeof weightDecay === 'number' && weightDecay >= 0 && Number.isFinite(weightDecay))) {
    throw new RangeError(`${where}: weightDecay must be a finite number ≥ 0, got ${describe(weightDecay)}`);
  }
  const batchSize = options.batchSize ?? 10;
  assertInteger(where, 'batchSize', batchSize, 1, 1 << 20);
  const persistentChains = options.persistentChains ?? batchSize;
  assertInteger(where, 'persistentChains', persistentChains, 1, 1 << 20);
  const shuffle = options.shuffle ?? false;
  if (typeof shuffle !== 'boolean')
    throw new TypeError(`${where}: shuffle must be a boolean, got ${describe(shuffle)}`);
  return { method, gibbsSteps, learningRate, momentum, weightDecay, batchSize, persistentChains, shuffle };
}

/** `data` as a float array of whole rows, every value finite (a copy only for plain arrays). */
export function checkedData(where: string, data: ArrayLike<number>, visibleCount: number): FloatArray {
  const rows = rowCount(where, 'data', data, visibleCount);
  if (rows < 1) throw new RangeError(`${where}: data must hold at least one row of ${visibleCount} values`);
  if (data instanceof Float64Array || data instanceof Float32Array) {
    for (let n = 0; n < data.length; n++) {
      if (!Number.isFinite(data[n]))
        throw new RangeError(`${where}: data[${n}] must be a finite number, got ${describe(data[n])}`);
    }
    return data;
  }
  return finiteArray(where, 'data', data);
}
