/**
 * Random-walk Metropolis: Gaussian proposals x' = x + σ ⊙ ξ, ξ ~ N(0, I), accepted with
 * probability min(1, exp(−(U(x') − U(x))/T)). The proposal is symmetric, so no Hastings term.
 *
 * The step size σ is one number or one per coordinate (a diagonal proposal covariance, for
 * targets whose scales differ). In high dimension the acceptance rate that mixes best is about
 * 0.234 (Roberts, Gelman and Gilks 1997), reached with σ ≈ 2.38·(target scale)/√n.
 */
import { RandomStream } from '../core/random/index.js';
import { assertOptions } from '../core/validate.js';
import {
  type MetropolisHastingsInfo,
  type MetropolisHastingsState,
  metropolisHastings,
} from './metropolis-hastings.js';
import type { SamplingAlgorithm } from './sampler.js';
import type { PotentialEnergy } from './target.js';
import { assertEnergy, initialPosition, perDimension } from './validate.js';

/** Options of `randomWalkMetropolis`. */
export interface RandomWalkMetropolisOptions {
  /** The target's energy U. */
  energy: PotentialEnergy;
  /** Proposal standard deviation σ > 0: one number, or one per coordinate. */
  stepSize: number | ArrayLike<number>;
  /** T ≥ 0 (default 1); the target is p(x) ∝ exp(−U(x)/T). */
  temperature?: number;
}

/**
 * Random-walk Metropolis targeting p(x) ∝ exp(−U(x)/T) (see `metropolisHastings` for states,
 * infos and the key discipline). The proposal reads d normals from its key, in coordinate order.
 */
export function randomWalkMetropolis(
  options: RandomWalkMetropolisOptions,
): SamplingAlgorithm<MetropolisHastingsState, MetropolisHastingsInfo> {
  const where = 'randomWalkMetropolis';
  assertOptions(where, options);
  assertEnergy(where, options.energy, false);
  const expand = perDimension(where, 'stepSize', options.stepSize);
  let scales: Float64Array | null = null;
  const scalesFor = (dimension: number) => {
    if (scales === null || scales.length !== dimension) scales = expand(dimension);
    return scales;
  };
  const base = metropolisHastings({
    energy: options.energy,
    temperature: options.temperature,
    name: 'random-walk-metropolis',
    proposal(key, position, proposal) {
      const sigma = scalesFor(position.length);
      const stream = new RandomStream(key);
      for (let i = 0; i < position.length; i++) proposal[i] = position[i] + sigma[i] * stream.nextNormal();
      return 0;
    },
  });
  return {
    name: base.name,
    init(position) {
      // Check the step size against the dimension now rather than at the first step.
      scalesFor(initialPosition(`${where}.init`, position).length);
      return base.init(position);
    },
    step: base.step,
  };
}
