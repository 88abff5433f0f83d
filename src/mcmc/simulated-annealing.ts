/**
 * Simulated annealing (Kirkpatrick, Gelatt and Vecchi 1983): random-walk Metropolis at a
 * temperature that falls with the step, Tₜ = schedule(t). At high T the chain crosses barriers;
 * as T → 0 it settles into a minimum, and with a slow enough (logarithmic) cooling into the
 * global one. The state remembers the lowest-energy point visited, which is the answer of the
 * optimisation (the current point may have moved uphill since).
 */
import { RandomStream, split, uniform } from '../core/random/index.js';
import { assertFunction, assertOptions } from '../core/validate.js';
import type { Schedule } from '../schedules/schedule.js';
import { acceptanceProbabilityFromLogRatio, acceptProposal, metropolisLogRatio } from './acceptance.js';
import type { SamplerInfo, SamplerState, SamplingAlgorithm } from './sampler.js';
import type { PotentialEnergy } from './target.js';
import { assertEnergy, initialPosition, perDimension, scheduleValue } from './validate.js';

/** Options of `simulatedAnnealing`. */
export interface SimulatedAnnealingOptions {
  /** The energy to minimise. */
  energy: PotentialEnergy;
  /** Standard deviation of the Gaussian proposal: one number or one per coordinate, > 0. */
  stepSize: number | ArrayLike<number>;
  /** The temperature at each step t = 0, 1, …: finite and ≥ 0 (e.g. a geometric cooling). */
  schedule: Schedule;
}

/** State of an annealing run. */
export interface SimulatedAnnealingState extends SamplerState {
  /** Steps taken so far (the schedule's argument for the next step). */
  readonly step: number;
  /** The lowest-energy point visited (owned by the state; shared with `position` when equal). */
  readonly bestPosition: Float64Array;
  /** U(bestPosition). */
  readonly bestEnergy: number;
}

/** What one annealing step reports. */
export interface SimulatedAnnealingInfo extends SamplerInfo {
  /** The temperature of this step. */
  readonly temperature: number;
  /** U at the proposal. */
  readonly proposedEnergy: number;
}

/**
 * Simulated annealing by Gaussian random-walk Metropolis. A step splits its key into a proposal
 * key (d normals) and an acceptance key (one uniform).
 */
export function simulatedAnnealing(
  options: SimulatedAnnealingOptions,
): SamplingAlgorithm<SimulatedAnnealingState, SimulatedAnnealingInfo> {
  const where = 'simulatedAnnealing';
  assertOptions(where, options);
  const { energy, schedule } = options;
  assertEnergy(where, energy, false);
  assertFunction(where, 'schedule', schedule);
  const expand = perDimension(where, 'stepSize', options.stepSize);
  let scales: Float64Array | null = null;
  const scalesFor = (dimension: number) => {
    if (scales === null || scales.length !== dimension) scales = expand(dimension);
    return scales;
  };
  return {
    name: 'simulated-annealing',
    init(position) {
      const x = initialPosition(`${where}.init`, position, energy.dimension);
      scalesFor(x.length);
      const value = energy.energy(x);
      if (Number.isNaN(value) || value === Number.POSITIVE_INFINITY) {
        throw new RangeError(`${where}.init: the energy at the initial position must be < +∞, got ${value}`);
      }
      return { position: x, energy: value, step: 0, bestPosition: x, bestEnergy: value };
    },
    step(key, state) {
      const temperature = scheduleValue(where, 'schedule', schedule, state.step, false);
      const { position } = state;
      const sigma = scalesFor(position.length);
      const [proposalKey, acceptanceKey] = split(key, 2);
      const stream = new RandomStream(proposalKey);
      const proposal = new Float64Array(position.length);
      for (let i = 0; i < position.length; i++) proposal[i] = position[i] + sigma[i] * stream.nextNormal();
      const proposedEnergy = energy.energy(proposal);
      const acceptanceProbability = acceptanceProbabilityFromLogRatio(
        metropolisLogRatio(state.energy, proposedEnergy, temperature),
      );
      const accepted = acceptProposal(uniform(acceptanceKey, 1)[0], acceptanceProbability);
      const info = { acceptanceProbability, accepted, temperature, proposedEnergy };
      const step = state.step + 1;
      if (!accepted) return [{ ...state, step }, info];
      const improved = proposedEnergy < state.bestEnergy;
      return [
        {
          position: proposal,
          energy: proposedEnergy,
          step,
          bestPosition: improved ? proposal : state.bestPosition,
          bestEnergy: improved ? proposedEnergy : state.bestEnergy,
        },
        info,
      ];
    },
  };
}
