/**
 * Parallel tempering (replica exchange; Swendsen and Wang 1986, Hukushima and Nemoto 1996) for
 * spin systems: K configurations at temperatures T₀ < T₁ < … < T_{K−1}, each swept by
 * single-spin flips, and every `swapEvery` sweeps neighbouring temperatures try to exchange
 * configurations, accepted with probability min(1, exp((βₖ − βₖ₊₁)(Eₖ − Eₖ₊₁))). The joint
 * chain leaves Πₖ exp(−βₖH) invariant: the cold end samples equilibrium while the hot end
 * carries configurations over barriers. It is the standard tool for equilibrium spin-glass
 * overlaps at low T and a strong ground-state finder (the lowest energy any replica visits).
 *
 * Swap rounds alternate between the pairs (0,1), (2,3), … and (1,2), (3,4), … (deterministic
 * even–odd scheme). With `copies` ≥ 2, independent ladders run side by side on the same couplings
 * and the overlaps between copies are recorded at every temperature: equilibrium P(q) at each T.
 * A round trip is counted each time a configuration reaches the coldest temperature having last
 * touched the hottest one: few round trips mean the ladder does not mix.
 */
import { fold, type Key, portableExp, RandomStream, split } from '../../core/random/index.js';
import {
  assertFinite,
  assertInteger,
  assertKey,
  assertNonNegative,
  assertOneOf,
  assertOptions,
  describe,
  finiteArray,
} from '../../core/validate.js';
import { type OverlapStatistics, overlap, overlapStatistics } from './overlap.js';
import { copySpinState, randomSpinState, refreshSpinState, type SpinState } from './spin-state.js';
import { greedyDescent, SPIN_UPDATE_RULES, type SpinUpdateRule, spinSweep } from './spin-sweeps.js';
import type { SpinSystem } from './spin-system.js';

/** Options of {@link temperSpins}. */
export interface TemperSpinsOptions {
  /** The system (shared by every replica and copy). */
  system: SpinSystem;
  /** The ladder, strictly increasing, all > 0, at least 2 (e.g. geometric from 0.2 to 1.6 for SK). */
  temperatures: ArrayLike<number>;
  /** Sweeps of every replica, an integer ≥ 1 (burn-in included). */
  sweeps: number;
  /** Sweeps between swap rounds, an integer ≥ 1 (default 1). */
  swapEvery?: number;
  /** Independent ladders on the same couplings, an integer in [1, 16] (default 1). */
  copies?: number;
  /** Sweeps before energies and overlaps are recorded, an integer ≥ 0 (default sweeps / 4, rounded down). */
  burnInSweeps?: number;
  /** 'metropolis' (default) or 'heat-bath'. */
  rule?: SpinUpdateRule;
  /** A known ground-state energy: the run records when it is first reached. */
  targetEnergy?: number;
  /** Stop the run once `targetEnergy` is reached (default false). */
  stopAtTarget?: boolean;
  /** Energies within this of the target count as reaching it (default 1e-8 · energyScale). */
  targetTolerance?: number;
  /** Fixes every random decision. */
  key: Key;
}

/** What {@link temperSpins} returns. Pair arrays have K − 1 entries, pair k being (Tₖ, Tₖ₊₁). */
export interface TemperSpinsResult {
  /** The ladder. */
  readonly temperatures: Float64Array;
  /** Lowest energy visited by any replica (after a final zero-temperature descent). */
  readonly bestEnergy: number;
  /** bestEnergy / N. */
  readonly bestEnergyPerSpin: number;
  /** A configuration with that energy. */
  readonly bestSpins: Int8Array;
  /** Sweeps after which `targetEnergy` was first reached (NaN if never, or without a target). */
  readonly sweepsToTarget: number;
  /** Sweeps run (fewer than asked when stopped at the target). */
  readonly sweepsRun: number;
  /** Swap attempts of each pair, over all copies. */
  readonly swapAttempts: Float64Array;
  /** Accepted swaps of each pair. */
  readonly swapAcceptances: Float64Array;
  /** Mean acceptance probability of each pair's attempts. */
  readonly swapAcceptanceRates: Float64Array;
  /** Round trips cold → hot → cold, over all configurations and copies. */
  readonly roundTrips: number;
  /** ⟨E⟩ at each temperature after burn-in, averaged over copies (NaN if nothing was recorded). */
  readonly meanEnergies: Float64Array;
  /** With copies ≥ 2: the overlaps between copies at each temperature (measurement-major, then pair). */
  readonly overlaps: Float64Array[] | null;
  /** With copies ≥ 2: P(q), moments and errors at each temperature. */
  readonly overlapStatistics: OverlapStatistics[] | null;
  /** Final configurations: `states[copy][k]` at temperature Tₖ. */
  readonly states: SpinState[][];
}

/**
 * Runs parallel tempering for `sweeps` sweeps. The key is split into an initialisation key, a
 * sweep key and a swap key; the replica at slot k of copy c uses `fold(fold(·, c), k)`.
 */
export function temperSpins(options: TemperSpinsOptions): TemperSpinsResult {
  const where = 'temperSpins';
  assertOptions(where, options);
  const { system, sweeps, key } = options;
  if (system === null || typeof system !== 'object' || !(system.neighborOffsets instanceof Int32Array)) {
    throw new TypeError(`${where}: system must be a SpinSystem, got ${describe(system)}`);
  }
  const temperatures = finiteArray(where, 'temperatures', options.temperatures);
  const count = temperatures.length;
  if (count < 2) throw new RangeError(`${where}: temperatures must hold at least 2 values, got ${count}`);
  temperatures.forEach((t, k) => {
    if (!(t > 0)) throw new RangeError(`${where}: temperatures[${k}] must be > 0, got ${t}`);
    if (k > 0 && !(t > temperatures[k - 1]))
      throw new RangeError(
        `${where}: temperatures must increase strictly, got ${temperatures[k - 1]} then ${t} at ${k}`,
      );
  });
  assertInteger(where, 'sweeps', sweeps, 1, 1e9);
  const swapEvery = options.swapEvery ?? 1;
  assertInteger(where, 'swapEvery', swapEvery, 1, 1e9);
  const copies = options.copies ?? 1;
  assertInteger(where, 'copies', copies, 1, 16);
  const burnInSweeps = options.burnInSweeps ?? Math.floor(sweeps / 4);
  assertInteger(where, 'burnInSweeps', burnInSweeps, 0, 1e9);
  const rule = options.rule ?? 'metropolis';
  assertOneOf(where, 'rule', rule, SPIN_UPDATE_RULES);
  assertKey(where, key);
  const target = options.targetEnergy;
  if (target !== undefined) assertFinite(where, 'targetEnergy', target);
  const tolerance = options.targetTolerance ?? 1e-8 * system.energyScale;
  assertNonNegative(where, 'targetTolerance', tolerance);
  const stopAtTarget = options.stopAtTarget ?? false;

  const betas = Float64Array.from(temperatures, (t) => 1 / t);
  const [initKey, sweepKey, swapKey] = split(key, 3);
  const states = Array.from({ length: copies }, (_, c) =>
    Array.from({ length: count }, (_, k) => randomSpinState(system, fold(fold(initKey, c), k))),
  );
  const streams = Array.from({ length: copies }, (_, c) =>
    Array.from({ length: count }, (_, k) => new RandomStream(fold(fold(sweepKey, c), k))),
  );
  const swapStream = new RandomStream(swapKey);
  // labels[c][k]: which configuration sits at slot k; lastEnd[c][label]: 0 cold, 1 hot, −1 neither yet.
  const labels = Array.from({ length: copies }, () => Int32Array.from({ length: count }, (_, k) => k));
  const lastEnd = Array.from({ length: copies }, () => new Int8Array(count).fill(-1));
  const swapAttempts = new Float64Array(count - 1);
  const swapAcceptances = new Float64Array(count - 1);
  const probabilitySums = new Float64Array(count - 1);
  const energySums = new Float64Array(count);
  const overlapSeries = copies >= 2 ? Array.from({ length: count }, () => [] as number[]) : null;
  let recorded = 0;
  let roundTrips = 0;
  let best = copySpinState(states[0][0]);
  for (const ladder of states)
    for (const state of ladder) if (state.energy < best.energy) best = copySpinState(state);
  let sweepsToTarget = target !== undefined && best.energy <= target + tolerance ? 0 : Number.NaN;
  let sweep = 0;
  let parity = 0;
  while (sweep < sweeps && !(stopAtTarget && !Number.isNaN(sweepsToTarget))) {
    sweep++;
    for (let c = 0; c < copies; c++) {
      for (let k = 0; k < count; k++) {
        const state = states[c][k];
        spinSweep(state, betas[k], streams[c][k], rule);
        if ((sweep & 255) === 0) refreshSpinState(state);
        if (state.energy < best.energy) best = copySpinState(state);
      }
    }
    if (target !== undefined && Number.isNaN(sweepsToTarget) && best.energy <= target + tolerance)
      sweepsToTarget = sweep;
    if (sweep % swapEvery === 0) {
      for (let c = 0; c < copies; c++) {
        const ladder = states[c];
        const label = labels[c];
        for (let k = parity; k + 1 < count; k += 2) {
          const logRatio = (betas[k] - betas[k + 1]) * (ladder[k].energy - ladder[k + 1].energy);
          const probability = logRatio >= 0 ? 1 : portableExp(logRatio);
          swapAttempts[k]++;
          probabilitySums[k] += probability;
          if (!(swapStream.nextUniform() < probability)) continue;
          swapAcceptances[k]++;
          [ladder[k], ladder[k + 1]] = [ladder[k + 1], ladder[k]];
          [streams[c][k], streams[c][k + 1]] = [streams[c][k + 1], streams[c][k]];
          [label[k], label[k + 1]] = [label[k + 1], label[k]];
        }
        if (lastEnd[c][label[0]] === 1) roundTrips++;
        lastEnd[c][label[0]] = 0;
        lastEnd[c][label[count - 1]] = 1;
      }
      parity ^= 1;
    }
    if (sweep <= burnInSweeps) continue;
    recorded++;
    for (let k = 0; k < count; k++) {
      for (let c = 0; c < copies; c++) energySums[k] += states[c][k].energy;
      if (overlapSeries === null) continue;
      for (let a = 0; a < copies; a++)
        for (let b = a + 1; b < copies; b++)
          overlapSeries[k].push(overlap(states[a][k].spins, states[b][k].spins));
    }
  }
  greedyDescent(best);
  refreshSpinState(best);
  if (target !== undefined && Number.isNaN(sweepsToTarget) && best.energy <= target + tolerance)
    sweepsToTarget = sweep;
  const overlaps = overlapSeries === null ? null : overlapSeries.map((series) => Float64Array.from(series));
  return {
    temperatures,
    bestEnergy: best.energy,
    bestEnergyPerSpin: best.energy / system.size,
    bestSpins: best.spins.slice(),
    sweepsToTarget,
    sweepsRun: sweep,
    swapAttempts,
    swapAcceptances,
    swapAcceptanceRates: Float64Array.from(probabilitySums, (sum, k) =>
      swapAttempts[k] > 0 ? sum / swapAttempts[k] : Number.NaN,
    ),
    roundTrips,
    meanEnergies: Float64Array.from(energySums, (sum) =>
      recorded > 0 ? sum / (recorded * copies) : Number.NaN,
    ),
    overlaps,
    overlapStatistics:
      overlaps === null || recorded === 0
        ? null
        : overlaps.map((series) => overlapStatistics(series, system.size)),
    states,
  };
}
