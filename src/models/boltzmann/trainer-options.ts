/**
 * The options, settings checks and checkpoint record of `BoltzmannTrainer` (see `trainer.ts`).
 */
import type { Key } from '../../core/random/index.js';
import type { Xoshiro128State } from '../../core/random/xoshiro128.js';
import { assertInteger, assertOneOf, describe } from '../../core/validate.js';
import type { Schedule } from '../../schedules/index.js';
import type { BoltzmannMachineJson } from './boltzmann-machine.js';

/** Options of {@link BoltzmannTrainer}. */
export interface BoltzmannTrainerOptions {
  /** 'sampled' (default): Gibbs phases; 'exact': enumeration (at most 20 units). */
  gradient?: 'exact' | 'sampled';
  /** η: a number > 0, or a schedule of the update count (default 0.05). */
  learningRate?: number | Schedule;
  /** μ in [0, 1) (default 0). */
  momentum?: number;
  /** λ ≥ 0, L2 penalty on the couplings (default 0). */
  weightDecay?: number;
  /** Rows per update, an integer ≥ 1 (default 10). */
  batchSize?: number;
  /** Fantasy chains of the sampled negative phase, an integer ≥ 1 (default 20). */
  persistentChains?: number;
  /** Hidden sweeps per row per update in the positive phase, an integer ≥ 1 (default 5). */
  positiveSweeps?: number;
  /** Full sweeps of the fantasy chains per update, an integer ≥ 1 (default 1). */
  negativeSweeps?: number;
  /** Fixes every random choice (Gibbs samples, the initial states and the row orders). */
  key: Key;
}

/** The trainer as plain JSON-safe data. */
export interface BoltzmannTrainingState {
  /** Format version; currently 1. */
  version: 1;
  machine: BoltzmannMachineJson;
  gradient: 'exact' | 'sampled';
  /** The constant learning rate, or null for a schedule (pass it again on resumption). */
  learningRate: number | null;
  momentum: number;
  weightDecay: number;
  batchSize: number;
  persistentChains: number;
  positiveSweeps: number;
  negativeSweeps: number;
  dataRows: number;
  step: number;
  epoch: number;
  batchInEpoch: number;
  /** Persistent hidden states of the training rows (rows × H). */
  dataHidden: number[];
  /** Fantasy chains (chains × n). */
  chains: number[];
  velocity: number[] | null;
  words: Xoshiro128State;
  /** Key of the row orders, as `keyToString` writes it. */
  orderKey: string;
}

/** The checked options (internal). */
export type Settings = Required<Omit<BoltzmannTrainerOptions, 'key'>>;

/** Checks the options and fills in the defaults, naming any bad option. */
export function checkSettings(where: string, options: Partial<BoltzmannTrainerOptions>): Settings {
  const gradient = options.gradient ?? 'sampled';
  assertOneOf(where, 'gradient', gradient, ['exact', 'sampled']);
  const learningRate = options.learningRate ?? 0.05;
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
  const persistentChains = options.persistentChains ?? 20;
  assertInteger(where, 'persistentChains', persistentChains, 1, 1 << 20);
  const positiveSweeps = options.positiveSweeps ?? 5;
  assertInteger(where, 'positiveSweeps', positiveSweeps, 1, 1e6);
  const negativeSweeps = options.negativeSweeps ?? 1;
  assertInteger(where, 'negativeSweeps', negativeSweeps, 1, 1e6);
  return {
    gradient,
    learningRate,
    momentum,
    weightDecay,
    batchSize,
    persistentChains,
    positiveSweeps,
    negativeSweeps,
  };
}
