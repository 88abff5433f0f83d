/**
 * Equilibration checks for a Markov chain's time series.
 *
 * - MSER (marginal standard error rule, White 1997; MSER-5 of White, Cobb & Spratt 2000): over
 *   batch means Y_1 … Y_k (batches of 5 values), choose the truncation d ≤ k/2 minimising
 *   Σ_{j>d}(Y_j − Ȳ_d)²/(k − d)², the squared error of the mean of what is kept. A transient at
 *   the start inflates the sum and is cut off; a stationary series gives d near 0.
 * - Halves: the means of the first and second halves of a series compared in units of their
 *   autocorrelation-corrected errors (binning). A drift left in the measurement phase shows as
 *   a large |z|.
 * `equilibrationReport` runs both on the burn-in and measured parts of a chain.
 */
import { binningAnalysis } from './binning.js';
import { assertSeries, integerOption, positiveOption } from './validate.js';

/** Options of `mserTruncation`. */
export interface MserOptions {
  /** Values per batch, an integer ≥ 1; 5 by default (MSER-5). */
  batchSize?: number;
}

/**
 * The MSER truncation point: how many leading values of `series` to discard (a multiple of
 * the batch size, at most half the series).
 *
 * @param series at least 2 batches of finite values.
 */
export function mserTruncation(series: ArrayLike<number>, options: MserOptions = {}): number {
  const where = 'mserTruncation';
  const batchSize = integerOption(where, 'batchSize', options.batchSize, 5, 1);
  assertSeries(where, 'series', series, 2 * batchSize);
  const batches = Math.floor(series.length / batchSize);
  const batchMeans = new Float64Array(batches);
  const shift = series[0];
  for (let j = 0; j < batches; j++) {
    let sum = 0;
    for (let t = j * batchSize; t < (j + 1) * batchSize; t++) sum += series[t] - shift;
    batchMeans[j] = sum / batchSize;
  }
  // Suffix sums give every candidate's statistic in O(k).
  let sum = 0;
  let sumOfSquares = 0;
  const statistic = new Float64Array(batches);
  for (let d = batches - 1; d >= 0; d--) {
    sum += batchMeans[d];
    sumOfSquares += batchMeans[d] * batchMeans[d];
    const kept = batches - d;
    statistic[d] = Math.max(0, sumOfSquares - (sum * sum) / kept) / (kept * kept);
  }
  let best = 0;
  for (let d = 1; d <= Math.floor(batches / 2); d++) if (statistic[d] < statistic[best]) best = d;
  return best * batchSize;
}

/** The comparison of the two halves of a series. */
export interface HalvesComparison {
  /** Mean of the first half. */
  firstMean: number;
  /** Mean of the second half. */
  secondMean: number;
  /** √(σ₁² + σ₂²) from the binning errors of the halves. */
  standardError: number;
  /** (second − first)/standardError; 0 when both halves are constant and equal. */
  zScore: number;
}

/**
 * Compares the means of the first and second halves of `series` (each with a binning error).
 *
 * @param series at least 16 finite values.
 */
export function compareHalves(series: ArrayLike<number>): HalvesComparison {
  assertSeries('compareHalves', 'series', series, 16);
  const half = Math.floor(series.length / 2);
  const values = Array.from(series);
  const first = binningAnalysis(values.slice(0, half), { minimumBins: 8 });
  const second = binningAnalysis(values.slice(series.length - half), { minimumBins: 8 });
  const standardError = Math.hypot(first.standardError, second.standardError);
  const difference = second.mean - first.mean;
  const zScore =
    standardError > 0 ? difference / standardError : difference === 0 ? 0 : Math.sign(difference) * Infinity;
  return { firstMean: first.mean, secondMean: second.mean, standardError, zScore };
}

/** Options of `equilibrationReport`. */
export interface EquilibrationOptions {
  /** |z| of the halves test above which the series is flagged; 4 by default. */
  zThreshold?: number;
  /** Batch size of MSER; 5 by default. */
  batchSize?: number;
}

/** What the equilibration checks found. */
export interface EquilibrationReport {
  /** Values of the burn-in part (discarded before measuring). */
  burnInValues: number;
  /** MSER truncation over burn-in + measurements, in values from the start of the burn-in. */
  mserTruncation: number;
  /** Halves test on the measured part; null if it has fewer than 16 values. */
  halves: HalvesComparison | null;
  /** True when MSER cuts no further than the burn-in and |z| ≤ the threshold. */
  equilibrated: boolean;
  /** Human-readable reasons when `equilibrated` is false. */
  warnings: string[];
}

/**
 * Equilibration checks of a chain whose first `burnIn.length` values were discarded as burn-in
 * and whose `measured` values were kept: MSER on the whole record (it should not want to cut
 * into the measurements) and the halves test on the measurements (no drift left).
 */
export function equilibrationReport(
  burnIn: ArrayLike<number>,
  measured: ArrayLike<number>,
  options: EquilibrationOptions = {},
): EquilibrationReport {
  const where = 'equilibrationReport';
  assertSeries(where, 'burnIn', burnIn, 0);
  assertSeries(where, 'measured', measured, 1);
  const threshold = positiveOption(where, 'zThreshold', options.zThreshold, 4);
  const batchSize = integerOption(where, 'batchSize', options.batchSize, 5, 1);
  const record = [...Array.from(burnIn), ...Array.from(measured)];
  const warnings: string[] = [];
  let truncation = 0;
  if (record.length >= 2 * batchSize) {
    truncation = mserTruncation(record, { batchSize });
    // MSER works in whole batches: only a cut beyond the burn-in's last batch is a finding.
    if (truncation > burnIn.length + batchSize) {
      warnings.push(
        `MSER would discard the first ${truncation} values, ${truncation - burnIn.length} more than ` +
          `the ${burnIn.length} of the burn-in: lengthen the burn-in`,
      );
    }
  }
  const halves = measured.length >= 16 ? compareHalves(measured) : null;
  if (halves !== null && !(Math.abs(halves.zScore) <= threshold)) {
    warnings.push(
      `the two halves of the measurements differ by ${halves.zScore.toFixed(1)} standard errors ` +
        `(threshold ${threshold}): the chain may still drift`,
    );
  }
  return {
    burnInValues: burnIn.length,
    mserTruncation: truncation,
    halves,
    equilibrated: warnings.length === 0,
    warnings,
  };
}
