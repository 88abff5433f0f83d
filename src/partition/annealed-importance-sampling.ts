/**
 * Annealed importance sampling (Neal 2001) of the partition function of a spin system.
 *
 * Each of M independent chains starts from the β = 0 distribution (independent uniform spins,
 * log Z₀ = N ln 2) and crosses a ladder 0 = β₀ < β₁ < … < β_K = β. At step k its log weight
 * gains −(βₖ − βₖ₋₁)·H(x), with x the current state, and x is then moved by Metropolis (or
 * heat-bath) sweeps that leave exp(−βₖH) invariant. The weights are unbiased for the ratio:
 * E[w] = Z(β)/Z₀, so
 *
 *   log Ẑ = N ln 2 + log((1/M) Σ_m w_m)   (a log-mean-exp of the log weights).
 *
 * Error bar, by the delta method: Var(log Ẑ) ≈ s_w²/(M·w̄²) = (M/ESS − 1)/(M − 1), with s_w² the
 * sample variance of the weights and ESS = (Σw)²/Σw² their effective sample size. It is honest
 * when the weights are well behaved, i.e. when ESS is a fair fraction of M; when ESS is only a handful the weight distribution's tail is unsampled,
 * and both log Ẑ (biased low, by about σ²/2) and its error bar are too small: add steps.
 *
 * The final states, moved once more at β, with their weights, estimate ⟨E⟩_β (self-normalised
 * importance sampling), from which the entropy follows.
 */
import { fold, type Key, RandomStream, split } from '../core/random/index.js';
import {
  assertInteger,
  assertKey,
  assertOneOf,
  assertOptions,
  assertPositive,
  describe,
  finiteArray,
} from '../core/validate.js';
import { randomSpinState, refreshSpinState } from '../models/spin-glass/spin-state.js';
import { SPIN_UPDATE_RULES, type SpinUpdateRule, spinSweep } from '../models/spin-glass/spin-sweeps.js';
import type { SpinSystem } from '../models/spin-glass/spin-system.js';
import { entropyPerSpin, freeEnergyPerSpin } from './free-energy.js';
import { logMeanExp } from './log-sum-exp.js';

/** A β ladder from 0 to β: a named shape, or the K + 1 values β₀ = 0 < … < β_K = β themselves. */
export type InverseTemperatureSchedule = 'linear' | 'geometric' | ArrayLike<number>;

/** Options of {@link annealedImportanceSampling}. */
export interface AnnealedImportanceSamplingOptions {
  /** The system. */
  system: SpinSystem;
  /** The target β > 0. */
  inverseTemperature: number;
  /** Number K of annealing steps (intermediate distributions β₁ … β_K = β), an integer ≥ 1. Ignored for an explicit schedule. */
  steps?: number;
  /**
   * 'linear' (default): βₖ = β·k/K. 'geometric': βₖ = β·g^((K−k)/(K−1)) for k ≥ 1, from
   * β₁ = g·β (g = `geometricStart`) up to β. Or an explicit increasing array from 0 to β.
   */
  schedule?: InverseTemperatureSchedule;
  /** β₁/β of the geometric schedule, in (0, 1) (default 0.01). */
  geometricStart?: number;
  /** Independent chains M, an integer ≥ 2. */
  chains: number;
  /** Sweeps at each intermediate β, an integer ≥ 1 (default 1). */
  sweepsPerStep?: number;
  /** 'metropolis' (default) or 'heat-bath'. */
  rule?: SpinUpdateRule;
  /** Fixes every random decision; chain m uses `fold(·, m)`. */
  key: Key;
}

/** What {@link annealedImportanceSampling} returns. */
export interface AnnealedImportanceSamplingResult {
  /** log Ẑ(β) = N ln 2 + log-mean-exp of the log weights. */
  readonly logPartitionFunction: number;
  /** Delta-method standard error of log Ẑ. */
  readonly standardError: number;
  /** (Σw)²/Σw², in [1, M]. */
  readonly effectiveSampleSize: number;
  /** log w of each chain (without the N ln 2). */
  readonly logWeights: Float64Array;
  /** The ladder β₀ = 0, …, β_K = β. */
  readonly inverseTemperatures: Float64Array;
  /** −log Ẑ/(βN). */
  readonly freeEnergyPerSpin: number;
  /** Its standard error, σ/(βN). */
  readonly freeEnergyError: number;
  /** Weighted estimate of ⟨E⟩_β from the final states. */
  readonly meanEnergy: number;
  /** (β⟨E⟩ + log Ẑ)/N. */
  readonly entropyPerSpin: number;
}

/** The ladder β₀ = 0 < … < β_K = β of a schedule. */
export function inverseTemperatureLadder(
  inverseTemperature: number,
  steps: number,
  schedule: 'linear' | 'geometric' = 'linear',
  geometricStart = 0.01,
): Float64Array {
  const where = 'inverseTemperatureLadder';
  assertPositive(where, 'inverseTemperature', inverseTemperature);
  assertInteger(where, 'steps', steps, 1, 1e8);
  assertOneOf(where, 'schedule', schedule, ['linear', 'geometric']);
  if (!(geometricStart > 0 && geometricStart < 1))
    throw new RangeError(`${where}: geometricStart must be in (0, 1), got ${describe(geometricStart)}`);
  const ladder = new Float64Array(steps + 1);
  for (let k = 1; k <= steps; k++) {
    ladder[k] =
      schedule === 'linear' || steps === 1
        ? (inverseTemperature * k) / steps
        : inverseTemperature * geometricStart ** ((steps - k) / (steps - 1));
  }
  ladder[steps] = inverseTemperature;
  return ladder;
}

function checkedLadder(where: string, options: AnnealedImportanceSamplingOptions): Float64Array {
  const beta = options.inverseTemperature;
  assertPositive(where, 'inverseTemperature', beta);
  const schedule = options.schedule ?? 'linear';
  if (typeof schedule === 'string') {
    if (options.steps === undefined) throw new TypeError(`${where}: steps is required with a named schedule`);
    assertInteger(where, 'steps', options.steps, 1, 1e8);
    assertOneOf(where, 'schedule', schedule, ['linear', 'geometric']);
    return inverseTemperatureLadder(beta, options.steps, schedule, options.geometricStart ?? 0.01);
  }
  const ladder = finiteArray(where, 'schedule', schedule);
  if (ladder.length < 2 || ladder[0] !== 0 || ladder[ladder.length - 1] !== beta) {
    throw new RangeError(
      `${where}: an explicit schedule must run from 0 to inverseTemperature (${beta}) in ≥ 2 values`,
    );
  }
  for (let k = 1; k < ladder.length; k++) {
    if (!(ladder[k] > ladder[k - 1]))
      throw new RangeError(
        `${where}: schedule must increase strictly, got ${ladder[k - 1]} then ${ladder[k]} at ${k}`,
      );
  }
  return ladder;
}

/**
 * Estimates log Z(β) of a spin system by annealed importance sampling from β = 0.
 *
 * ```ts
 * const ais = annealedImportanceSampling({ system, inverseTemperature: 1, steps: 200, chains: 100, key });
 * ais.logPartitionFunction ± ais.standardError;   // vs exactLogPartitionFunction(system, 1) when N ≤ 24
 * ```
 */
export function annealedImportanceSampling(
  options: AnnealedImportanceSamplingOptions,
): AnnealedImportanceSamplingResult {
  const where = 'annealedImportanceSampling';
  assertOptions(where, options);
  const { system, chains, key } = options;
  if (system === null || typeof system !== 'object' || !(system.neighborOffsets instanceof Int32Array)) {
    throw new TypeError(`${where}: system must be a SpinSystem, got ${describe(system)}`);
  }
  const ladder = checkedLadder(where, options);
  assertInteger(where, 'chains', chains, 2, 1e8);
  const sweepsPerStep = options.sweepsPerStep ?? 1;
  assertInteger(where, 'sweepsPerStep', sweepsPerStep, 1, 1e6);
  const rule = options.rule ?? 'metropolis';
  assertOneOf(where, 'rule', rule, SPIN_UPDATE_RULES);
  assertKey(where, key);

  const beta = ladder[ladder.length - 1];
  const [initKey, sweepKey] = split(key);
  const logWeights = new Float64Array(chains);
  const finalEnergies = new Float64Array(chains);
  for (let m = 0; m < chains; m++) {
    const state = randomSpinState(system, fold(initKey, m));
    const stream = new RandomStream(fold(sweepKey, m));
    let logWeight = 0;
    for (let k = 1; k < ladder.length; k++) {
      logWeight -= (ladder[k] - ladder[k - 1]) * state.energy;
      for (let s = 0; s < sweepsPerStep; s++) spinSweep(state, ladder[k], stream, rule);
      if ((k & 255) === 0) refreshSpinState(state);
    }
    refreshSpinState(state);
    logWeights[m] = logWeight;
    finalEnergies[m] = state.energy;
  }

  let maximum = Number.NEGATIVE_INFINITY;
  for (const value of logWeights) maximum = Math.max(maximum, value);
  let sum = 0;
  let squares = 0;
  let weightedEnergy = 0;
  for (let m = 0; m < chains; m++) {
    const w = Math.exp(logWeights[m] - maximum);
    sum += w;
    squares += w * w;
    weightedEnergy += w * finalEnergies[m];
  }
  const mean = sum / chains;
  const variance = Math.max(0, (squares - chains * mean * mean) / (chains - 1));
  const standardError = Math.sqrt(variance / chains) / mean;
  const logZ = system.size * Math.LN2 + logMeanExp(logWeights);
  const meanEnergy = weightedEnergy / sum;
  return {
    logPartitionFunction: logZ,
    standardError,
    effectiveSampleSize: (sum * sum) / squares,
    logWeights,
    inverseTemperatures: ladder,
    freeEnergyPerSpin: freeEnergyPerSpin(logZ, beta, system.size),
    freeEnergyError: standardError / (beta * system.size),
    meanEnergy,
    entropyPerSpin: entropyPerSpin(meanEnergy, logZ, beta, system.size),
  };
}
