/**
 * The Metropolis–Hastings accept/reject test, shared by every adjusted sampler.
 *
 * A proposal x → x' is accepted with probability min(1, r), where
 * log r = −(U(x') − U(x))/T + log q(x | x') − log q(x' | x). The probability goes through
 * `portableExp`, and the test is `u < probability` for one 53-bit uniform u, so a chain makes the
 * same decisions, bit for bit, in every JavaScript engine. These functions are also what
 * `discreteMetropolis.transitionMatrix` uses, so the exact kernel and the sampled one agree.
 */
import { portableExp } from '../core/random/index.js';

/**
 * log r for a move from energy `currentEnergy` to `proposedEnergy` at temperature T, plus the
 * Hastings term `logProposalRatio` = log q(x | x') − log q(x' | x) (0 for symmetric proposals).
 *
 * A proposal whose energy is NaN or +∞ gets −∞ (never accepted). At T = 0 the move is accepted
 * exactly when it does not raise the energy (the greedy limit of the Boltzmann factor).
 */
export function metropolisLogRatio(
  currentEnergy: number,
  proposedEnergy: number,
  temperature: number,
  logProposalRatio = 0,
): number {
  if (Number.isNaN(proposedEnergy) || proposedEnergy === Number.POSITIVE_INFINITY) {
    return Number.NEGATIVE_INFINITY;
  }
  const energyChange = proposedEnergy - currentEnergy;
  if (temperature === 0) return energyChange <= 0 ? 0 : Number.NEGATIVE_INFINITY;
  const logRatio = -energyChange / temperature + logProposalRatio;
  return Number.isNaN(logRatio) ? Number.NEGATIVE_INFINITY : logRatio;
}

/** min(1, exp(logRatio)), with the portable exponential; 0 for −∞ or NaN. */
export function acceptanceProbabilityFromLogRatio(logRatio: number): number {
  if (logRatio >= 0) return 1;
  if (!(logRatio > Number.NEGATIVE_INFINITY)) return 0;
  return portableExp(logRatio);
}

/**
 * The accept decision for a uniform `u` in [0, 1): `u < probability`, which holds with
 * probability exactly `probability` on the 2^-53 grid (always for 1, never for 0).
 */
export function acceptProposal(uniform: number, probability: number): boolean {
  return uniform < probability;
}
