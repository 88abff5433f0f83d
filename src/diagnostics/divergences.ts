/**
 * Divergent transitions: steps where a Hamiltonian trajectory's energy error blew past the
 * sampler's threshold, the sign that the step size is too large for the curvature somewhere
 * (e.g. the neck of Neal's funnel). Even a few mean the draws may be biased: reduce the step
 * size (raise the target acceptance) or reparameterise.
 */

/** What `countDivergences` reads from each step's info (`SamplerInfo.divergent`). */
export interface DivergenceRecord {
  readonly divergent?: boolean;
}

/**
 * The number of divergent steps (steps whose info has `divergent: true`).
 *
 * @param infos the `info` of each step; for several chains, pass each chain and add.
 */
export function countDivergences(infos: ArrayLike<DivergenceRecord>): number {
  if (infos === null || typeof infos !== 'object' || typeof infos.length !== 'number') {
    throw new TypeError('countDivergences: infos must be an array of step infos');
  }
  let count = 0;
  for (let i = 0; i < infos.length; i++) if (infos[i].divergent === true) count++;
  return count;
}

/**
 * The fraction of divergent steps, in [0, 1].
 *
 * @param infos the `info` of each step (at least one).
 */
export function divergenceRate(infos: ArrayLike<DivergenceRecord>): number {
  const count = countDivergences(infos);
  if (infos.length === 0) throw new RangeError('divergenceRate: infos must hold at least one step, got 0');
  return count / infos.length;
}
