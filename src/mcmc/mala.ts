/**
 * The Metropolis-adjusted Langevin algorithm (MALA): the ULA move used as a proposal,
 *
 *   x' = x − h ∇U(x) + √(2hT) ξ,   i.e. q(x' | x) = N(x' ; x − h∇U(x), 2hT·I),
 *
 * accepted with probability min(1, exp(−(U(x') − U(x))/T) · q(x | x')/q(x' | x)). The proposal is
 * not symmetric, so the Hastings term
 *
 *   log q(x | x') − log q(x' | x) = −(|x − x' + h∇U(x')|² − |x' − x + h∇U(x)|²)/(4hT)
 *
 * is what makes the chain exact: it removes ULA's O(h) bias at any step size (Roberts and
 * Tweedie 1996). A step costs one gradient evaluation (at the proposal; the current point's
 * gradient is kept in the state).
 */
import { RandomStream } from '../core/random/index.js';
import { assertOptions, assertPositive } from '../core/validate.js';
import { acceptanceProbabilityFromLogRatio, acceptProposal, metropolisLogRatio } from './acceptance.js';
import { type LangevinState, langevinInit } from './overdamped-langevin.js';
import type { SamplerInfo, SamplingAlgorithm } from './sampler.js';
import type { DifferentiableEnergy } from './target.js';
import { assertEnergy, temperatureOption } from './validate.js';

/** Options of `mala`. */
export interface MalaOptions {
  /** The target's energy U, with its gradient. */
  energy: DifferentiableEnergy;
  /** Step size h > 0 of the Langevin proposal. */
  stepSize: number;
  /** T > 0 (default 1). */
  temperature?: number;
}

/** What one MALA step reports. */
export interface MalaInfo extends SamplerInfo {
  /** True when U at the proposal was not finite (the proposal is then rejected). */
  readonly divergent: boolean;
  readonly gradientEvaluations: number;
  /** U at the proposal. */
  readonly proposedEnergy: number;
}

/**
 * MALA targeting p(x) ∝ exp(−U(x)/T). A step reads d normals then one uniform from its key; a
 * rejected step returns the same state object.
 */
export function mala(options: MalaOptions): SamplingAlgorithm<LangevinState, MalaInfo> {
  const where = 'mala';
  assertOptions(where, options);
  const { energy, stepSize } = options;
  assertEnergy(where, energy, true);
  assertPositive(where, 'stepSize', stepSize);
  const temperature = temperatureOption(where, options.temperature, false);
  const noiseScale = Math.sqrt(2 * stepSize * temperature);
  return {
    name: 'mala',
    init: (position) => langevinInit(`${where}.init`, energy, position),
    step(key, state) {
      const { position, gradient } = state;
      const dimension = position.length;
      const stream = new RandomStream(key);
      const proposal = new Float64Array(dimension);
      for (let i = 0; i < dimension; i++) {
        proposal[i] = position[i] - stepSize * gradient[i] + noiseScale * stream.nextNormal();
      }
      const proposalGradient = new Float64Array(dimension);
      const proposedEnergy = energy.energyAndGradient(proposal, proposalGradient);
      let forward = 0;
      let backward = 0;
      for (let i = 0; i < dimension; i++) {
        const f = proposal[i] - position[i] + stepSize * gradient[i];
        const b = position[i] - proposal[i] + stepSize * proposalGradient[i];
        forward += f * f;
        backward += b * b;
      }
      const logProposalRatio = -(backward - forward) / (4 * stepSize * temperature);
      const logRatio = metropolisLogRatio(state.energy, proposedEnergy, temperature, logProposalRatio);
      const acceptanceProbability = acceptanceProbabilityFromLogRatio(logRatio);
      const accepted = acceptProposal(stream.nextUniform(), acceptanceProbability);
      const info = {
        acceptanceProbability,
        accepted,
        divergent: !Number.isFinite(proposedEnergy),
        gradientEvaluations: 1,
        proposedEnergy,
      };
      if (!accepted) return [state, info];
      return [{ position: proposal, energy: proposedEnergy, gradient: proposalGradient }, info];
    },
  };
}
