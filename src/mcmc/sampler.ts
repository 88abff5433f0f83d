/**
 * The sampler contract, after BlackJAX: a sampling algorithm is a pair of pure-looking
 * functions `init(position)` and `step(key, state) → [state, info]`. States are plain
 * records; all randomness comes from the key passed to `step`. At temperature T a sampler
 * targets p(x) ∝ exp(−U(x)/T); an optimizer is the same dynamics at T = 0.
 */
import type { Key } from '../core/random/index.js';

/** What every sampler state exposes. */
export interface SamplerState {
  /** The current point x (owned by the state; copy it to keep it). */
  readonly position: Float64Array;
  /** U(x) at the current point. */
  readonly energy: number;
}

/** What every step reports. */
export interface SamplerInfo {
  /** Metropolis acceptance probability of this step's proposal (1 for unadjusted dynamics). */
  readonly acceptanceProbability: number;
  /** Whether the proposal was accepted (always true for unadjusted dynamics). */
  readonly accepted: boolean;
  /** True when the step hit a numerical divergence (e.g. HMC energy error above a bound). */
  readonly divergent?: boolean;
  /** Gradient evaluations spent by this step (for cost accounting). */
  readonly gradientEvaluations?: number;
}

export interface SamplingAlgorithm<
  State extends SamplerState = SamplerState,
  Info extends SamplerInfo = SamplerInfo,
> {
  readonly name: string;
  init(position: ArrayLike<number>): State;
  step(key: Key, state: State): [State, Info];
}
