/**
 * Acceptance statistics of a run, from the `info` records that sampler steps return.
 *
 * Two numbers answer different questions: the fraction of accepted proposals is what happened;
 * the mean Metropolis acceptance probability is its lower-variance expectation, and is what
 * step-size adaptation targets (≈ 0.234 for random-walk MH in high dimension, 0.574 for MALA,
 * 0.65–0.8 for HMC and NUTS).
 */

/** What `acceptanceRate` reads from each step's info (any `SamplerInfo` has it). */
export interface AcceptanceRecord {
  readonly accepted: boolean;
  readonly acceptanceProbability: number;
}

function assertRecords(where: string, infos: ArrayLike<AcceptanceRecord>): void {
  if (infos === null || typeof infos !== 'object' || typeof infos.length !== 'number') {
    throw new TypeError(`${where}: infos must be an array of step infos`);
  }
  if (infos.length === 0) throw new RangeError(`${where}: infos must hold at least one step, got 0`);
}

/**
 * The fraction of steps whose proposal was accepted.
 *
 * @param infos the `info` of each step (at least one).
 */
export function acceptanceRate(infos: ArrayLike<AcceptanceRecord>): number {
  assertRecords('acceptanceRate', infos);
  let accepted = 0;
  for (let i = 0; i < infos.length; i++) if (infos[i].accepted) accepted++;
  return accepted / infos.length;
}

/**
 * The mean Metropolis acceptance probability over the steps (for NUTS, the mean over steps of
 * the tree's average acceptance statistic).
 *
 * @param infos the `info` of each step (at least one).
 */
export function meanAcceptanceProbability(infos: ArrayLike<AcceptanceRecord>): number {
  assertRecords('meanAcceptanceProbability', infos);
  let s = 0;
  for (let i = 0; i < infos.length; i++) s += infos[i].acceptanceProbability;
  return s / infos.length;
}
