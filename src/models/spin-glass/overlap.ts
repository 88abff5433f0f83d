/**
 * The spin-glass order parameter: the overlap q = (1/N) Σ_i s_i^a s_i^b between two replicas a
 * and b, independent copies of the system with the same couplings. In the paramagnet q ≈ 0
 * (P(q) a narrow Gaussian of variance ≈ 1/N); in a spin glass P(q) has weight near ±q_EA and,
 * for SK (Parisi), a continuous part in between.
 *
 * Summaries of a sample of overlaps:
 * - the histogram P(q) over the N + 1 possible values q = −1 + 2k/N;
 * - the moments ⟨|q|⟩, ⟨q²⟩, ⟨q⁴⟩ and the spin-glass susceptibility χ_SG = N⟨q²⟩;
 * - the Binder ratio g = ½(3 − ⟨q⁴⟩/⟨q²⟩²): 0 for Gaussian q, 1 for q = ±q_EA; curves of g
 *   against T for several N cross at T_c.
 * Error bars come from a block jackknife over consecutive measurements, which accounts for
 * their autocorrelation when the blocks are longer than it, and for the bias of the ratio.
 */
import { assertInteger, describe, finiteArray } from '../../core/validate.js';

/** The overlap q = (1/N) Σ a_i b_i of two configurations of N spins. */
export function overlap(first: ArrayLike<number>, second: ArrayLike<number>): number {
  const n = first.length;
  if (second.length !== n || n === 0) {
    throw new RangeError(
      `overlap: first and second must have the same, non-zero length, got ${n} and ${second.length}`,
    );
  }
  let sum = 0;
  for (let i = 0; i < n; i++) sum += first[i] * second[i];
  return sum / n;
}

/** Moments of an overlap distribution and what is derived from them. */
export interface OverlapMoments {
  /** ⟨|q|⟩. */
  readonly meanAbsolute: number;
  /** ⟨q²⟩. */
  readonly secondMoment: number;
  /** ⟨q⁴⟩. */
  readonly fourthMoment: number;
  /** χ_SG = N⟨q²⟩. */
  readonly spinGlassSusceptibility: number;
  /** g = ½(3 − ⟨q⁴⟩/⟨q²⟩²). */
  readonly binderRatio: number;
}

/** An overlap distribution on the N + 1 values q = −1 + 2k/N, k = 0 … N. */
export interface OverlapDistribution extends OverlapMoments {
  /** The possible overlaps, ascending. */
  readonly overlaps: Float64Array;
  /** P(q) at each (summing to 1). */
  readonly probabilities: Float64Array;
}

/** Summary of a sample of overlaps: the empirical distribution, moments, jackknife errors. */
export interface OverlapStatistics extends OverlapDistribution {
  /** Number of overlaps summarised. */
  readonly count: number;
  /** Jackknife standard errors of the moments (NaN with fewer than 2 blocks). */
  readonly standardErrors: OverlapMoments;
  /** Blocks used by the jackknife. */
  readonly blocks: number;
}

/** Moments from the sums Σ|q|, Σq², Σq⁴ over `count` values. */
export function overlapMoments(
  size: number,
  absolute: number,
  second: number,
  fourth: number,
): OverlapMoments {
  const q2 = second;
  return {
    meanAbsolute: absolute,
    secondMoment: q2,
    fourthMoment: fourth,
    spinGlassSusceptibility: size * q2,
    binderRatio: 0.5 * (3 - fourth / (q2 * q2)),
  };
}

/** Options of {@link overlapStatistics}. */
export interface OverlapStatisticsOptions {
  /** Jackknife blocks, an integer ≥ 2 (default 20, or fewer when there are fewer overlaps). */
  blocks?: number;
}

/**
 * Histogram, moments and jackknife errors of a time series of overlaps of N-spin replicas
 * (values are snapped to the nearest of the N + 1 possible overlaps for the histogram).
 */
export function overlapStatistics(
  overlaps: ArrayLike<number>,
  size: number,
  options: OverlapStatisticsOptions = {},
): OverlapStatistics {
  const where = 'overlapStatistics';
  assertInteger(where, 'size', size, 1);
  const values = finiteArray(where, 'overlaps', overlaps);
  const count = values.length;
  if (count === 0) throw new RangeError(`${where}: overlaps must not be empty`);
  const blocks = options.blocks ?? Math.min(20, count);
  assertInteger(where, 'blocks', blocks, 1, count);
  const support = Float64Array.from({ length: size + 1 }, (_, k) => -1 + (2 * k) / size);
  const probabilities = new Float64Array(size + 1);
  // Per-block sums, for the jackknife.
  const sums = new Float64Array(3 * blocks);
  const counts = new Float64Array(blocks);
  for (let t = 0; t < count; t++) {
    const q = values[t];
    if (q < -1 - 1e-9 || q > 1 + 1e-9)
      throw new RangeError(`${where}: overlaps[${t}] must lie in [−1, 1], got ${describe(q)}`);
    probabilities[Math.min(size, Math.max(0, Math.round(((q + 1) * size) / 2)))] += 1 / count;
    const block = Math.floor((t * blocks) / count);
    const q2 = q * q;
    sums[3 * block] += Math.abs(q);
    sums[3 * block + 1] += q2;
    sums[3 * block + 2] += q2 * q2;
    counts[block]++;
  }
  const total = [0, 0, 0];
  for (let b = 0; b < blocks; b++) for (let m = 0; m < 3; m++) total[m] += sums[3 * b + m];
  const moments = overlapMoments(size, total[0] / count, total[1] / count, total[2] / count);
  const names = [
    'meanAbsolute',
    'secondMoment',
    'fourthMoment',
    'spinGlassSusceptibility',
    'binderRatio',
  ] as const;
  const errors: Record<(typeof names)[number], number> = {
    meanAbsolute: Number.NaN,
    secondMoment: Number.NaN,
    fourthMoment: Number.NaN,
    spinGlassSusceptibility: Number.NaN,
    binderRatio: Number.NaN,
  };
  if (blocks >= 2) {
    const leaveOut = names.map(() => new Float64Array(blocks));
    for (let b = 0; b < blocks; b++) {
      const rest = count - counts[b];
      const m = overlapMoments(
        size,
        (total[0] - sums[3 * b]) / rest,
        (total[1] - sums[3 * b + 1]) / rest,
        (total[2] - sums[3 * b + 2]) / rest,
      );
      names.forEach((name, index) => {
        leaveOut[index][b] = m[name];
      });
    }
    names.forEach((name, index) => {
      const estimates = leaveOut[index];
      let mean = 0;
      for (const value of estimates) mean += value / blocks;
      let squares = 0;
      for (const value of estimates) squares += (value - mean) ** 2;
      errors[name] = Math.sqrt(((blocks - 1) / blocks) * squares);
    });
  }
  return { ...moments, overlaps: support, probabilities, count, standardErrors: errors, blocks };
}
