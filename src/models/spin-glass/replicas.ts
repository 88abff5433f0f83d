/**
 * Replicas: R ≥ 2 independent Markov chains on the same couplings at the same temperature, whose
 * pairwise overlaps sample P(q). Each replica starts from its own random configuration and runs
 * its own random stream, so the replicas are independent given the disorder, which is what
 * makes q(s^a, s^b) a draw of the two-replica distribution once the chains have equilibrated.
 *
 * At low temperature single-spin-flip chains get stuck in one valley and P(q) comes out wrong
 * (too narrow, one-sided); use `temperSpins` with `copies ≥ 2` there.
 */
import { fold, type Key, RandomStream, split } from '../../core/random/index.js';
import {
  assertInteger,
  assertKey,
  assertOneOf,
  assertOptions,
  assertPositive,
  describe,
} from '../../core/validate.js';
import { type OverlapStatistics, overlap, overlapStatistics } from './overlap.js';
import { randomSpinState, refreshSpinState, type SpinState } from './spin-state.js';
import { SPIN_UPDATE_RULES, type SpinUpdateRule, spinSweep } from './spin-sweeps.js';
import type { SpinSystem } from './spin-system.js';

/** Options of {@link sampleOverlaps}. */
export interface SampleOverlapsOptions {
  /** The system (shared couplings). */
  system: SpinSystem;
  /** T > 0. */
  temperature: number;
  /** Measurement sweeps, an integer ≥ 1 (after burn-in). */
  sweeps: number;
  /** Sweeps discarded first, an integer ≥ 0 (default sweeps / 4, rounded down). */
  burnInSweeps?: number;
  /** Replicas R, an integer in [2, 64] (default 2); all R(R − 1)/2 pairs are measured. */
  replicas?: number;
  /** Sweeps between measurements, an integer ≥ 1 (default 1). */
  measureEvery?: number;
  /** 'metropolis' (default) or 'heat-bath'. */
  rule?: SpinUpdateRule;
  /** Fixes the initial configurations and every random decision. */
  key: Key;
}

/** What {@link sampleOverlaps} returns. */
export interface SampleOverlapsResult {
  /** All measured overlaps: measurement-major, then pair (a, b), a < b, in lexicographic order. */
  readonly overlaps: Float64Array;
  /** Pairs per measurement, R(R − 1)/2. */
  readonly pairs: number;
  /** Energy of each replica at each measurement: `energies[r][m]`. */
  readonly energies: Float64Array[];
  /** P(q), moments, χ_SG, Binder ratio and jackknife errors over all overlaps. */
  readonly statistics: OverlapStatistics;
  /** The final replica states. */
  readonly states: SpinState[];
  /** Fraction of attempted single-spin updates that flipped a spin, over all sweeps. */
  readonly flipRate: number;
}

/**
 * Runs R replicas for `burnInSweeps + sweeps` sweeps and records the overlap of every pair
 * every `measureEvery` sweeps. The key is split into an initialisation key and a sweep key;
 * replica r uses `fold(·, r)` of each.
 */
export function sampleOverlaps(options: SampleOverlapsOptions): SampleOverlapsResult {
  const where = 'sampleOverlaps';
  assertOptions(where, options);
  const { system, temperature, sweeps, key } = options;
  if (system === null || typeof system !== 'object' || !(system.neighborOffsets instanceof Int32Array)) {
    throw new TypeError(`${where}: system must be a SpinSystem, got ${describe(system)}`);
  }
  assertPositive(where, 'temperature', temperature);
  assertInteger(where, 'sweeps', sweeps, 1, 1e9);
  const burnInSweeps = options.burnInSweeps ?? Math.floor(sweeps / 4);
  assertInteger(where, 'burnInSweeps', burnInSweeps, 0, 1e9);
  const replicas = options.replicas ?? 2;
  assertInteger(where, 'replicas', replicas, 2, 64);
  const measureEvery = options.measureEvery ?? 1;
  assertInteger(where, 'measureEvery', measureEvery, 1, sweeps);
  const rule = options.rule ?? 'metropolis';
  assertOneOf(where, 'rule', rule, SPIN_UPDATE_RULES);
  assertKey(where, key);

  const [initKey, sweepKey] = split(key);
  const states = Array.from({ length: replicas }, (_, r) => randomSpinState(system, fold(initKey, r)));
  const streams = Array.from({ length: replicas }, (_, r) => new RandomStream(fold(sweepKey, r)));
  const beta = 1 / temperature;
  const measurements = Math.floor(sweeps / measureEvery);
  const pairs = (replicas * (replicas - 1)) / 2;
  const overlaps = new Float64Array(measurements * pairs);
  const energies = Array.from({ length: replicas }, () => new Float64Array(measurements));
  let flips = 0;
  let measured = 0;
  for (let sweep = 1; sweep <= burnInSweeps + sweeps; sweep++) {
    for (let r = 0; r < replicas; r++) {
      flips += spinSweep(states[r], beta, streams[r], rule);
      // Clear the rounding of incremental energy updates now and then (one sweep's cost).
      if ((sweep & 255) === 0) refreshSpinState(states[r]);
    }
    const measuring = sweep > burnInSweeps && (sweep - burnInSweeps) % measureEvery === 0;
    if (!measuring || measured >= measurements) continue;
    let p = measured * pairs;
    for (let a = 0; a < replicas; a++) {
      energies[a][measured] = states[a].energy;
      for (let b = a + 1; b < replicas; b++) overlaps[p++] = overlap(states[a].spins, states[b].spins);
    }
    measured++;
  }
  return {
    overlaps,
    pairs,
    energies,
    statistics: overlapStatistics(overlaps, system.size),
    states,
    flipRate: flips / (replicas * system.size * (burnInSweeps + sweeps)),
  };
}
