/**
 * Metropolis–Hastings with any proposal: the adjusted sampler every other Metropolis method
 * here is a case of (random walk, simulated annealing, the replicas of parallel tempering).
 *
 * One step draws x' from q(· | x), then accepts it with probability
 * min(1, exp(−(U(x') − U(x))/T) · q(x | x')/q(x' | x)); otherwise the chain stays at x. The
 * proposal reports the Hastings term log q(x | x') − log q(x' | x) itself (0 when symmetric),
 * so asymmetric proposals are corrected and the chain satisfies detailed balance with respect to
 * p(x) ∝ exp(−U(x)/T).
 */
import { type Key, split, uniform } from '../core/random/index.js';
import { assertFunction, assertOptions } from '../core/validate.js';
import { acceptanceProbabilityFromLogRatio, acceptProposal, metropolisLogRatio } from './acceptance.js';
import type { SamplerInfo, SamplerState, SamplingAlgorithm } from './sampler.js';
import type { PotentialEnergy } from './target.js';
import { assertEnergy, initialPosition, temperatureOption } from './validate.js';

/**
 * A proposal kernel q(x' | x): writes x' into `proposal` (never modifies `position`) using the
 * randomness of `key` only, and returns log q(x | x') − log q(x' | x) (0 for a symmetric kernel).
 */
export type Proposal = (key: Key, position: Float64Array, proposal: Float64Array) => number;

/** Options of `metropolisHastings`. */
export interface MetropolisHastingsOptions {
  /** The target's energy U. */
  energy: PotentialEnergy;
  /** The proposal kernel, with its Hastings term. */
  proposal: Proposal;
  /** T ≥ 0 (default 1); at T = 0 only moves that do not raise U are accepted (a random search). */
  temperature?: number;
  /** Name of the algorithm (default "metropolis-hastings"). */
  name?: string;
}

/** State of a Metropolis–Hastings chain: the current point and U there. */
export interface MetropolisHastingsState extends SamplerState {}

/** What one Metropolis–Hastings step reports. */
export interface MetropolisHastingsInfo extends SamplerInfo {
  /** U at the proposed point (whether accepted or not). */
  readonly proposedEnergy: number;
}

/**
 * Metropolis–Hastings targeting p(x) ∝ exp(−U(x)/T) with a user-supplied proposal.
 *
 * A step splits its key into a proposal key and an acceptance key; a rejected step returns the
 * same state object. A step allocates only the proposed position (reused after a rejection).
 */
export function metropolisHastings(
  options: MetropolisHastingsOptions,
): SamplingAlgorithm<MetropolisHastingsState, MetropolisHastingsInfo> {
  const where = 'metropolisHastings';
  assertOptions(where, options);
  const { energy, proposal } = options;
  assertEnergy(where, energy, false);
  assertFunction(where, 'proposal', proposal);
  const temperature = temperatureOption(where, options.temperature, true);
  // A rejected proposal's buffer is reused; an accepted one belongs to the new state.
  let scratch: Float64Array | null = null;
  return {
    name: options.name ?? 'metropolis-hastings',
    init(position) {
      const x = initialPosition(`${where}.init`, position, energy.dimension);
      const value = energy.energy(x);
      if (Number.isNaN(value) || value === Number.POSITIVE_INFINITY) {
        throw new RangeError(`${where}.init: the energy at the initial position must be < +∞, got ${value}`);
      }
      return { position: x, energy: value };
    },
    step(key, state) {
      const [proposalKey, acceptanceKey] = split(key, 2);
      const dimension = state.position.length;
      const proposed =
        scratch !== null && scratch.length === dimension ? scratch : new Float64Array(dimension);
      const logProposalRatio = proposal(proposalKey, state.position, proposed);
      const proposedEnergy = energy.energy(proposed);
      const logRatio = metropolisLogRatio(state.energy, proposedEnergy, temperature, logProposalRatio);
      const acceptanceProbability = acceptanceProbabilityFromLogRatio(logRatio);
      const accepted = acceptProposal(uniform(acceptanceKey, 1)[0], acceptanceProbability);
      const info = { acceptanceProbability, accepted, proposedEnergy };
      if (!accepted) {
        scratch = proposed;
        return [state, info];
      }
      scratch = null;
      return [{ position: proposed, energy: proposedEnergy }, info];
    },
  };
}
