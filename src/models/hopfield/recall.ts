/**
 * Recall: run a Hopfield network from a probe until it settles, and report the trajectory
 * (energies, flips, overlaps with the stored patterns) and what it settled on.
 *
 * ```ts
 * const patterns = randomPatterns(makeKey(1), 10, 200);
 * const net = storePatterns(patterns);
 * const probe = corruptPattern(makeKey(2), patterns[0], 0.1);
 * const result = recall(net, probe, { mode: 'asynchronous', key: makeKey(3) });
 * result.finalOverlaps[0];          // 1
 * result.energies;                  // non-increasing
 * result.classification.kind;       // 'retrieved'
 * ```
 */
import { type Key, RandomStream } from '../../core/random/index.js';
import {
  assertInteger,
  assertKey,
  assertNonNegative,
  assertOneOf,
  assertOptions,
  describe,
} from '../../core/validate.js';
import { asynchronousSweep, neuronState, neuronStateEnergy } from './asynchronous.js';
import { type ClassifyStateOptions, classifySpins, type StateClassification } from './classify.js';
import type { HopfieldNetwork } from './network.js';
import { spinOverlaps } from './patterns.js';
import { FIELD_UPDATES, type FieldUpdate, runSynchronous } from './synchronous.js';
import { assertSpins } from './validate.js';

/** Asynchronous (one neuron at a time) or synchronous (all at once) updates. */
export type UpdateMode = 'asynchronous' | 'synchronous';

/** The update modes, for validation and option lists. */
export const UPDATE_MODES: readonly UpdateMode[] = ['asynchronous', 'synchronous'];

/** Options of {@link recall} and {@link recallBatch}. */
export interface RecallOptions {
  /** `'asynchronous'` (default) or `'synchronous'`. */
  mode?: UpdateMode;
  /** Most sweeps (asynchronous) or steps (synchronous); an integer in [1, 10^6], default 100. */
  maxSteps?: number;
  /**
   * Randomness: the visiting order of asynchronous sweeps and the noise at T > 0. Required
   * then, unless `order: 'sequential'` at T = 0; synchronous dynamics at T = 0 needs none.
   */
  key?: Key;
  /** Asynchronous visiting order: `'random'` (default; a fresh permutation per sweep) or `'sequential'`. */
  order?: 'random' | 'sequential';
  /** Temperature T ≥ 0 (default 0). T > 0: Glauber / Little dynamics, no convergence test. */
  temperature?: number;
  /** Synchronous mode only: how local fields are updated (default `'auto'`). */
  fieldUpdate?: FieldUpdate;
  /** Record energies, flips and overlaps at every step (default true). */
  recordTrajectory?: boolean;
  /** Options of the final {@link classifyState}. */
  classify?: ClassifyStateOptions;
}

/** The outcome of one recall. */
export interface RecallResult {
  /** The final state. */
  state: Int8Array;
  /** Sweeps or synchronous steps taken, counting the final one that changed nothing. */
  steps: number;
  /** Neuron updates performed: N · steps. */
  updates: number;
  /** True when a fixed point was reached (T = 0 only). */
  converged: boolean;
  /** 1: fixed point; 2: 2-cycle (synchronous only); null: neither within `maxSteps`. */
  cycleLength: 1 | 2 | null;
  /** Energy of the final state. */
  energy: number;
  /** E(s) at steps 0, 1, … (empty without `recordTrajectory`). */
  energies: number[];
  /** Flips at steps 1, 2, … (empty without `recordTrajectory`). */
  flips: number[];
  /** Overlaps with every stored pattern at steps 0, 1, … (empty without patterns or recording). */
  overlaps: Float64Array[];
  /** Overlaps m_μ of the final state with every stored pattern. */
  finalOverlaps: Float64Array;
  /** The final state classified against the stored patterns (null for a network without patterns). */
  classification: StateClassification | null;
}

interface CheckedOptions {
  mode: UpdateMode;
  maxSteps: number;
  stream: RandomStream | null;
  temperature: number;
  fieldUpdate: FieldUpdate;
  recordTrajectory: boolean;
  classify: ClassifyStateOptions;
}

function checkOptions(where: string, options: RecallOptions): CheckedOptions {
  assertOptions(where, options);
  const mode = options.mode ?? 'asynchronous';
  assertOneOf(where, 'mode', mode, UPDATE_MODES);
  const maxSteps = options.maxSteps ?? 100;
  assertInteger(where, 'maxSteps', maxSteps, 1, 1_000_000);
  const temperature = options.temperature ?? 0;
  assertNonNegative(where, 'temperature', temperature);
  const order = options.order ?? 'random';
  assertOneOf(where, 'order', order, ['random', 'sequential'] as const);
  const fieldUpdate = options.fieldUpdate ?? 'auto';
  assertOneOf(where, 'fieldUpdate', fieldUpdate, FIELD_UPDATES);
  const needsKey = temperature > 0 || (mode === 'asynchronous' && order === 'random');
  if (options.key !== undefined) assertKey(where, options.key);
  if (needsKey && options.key === undefined) {
    throw new Error(
      `${where}: key is required for ${temperature > 0 ? 'temperature > 0' : "asynchronous updates in random order (or set order: 'sequential')"}`,
    );
  }
  const useStream = temperature > 0 || (mode === 'asynchronous' && order === 'random');
  return {
    mode,
    maxSteps,
    stream: useStream ? new RandomStream(options.key as Key) : null,
    temperature,
    fieldUpdate,
    recordTrajectory: options.recordTrajectory ?? true,
    classify: options.classify ?? {},
  };
}

function finish(
  network: HopfieldNetwork,
  partial: Omit<RecallResult, 'finalOverlaps' | 'classification' | 'updates'>,
  classify: ClassifyStateOptions,
): RecallResult {
  const patterns = network.patterns;
  // The network's patterns and the final state are ±1 (checked copies, the dynamics' output).
  const classification = patterns.length > 0 ? classifySpins(patterns, partial.state, classify) : null;
  return {
    ...partial,
    updates: network.size * partial.steps,
    // classifyState has just computed the same overlaps.
    finalOverlaps: classification ? classification.overlaps.slice() : spinOverlaps(patterns, partial.state),
    classification,
  };
}

function recallAsynchronous(
  network: HopfieldNetwork,
  probe: ArrayLike<number>,
  options: CheckedOptions,
): RecallResult {
  const { maxSteps, stream, temperature, recordTrajectory } = options;
  const state = neuronState(network, probe);
  const energies: number[] = [];
  const flipCounts: number[] = [];
  const overlaps: Float64Array[] = [];
  const recordOverlaps = recordTrajectory && network.patterns.length > 0;
  if (recordTrajectory) energies.push(neuronStateEnergy(network, state));
  if (recordOverlaps) overlaps.push(spinOverlaps(network.patterns, state.spins));
  let steps = 0;
  let converged = false;
  while (steps < maxSteps) {
    const flips = asynchronousSweep(network, state, stream, temperature);
    steps++;
    if (recordTrajectory) {
      energies.push(neuronStateEnergy(network, state));
      flipCounts.push(flips);
    }
    if (recordOverlaps) overlaps.push(spinOverlaps(network.patterns, state.spins));
    if (temperature === 0 && flips === 0) {
      converged = true;
      break;
    }
  }
  return finish(
    network,
    {
      state: state.spins,
      steps,
      converged,
      cycleLength: converged ? 1 : null,
      energy: neuronStateEnergy(network, state),
      energies,
      flips: flipCounts,
      overlaps,
    },
    options.classify,
  );
}

/**
 * Runs the network from `probe` (±1, length N) until it settles (T = 0: a fixed point, or a
 * 2-cycle in synchronous mode) or `maxSteps` sweeps/steps have passed, recording the
 * trajectory. See {@link RecallOptions}.
 */
export function recall(
  network: HopfieldNetwork,
  probe: ArrayLike<number>,
  options: RecallOptions = {},
): RecallResult {
  const where = 'recall';
  const checked = checkOptions(where, options);
  assertSpins(where, 'probe', probe, network.size);
  if (checked.mode === 'asynchronous') return recallAsynchronous(network, probe, checked);
  return recallBatchChecked(network, [probe], checked)[0];
}

function recallBatchChecked(
  network: HopfieldNetwork,
  probes: readonly ArrayLike<number>[],
  options: CheckedOptions,
): RecallResult[] {
  if (options.mode === 'asynchronous')
    return probes.map((probe) => recallAsynchronous(network, probe, options));
  if (options.fieldUpdate === 'incremental' && !network.symmetric) {
    throw new Error("recall: fieldUpdate 'incremental' needs symmetric weights; use 'dense' or 'auto'");
  }
  const trajectories = runSynchronous(network, probes, {
    maxSteps: options.maxSteps,
    temperature: options.temperature,
    stream: options.stream,
    fieldUpdate: options.fieldUpdate,
    recordTrajectory: options.recordTrajectory,
    recordOverlaps: options.recordTrajectory,
  });
  return trajectories.map((trajectory) =>
    finish(network, { ...trajectory, converged: trajectory.cycleLength === 1 }, options.classify),
  );
}

/**
 * Recall from several probes. In synchronous mode the probes advance together, their local
 * fields computed by one kernel matrix product per step (the fast path for many probes);
 * asynchronous probes run one after the other, from one random stream.
 */
export function recallBatch(
  network: HopfieldNetwork,
  probes: readonly ArrayLike<number>[],
  options: RecallOptions = {},
): RecallResult[] {
  const where = 'recallBatch';
  const checked = checkOptions(where, options);
  if (!Array.isArray(probes))
    throw new TypeError(`${where}: probes must be an array of ±1 arrays, got ${describe(probes)}`);
  probes.forEach((probe, b) => {
    assertSpins(where, `probes[${b}]`, probe, network.size);
  });
  return recallBatchChecked(network, probes, checked);
}
