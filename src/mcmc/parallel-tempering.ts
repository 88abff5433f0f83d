/**
 * Parallel tempering (replica exchange; Swendsen and Wang 1986, Geyer 1991): K replicas of the
 * system at temperatures T₀ ≤ T₁ ≤ … ≤ T_{K−1}, each moved by its own sampler, and every
 * `swapEvery` steps neighbouring temperatures try to exchange their configurations, accepted with
 * probability min(1, exp((βₖ − βₖ₊₁)(Uₖ − Uₖ₊₁))), β = 1/T. The joint chain leaves Πₖ exp(−U/Tₖ)
 * invariant, so the coldest replica samples exp(−U/T₀) while the hot ones carry it across
 * barriers it could not climb alone.
 *
 * Swap rounds alternate between the even pairs (0,1), (2,3), … and the odd pairs (1,2), (3,4), …
 * (the deterministic even–odd scheme of Okabe et al. 2001; Syed et al. 2022 show it lets a
 * configuration travel the ladder in O(K) rounds rather than O(K²)). Each replica's sampler
 * state moves with its configuration, so a base sampler's state must not depend on its
 * temperature (true of random-walk Metropolis, MALA and HMC, whose states hold x, U and ∇U).
 */
import { type Key, RandomStream, split } from '../core/random/index.js';
import { assertInteger, assertOptions, assertPositive, describe } from '../core/validate.js';
import { acceptanceProbabilityFromLogRatio, acceptProposal } from './acceptance.js';
import { randomWalkMetropolis } from './random-walk-metropolis.js';
import type { SamplerInfo, SamplerState, SamplingAlgorithm } from './sampler.js';
import type { PotentialEnergy } from './target.js';
import { assertEnergy } from './validate.js';

/** Options of `parallelTempering`. */
export interface ParallelTemperingOptions {
  /** The energy U shared by all replicas. */
  energy: PotentialEnergy;
  /** The ladder T₀ ≤ … ≤ T_{K−1}, all > 0, at least one (see `geometricLadder`). */
  temperatures: ArrayLike<number>;
  /**
   * Random-walk proposal scale of each replica: one number for all, or one per temperature
   * (hotter replicas usually want larger steps). Required unless `baseSampler` is given.
   */
  stepSize?: number | ArrayLike<number>;
  /** Steps between swap rounds, an integer ≥ 1 (default 1). */
  swapEvery?: number;
  /**
   * The sampler of replica k at temperature T (default: `randomWalkMetropolis` with
   * stepSize[k]). Its `energy` in states must be U(x), not U(x)/T.
   */
  baseSampler?: (temperature: number, index: number) => SamplingAlgorithm;
}

/** State of the replica system. `position` and `energy` are those of the coldest replica. */
export interface ParallelTemperingState extends SamplerState {
  /** replicas[k]: the sampler state currently at temperature Tₖ. */
  readonly replicas: ReadonlyArray<SamplerState>;
  /** replicaAtTemperature[k]: label (initial temperature index) of the replica now at Tₖ. */
  readonly replicaAtTemperature: Int32Array;
  /** Steps taken so far. */
  readonly step: number;
}

/** What one step reports. Pair arrays have K − 1 entries, pair k being (Tₖ, Tₖ₊₁). */
export interface ParallelTemperingInfo extends SamplerInfo {
  /** Acceptance probability of each replica's move this step (by temperature). */
  readonly replicaAcceptanceProbabilities: Float64Array;
  /** 1 where a swap of pair k was attempted this step. */
  readonly swapAttempted: Uint8Array;
  /** Swap acceptance probability of pair k (NaN where not attempted). */
  readonly swapAcceptanceProbabilities: Float64Array;
  /** 1 where pair k exchanged configurations. */
  readonly swapAccepted: Uint8Array;
  readonly divergent: boolean;
  readonly gradientEvaluations: number;
}

/** A parallel-tempering sampler; `initReplicas` starts each temperature at its own point. */
export interface ParallelTempering extends SamplingAlgorithm<ParallelTemperingState, ParallelTemperingInfo> {
  /** The temperature ladder. */
  readonly temperatures: Float64Array;
  /** A state with replica k at positions[k] (one position per temperature). */
  initReplicas(positions: ReadonlyArray<ArrayLike<number>>): ParallelTemperingState;
}

/**
 * `count` temperatures from `minimum` to `maximum` in geometric progression,
 * Tₖ = T_min·(T_max/T_min)^(k/(count−1)): equal ratios between neighbours, which gives roughly
 * equal swap rates when the heat capacity is constant.
 */
export function geometricLadder(minimum: number, maximum: number, count: number): Float64Array {
  const where = 'geometricLadder';
  assertPositive(where, 'minimum', minimum);
  assertPositive(where, 'maximum', maximum);
  if (!(maximum >= minimum))
    throw new RangeError(`${where}: maximum must be ≥ minimum (${minimum}), got ${maximum}`);
  assertInteger(where, 'count', count, 1, 2 ** 20);
  if (count === 1 && maximum !== minimum) {
    throw new RangeError(
      `${where}: count must be ≥ 2 when maximum (${maximum}) differs from minimum (${minimum})`,
    );
  }
  const ratio = maximum / minimum;
  const ladder = Float64Array.from(
    { length: count },
    (_, k) => minimum * ratio ** (k / Math.max(1, count - 1)),
  );
  ladder[count - 1] = maximum;
  return ladder;
}

/**
 * Parallel tempering over a temperature ladder. A step splits its key into K replica keys and
 * one swap key; the swap round reads one uniform per attempted pair, in pair order.
 */
export function parallelTempering(options: ParallelTemperingOptions): ParallelTempering {
  const where = 'parallelTempering';
  assertOptions(where, options);
  const { energy, baseSampler } = options;
  assertEnergy(where, energy, false);
  const given = options.temperatures;
  if (given === null || typeof given !== 'object' || typeof given.length !== 'number' || given.length < 1) {
    throw new TypeError(
      `${where}: temperatures must be a non-empty array of numbers, got ${describe(given)}`,
    );
  }
  const temperatures = Float64Array.from(given);
  const count = temperatures.length;
  temperatures.forEach((t, k) => {
    assertPositive(where, `temperatures[${k}]`, t);
    if (k > 0 && t < temperatures[k - 1]) {
      throw new RangeError(
        `${where}: temperatures must be non-decreasing, got ${temperatures[k - 1]} then ${t} at ${k}`,
      );
    }
  });
  const swapEvery = options.swapEvery ?? 1;
  assertInteger(where, 'swapEvery', swapEvery, 1);
  let samplers: SamplingAlgorithm[];
  if (baseSampler !== undefined) {
    if (typeof baseSampler !== 'function')
      throw new TypeError(`${where}: baseSampler must be a function, got ${describe(baseSampler)}`);
    samplers = Array.from(temperatures, (t, k) => baseSampler(t, k));
  } else {
    const { stepSize } = options;
    if (stepSize === undefined)
      throw new TypeError(`${where}: stepSize is required when no baseSampler is given`);
    let steps: number[];
    if (typeof stepSize === 'number') steps = new Array(count).fill(stepSize);
    else if (stepSize !== null && typeof stepSize === 'object' && stepSize.length === count)
      steps = Array.from(stepSize);
    else
      throw new RangeError(
        `${where}: stepSize must be a number or have one entry per temperature (${count}), got ${describe(stepSize)}`,
      );
    for (let k = 0; k < count; k++) assertPositive(where, `stepSize[${k}]`, steps[k]);
    samplers = Array.from(temperatures, (t, k) =>
      randomWalkMetropolis({ energy, stepSize: steps[k], temperature: t }),
    );
  }

  const assemble = (replicas: SamplerState[], labels: Int32Array, step: number): ParallelTemperingState => ({
    position: replicas[0].position,
    energy: replicas[0].energy,
    replicas,
    replicaAtTemperature: labels,
    step,
  });

  const initReplicas = (positions: ReadonlyArray<ArrayLike<number>>): ParallelTemperingState => {
    if (!Array.isArray(positions) || positions.length !== count) {
      throw new RangeError(
        `${where}.initReplicas: positions must hold one position per temperature (${count}), got ${describe(positions)}`,
      );
    }
    const replicas = positions.map((x, k) => samplers[k].init(x));
    return assemble(
      replicas,
      Int32Array.from({ length: count }, (_, k) => k),
      0,
    );
  };

  /** One swap round on `replicas` in place; `parity` 0 tries pairs (0,1), (2,3), …, 1 tries (1,2), …. */
  const swapRound = (
    key: Key,
    parity: number,
    replicas: SamplerState[],
    labels: Int32Array,
    info: ParallelTemperingInfo,
  ) => {
    const stream = new RandomStream(key);
    for (let k = parity; k + 1 < count; k += 2) {
      const logRatio =
        (1 / temperatures[k] - 1 / temperatures[k + 1]) * (replicas[k].energy - replicas[k + 1].energy);
      const probability = acceptanceProbabilityFromLogRatio(
        Number.isNaN(logRatio) ? Number.NEGATIVE_INFINITY : logRatio,
      );
      const accepted = acceptProposal(stream.nextUniform(), probability);
      info.swapAttempted[k] = 1;
      info.swapAcceptanceProbabilities[k] = probability;
      if (!accepted) continue;
      info.swapAccepted[k] = 1;
      [replicas[k], replicas[k + 1]] = [replicas[k + 1], replicas[k]];
      [labels[k], labels[k + 1]] = [labels[k + 1], labels[k]];
    }
  };

  return {
    name: 'parallel-tempering',
    temperatures,
    initReplicas,
    init: (position) => initReplicas(new Array(count).fill(position)),
    step(key, state) {
      const keys = split(key, count + 1);
      const replicas: SamplerState[] = new Array(count);
      const info = {
        acceptanceProbability: 0,
        accepted: false,
        replicaAcceptanceProbabilities: new Float64Array(count),
        swapAttempted: new Uint8Array(Math.max(0, count - 1)),
        swapAcceptanceProbabilities: new Float64Array(Math.max(0, count - 1)).fill(Number.NaN),
        swapAccepted: new Uint8Array(Math.max(0, count - 1)),
        divergent: false,
        gradientEvaluations: 0,
      };
      for (let k = 0; k < count; k++) {
        const [next, moveInfo] = samplers[k].step(keys[k], state.replicas[k]);
        replicas[k] = next;
        info.replicaAcceptanceProbabilities[k] = moveInfo.acceptanceProbability;
        info.divergent ||= moveInfo.divergent === true;
        info.gradientEvaluations += moveInfo.gradientEvaluations ?? 0;
        if (k === 0) {
          info.acceptanceProbability = moveInfo.acceptanceProbability;
          info.accepted = moveInfo.accepted;
        }
      }
      const labels = state.replicaAtTemperature.slice();
      const step = state.step + 1;
      if (step % swapEvery === 0 && count > 1) {
        const round = step / swapEvery - 1;
        swapRound(keys[count], round % 2, replicas, labels, info);
      }
      return [assemble(replicas, labels, step), info];
    },
  };
}
