/**
 * Simulated annealing of a spin system (Kirkpatrick, Gelatt and Vecchi 1983): single-spin-flip
 * sweeps at a temperature lowered sweep by sweep, from a random start, ending in a
 * zero-temperature descent to the nearest one-flip-stable state. Independent restarts each draw
 * a new start; the result is the lowest energy met in any of them, an upper bound on the ground
 * state energy (equal to it when the run succeeds).
 *
 * Default temperatures scale with the typical local field σ = √(mean_i Σ_j J_ij²) (σ = J for SK,
 * √(2d)·J for EA): from 1.5σ, above T_c for SK and EA, down to 0.05σ, where ±J systems are
 * frozen. The default schedule is geometric, Tₜ = T₀ (T₁/T₀)^(t/(S−1)) for sweeps t < S.
 */

import { portablePow } from '../../core/math/index.js';
import { fold, type Key, RandomStream, split } from '../../core/random/index.js';
import {
  assertFinite,
  assertInteger,
  assertKey,
  assertNonNegative,
  assertOneOf,
  assertOptions,
  assertPositive,
  describe,
} from '../../core/validate.js';
import { copySpinState, randomSpinState, refreshSpinState } from './spin-state.js';
import { greedyDescent, SPIN_UPDATE_RULES, type SpinUpdateRule, spinSweep } from './spin-sweeps.js';
import type { SpinSystem } from './spin-system.js';

/** A cooling schedule: a named shape between the two temperatures, or T as a function of the sweep. */
export type AnnealingSchedule = 'geometric' | 'linear' | ((sweep: number) => number);

/** Options of {@link annealSpins}. */
export interface AnnealSpinsOptions {
  /** The system to minimise. */
  system: SpinSystem;
  /** Sweeps per restart, an integer ≥ 1. */
  sweeps: number;
  /** Independent restarts, an integer ≥ 1 (default 1). */
  restarts?: number;
  /** T at the first sweep, > 0 (default 1.5σ; see the module notes). */
  initialTemperature?: number;
  /** T at the last sweep, > 0 and ≤ initialTemperature (default 0.05σ). */
  finalTemperature?: number;
  /** 'geometric' (default), 'linear', or a function sweep ↦ T ≥ 0 (which overrides both temperatures). */
  schedule?: AnnealingSchedule;
  /** 'metropolis' (default) or 'heat-bath'. */
  rule?: SpinUpdateRule;
  /** A known ground-state energy: restarts reaching it count as successes. */
  targetEnergy?: number;
  /** Stop at the first restart that reaches `targetEnergy` (default false: run all restarts). */
  stopAtTarget?: boolean;
  /** Energies within this of the target count as reaching it (default 1e-8 · energyScale). */
  targetTolerance?: number;
  /** Fixes every random decision; restart r uses `fold(key, r)`. */
  key: Key;
}

/** What {@link annealSpins} returns. */
export interface AnnealSpinsResult {
  /** Lowest energy found over all restarts. */
  readonly bestEnergy: number;
  /** bestEnergy / N. */
  readonly bestEnergyPerSpin: number;
  /** A configuration with that energy. */
  readonly bestSpins: Int8Array;
  /** Lowest energy of each restart run. */
  readonly restartEnergies: Float64Array;
  /** Restarts that reached `targetEnergy` (0 without a target). */
  readonly successes: number;
  /** successes / restarts run (NaN without a target). */
  readonly successRate: number;
  /** Sweeps run until a restart first reached the target, counting all restarts so far (NaN if none). */
  readonly sweepsToTarget: number;
  /** Total sweeps run. */
  readonly totalSweeps: number;
}

/** √(mean_i Σ_j J_ij²): the typical local field of a random configuration. */
export function typicalLocalField(system: SpinSystem): number {
  let sum = 0;
  for (const value of system.neighborCouplings) sum += value * value;
  let fields = 0;
  for (const value of system.fields) fields += value * value;
  return Math.sqrt((sum + fields) / system.size) || 1;
}

/** Checks a schedule and returns the temperature of each sweep. */
function temperatureSteps(where: string, options: AnnealSpinsOptions, sweeps: number): Float64Array {
  const schedule = options.schedule ?? 'geometric';
  const temperatures = new Float64Array(sweeps);
  if (typeof schedule === 'function') {
    for (let t = 0; t < sweeps; t++) {
      const value = schedule(t);
      assertNonNegative(where, `schedule(${t})`, value);
      temperatures[t] = value;
    }
    return temperatures;
  }
  assertOneOf(where, 'schedule', schedule, ['geometric', 'linear']);
  const sigma = typicalLocalField(options.system);
  const initial = options.initialTemperature ?? 1.5 * sigma;
  const final = options.finalTemperature ?? Math.min(0.05 * sigma, initial);
  assertPositive(where, 'initialTemperature', initial);
  assertPositive(where, 'finalTemperature', final);
  if (final > initial)
    throw new RangeError(`${where}: finalTemperature (${final}) must be ≤ initialTemperature (${initial})`);
  for (let t = 0; t < sweeps; t++) {
    const fraction = sweeps === 1 ? 1 : t / (sweeps - 1);
    temperatures[t] =
      schedule === 'geometric'
        ? initial * portablePow(final / initial, fraction)
        : initial + (final - initial) * fraction;
  }
  return temperatures;
}

/**
 * Anneals `restarts` independent random starts and returns the best configuration found, with
 * success statistics when a target energy is known.
 *
 * ```ts
 * const sk = sherringtonKirkpatrick({ size: 20, key: makeKey(3) });
 * const exact = exactGroundState(sk);
 * annealSpins({ system: sk, sweeps: 300, restarts: 10, targetEnergy: exact.energy, key }).successRate;
 * ```
 */
export function annealSpins(options: AnnealSpinsOptions): AnnealSpinsResult {
  const where = 'annealSpins';
  assertOptions(where, options);
  const { system, sweeps, key } = options;
  if (system === null || typeof system !== 'object' || !(system.neighborOffsets instanceof Int32Array)) {
    throw new TypeError(`${where}: system must be a SpinSystem, got ${describe(system)}`);
  }
  assertInteger(where, 'sweeps', sweeps, 1, 1e9);
  const restarts = options.restarts ?? 1;
  assertInteger(where, 'restarts', restarts, 1, 1e9);
  const rule = options.rule ?? 'metropolis';
  assertOneOf(where, 'rule', rule, SPIN_UPDATE_RULES);
  assertKey(where, key);
  const target = options.targetEnergy;
  if (target !== undefined) assertFinite(where, 'targetEnergy', target);
  const tolerance = options.targetTolerance ?? 1e-8 * system.energyScale;
  assertNonNegative(where, 'targetTolerance', tolerance);
  const stopAtTarget = options.stopAtTarget ?? false;
  const temperatures = temperatureSteps(where, options, sweeps);

  let best: ReturnType<typeof copySpinState> | null = null;
  const restartEnergies: number[] = [];
  let successes = 0;
  let sweepsToTarget = Number.NaN;
  let totalSweeps = 0;
  for (let r = 0; r < restarts; r++) {
    const [initKey, sweepKey] = split(fold(key, r));
    const state = randomSpinState(system, initKey);
    const stream = new RandomStream(sweepKey);
    let restartBest = copySpinState(state);
    let hit = target !== undefined && state.energy <= target + tolerance;
    for (let t = 0; t < sweeps && !hit; t++) {
      const temperature = temperatures[t];
      spinSweep(state, temperature === 0 ? Number.POSITIVE_INFINITY : 1 / temperature, stream, rule);
      totalSweeps++;
      // Clear the rounding of incremental updates before energies are compared over long runs.
      if ((t & 255) === 255) refreshSpinState(state);
      if (state.energy < restartBest.energy) restartBest = copySpinState(state);
      if (target !== undefined && state.energy <= target + tolerance) hit = true;
    }
    greedyDescent(state);
    refreshSpinState(state);
    if (state.energy < restartBest.energy) restartBest = state;
    if (target !== undefined && restartBest.energy <= target + tolerance) hit = true;
    restartEnergies.push(restartBest.energy);
    if (best === null || restartBest.energy < best.energy) best = restartBest;
    if (hit) {
      successes++;
      if (Number.isNaN(sweepsToTarget)) sweepsToTarget = totalSweeps;
      if (stopAtTarget) break;
    }
  }
  const bestState = best!;
  refreshSpinState(bestState);
  return {
    bestEnergy: bestState.energy,
    bestEnergyPerSpin: bestState.energy / system.size,
    bestSpins: bestState.spins.slice(),
    restartEnergies: Float64Array.from(restartEnergies),
    successes,
    successRate: target === undefined ? Number.NaN : successes / restartEnergies.length,
    sweepsToTarget,
    totalSweeps,
  };
}
