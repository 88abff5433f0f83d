/**
 * Metropolis–Hastings on a finite state space {0, …, n − 1}, with its exact transition matrix.
 *
 * The target is π(i) ∝ exp(−Uᵢ/T) for a table of energies; the proposal is a row-stochastic
 * matrix q (by default: one of the other states, uniformly). From state i a step proposes j ~ q(i, ·)
 * and accepts with probability a(i, j) = min(1, exp(−(Uⱼ − Uᵢ)/T)·q(j, i)/q(i, j)). Because the
 * kernel is a finite matrix, `transitionMatrix()` returns it exactly (computed by the very
 * functions `step` uses), so detailed balance πᵢPᵢⱼ = πⱼPⱼᵢ can be checked to rounding error.
 */
import { portableExp, portableLog, RandomStream } from '../core/random/index.js';
import { assertOptions, describe } from '../core/validate.js';
import { acceptanceProbabilityFromLogRatio, acceptProposal, metropolisLogRatio } from './acceptance.js';
import type { SamplerInfo, SamplerState, SamplingAlgorithm } from './sampler.js';
import { temperatureOption } from './validate.js';

/** Options of `discreteMetropolis`. */
export interface DiscreteMetropolisOptions {
  /** Uᵢ for each state i (at least one; each finite, or +∞ for a forbidden state). */
  energies: ArrayLike<number>;
  /**
   * Proposal matrix q(i, j), n rows of n entries, each ≥ 0, each row summing to 1 (to 1e-9).
   * q(j, i) must be > 0 wherever q(i, j) > 0, or those moves are never accepted. Default: from
   * i, each other state with probability 1/(n − 1) (or stay, when n = 1).
   */
  proposal?: ArrayLike<ArrayLike<number>>;
  /** T > 0 (default 1). */
  temperature?: number;
}

/** State of a finite-state chain; `position` is `[index]` as a float. */
export interface DiscreteMetropolisState extends SamplerState {
  /** The current state index. */
  readonly index: number;
}

/** What one step reports. */
export interface DiscreteMetropolisInfo extends SamplerInfo {
  /** The proposed state index. */
  readonly proposedIndex: number;
}

/** A finite-state Metropolis–Hastings sampler, with its exact kernel and target. */
export interface DiscreteMetropolis
  extends SamplingAlgorithm<DiscreteMetropolisState, DiscreteMetropolisInfo> {
  /** Number of states n. */
  readonly size: number;
  /** The n × n transition matrix P (row-major): P[i·n + j] = probability of moving from i to j. */
  transitionMatrix(): Float64Array;
  /** The target π(i) = exp(−Uᵢ/T)/Z. */
  stationaryDistribution(): Float64Array;
}

function checkedProposal(
  where: string,
  proposal: ArrayLike<ArrayLike<number>> | undefined,
  size: number,
): Float64Array {
  const q = new Float64Array(size * size);
  if (proposal === undefined) {
    for (let i = 0; i < size; i++) {
      for (let j = 0; j < size; j++) q[i * size + j] = size === 1 ? 1 : i === j ? 0 : 1 / (size - 1);
    }
    return q;
  }
  if (proposal === null || typeof proposal !== 'object' || proposal.length !== size) {
    throw new RangeError(
      `${where}: proposal must be an array of ${size} rows (one per state), got ${describe(proposal)}`,
    );
  }
  for (let i = 0; i < size; i++) {
    const row = proposal[i];
    if (row === null || typeof row !== 'object' || row.length !== size) {
      throw new RangeError(`${where}: proposal[${i}] must have ${size} entries, got ${describe(row)}`);
    }
    let sum = 0;
    for (let j = 0; j < size; j++) {
      const value = row[j];
      if (typeof value !== 'number' || !(value >= 0 && value <= 1)) {
        throw new RangeError(
          `${where}: proposal[${i}][${j}] must be a probability in [0, 1], got ${describe(value)}`,
        );
      }
      q[i * size + j] = value;
      sum += value;
    }
    if (Math.abs(sum - 1) > 1e-9) throw new RangeError(`${where}: proposal[${i}] must sum to 1, got ${sum}`);
  }
  return q;
}

/**
 * Metropolis–Hastings on states {0, …, n − 1} targeting π(i) ∝ exp(−Uᵢ/T). A step reads two
 * uniforms from its key: one picks the proposal (inverse CDF of its row), one decides acceptance.
 */
export function discreteMetropolis(options: DiscreteMetropolisOptions): DiscreteMetropolis {
  const where = 'discreteMetropolis';
  assertOptions(where, options);
  const { energies } = options;
  if (
    energies === null ||
    typeof energies !== 'object' ||
    typeof energies.length !== 'number' ||
    energies.length < 1
  ) {
    throw new TypeError(`${where}: energies must be a non-empty array of numbers, got ${describe(energies)}`);
  }
  const size = energies.length;
  const table = Float64Array.from(energies);
  table.forEach((value, i) => {
    if (Number.isNaN(value) || value === Number.NEGATIVE_INFINITY) {
      throw new RangeError(`${where}: energies[${i}] must be finite or +Infinity, got ${describe(value)}`);
    }
  });
  if (!table.some(Number.isFinite)) throw new RangeError(`${where}: at least one energy must be finite`);
  const temperature = temperatureOption(where, options.temperature, false);
  const q = checkedProposal(where, options.proposal, size);

  /** a(i, j): the probability `step` accepts a proposed move i → j. */
  const acceptance = (i: number, j: number): number => {
    if (i === j) return 1;
    const logProposalRatio = portableLog(q[j * size + i]) - portableLog(q[i * size + j]);
    return acceptanceProbabilityFromLogRatio(
      metropolisLogRatio(table[i], table[j], temperature, logProposalRatio),
    );
  };

  const stateAt = (index: number): DiscreteMetropolisState => ({
    position: Float64Array.of(index),
    energy: table[index],
    index,
  });

  return {
    name: 'discrete-metropolis',
    size,
    init(position) {
      const index = position?.[0];
      if (position?.length !== 1 || !Number.isInteger(index) || index < 0 || index >= size) {
        throw new RangeError(
          `${where}.init: position must be [i] with i an integer in [0, ${size - 1}], got ${describe(position)}`,
        );
      }
      if (table[index] === Number.POSITIVE_INFINITY) {
        throw new RangeError(`${where}.init: the initial state ${index} has energy +∞ (probability 0)`);
      }
      return stateAt(index);
    },
    step(key, state) {
      const stream = new RandomStream(key);
      const i = state.index;
      // Inverse CDF on row i; zero-probability entries are never chosen since the cumulative sum is flat there.
      const target = stream.nextUniform();
      let proposedIndex = -1;
      let cumulative = 0;
      for (let j = 0; j < size; j++) {
        const qij = q[i * size + j];
        cumulative += qij;
        if (qij > 0) proposedIndex = j;
        if (qij > 0 && target < cumulative) break;
      }
      const acceptanceProbability = acceptance(i, proposedIndex);
      const accepted = acceptProposal(stream.nextUniform(), acceptanceProbability);
      const info = { acceptanceProbability, accepted, proposedIndex };
      return [accepted && proposedIndex !== i ? stateAt(proposedIndex) : state, info];
    },
    transitionMatrix() {
      const p = new Float64Array(size * size);
      for (let i = 0; i < size; i++) {
        let stay = 1;
        for (let j = 0; j < size; j++) {
          if (j === i) continue;
          const move = q[i * size + j] * acceptance(i, j);
          p[i * size + j] = move;
          stay -= move;
        }
        p[i * size + i] = stay;
      }
      return p;
    },
    stationaryDistribution() {
      let lowest = Number.POSITIVE_INFINITY;
      for (const value of table) lowest = Math.min(lowest, value);
      const pi = table.map((value) => portableExp(-(value - lowest) / temperature));
      const total = pi.reduce((a, b) => a + b, 0);
      return pi.map((value) => value / total);
    },
  };
}
