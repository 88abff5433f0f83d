/**
 * Jackknife error bars for non-linear functions of means (specific heat, susceptibility, Binder
 * cumulant), over bins so that autocorrelation is accounted for (Efron 1982; Young, "Everything
 * you wanted to know about data analysis and fitting but were afraid to ask", 2015, §4).
 *
 * The series are cut into `bins` bins of `binSize` consecutive values (longer than the
 * autocorrelation time, so the bins are nearly independent). Leaving out bin b gives the means
 * x̄⁽ᵇ⁾ of every series and the estimate θ_b = f(x̄⁽ᵇ⁾); then
 *
 *   σ_θ² = (bins − 1)/bins · Σ_b (θ_b − θ̄)²,   θ_J = bins·f(x̄) − (bins − 1)·θ̄,
 *
 * θ_J removing the O(1/n) bias of f(x̄) (e.g. of ⟨e²⟩ − ⟨e⟩², low by Var(ē)).
 */
import { assertSeries, describe, integerOption } from './validate.js';

/** Options of `jackknife`. */
export interface JackknifeOptions {
  /** Values per bin, an integer ≥ 1 with at least 2 bins; chosen from `bins` when left out. */
  binSize?: number;
  /** Number of bins when `binSize` is left out, an integer ≥ 2; 64 by default (fewer if short). */
  bins?: number;
}

/** A jackknife estimate. */
export interface JackknifeResult {
  /** The bias-corrected estimate θ_J. */
  mean: number;
  /** Jackknife standard error. */
  stderr: number;
  /** The plain estimate f(x̄) over the binned values. */
  plainEstimate: number;
  /** The estimated bias f(x̄) − θ_J that was removed. */
  bias: number;
  /** Number of bins. */
  bins: number;
  /** Values per bin (the last n mod binSize values are left out). */
  binSize: number;
}

/**
 * The jackknife estimate of `estimator(means)` where `means[i]` is the mean of `series[i]`.
 *
 * @param series one or more series of equal length (at least 2 values), in time order.
 * @param estimator the function of the means; it may return NaN for degenerate means.
 */
export function jackknife(
  series: ReadonlyArray<ArrayLike<number>>,
  estimator: (means: Float64Array) => number,
  options: JackknifeOptions = {},
): JackknifeResult {
  const where = 'jackknife';
  if (!Array.isArray(series) || series.length < 1) {
    throw new TypeError(`${where}: series must be a non-empty array of series, got ${describe(series)}`);
  }
  if (typeof estimator !== 'function') {
    throw new TypeError(`${where}: estimator must be a function of the means, got ${describe(estimator)}`);
  }
  const n = series[0].length;
  series.forEach((values, i) => {
    assertSeries(where, `series[${i}]`, values, 2);
    if (values.length !== n) {
      throw new RangeError(
        `${where}: series[${i}] has ${values.length} values, series[0] has ${n}; they must match`,
      );
    }
  });
  let binSize: number;
  if (options.binSize !== undefined) {
    binSize = integerOption(where, 'binSize', options.binSize, 1, 1, Math.floor(n / 2));
  } else {
    const bins = integerOption(where, 'bins', options.bins, 64, 2);
    binSize = Math.max(1, Math.floor(n / Math.min(bins, n)));
  }
  const bins = Math.floor(n / binSize);
  const count = series.length;
  // binSums[i·bins + b]: sum of series i over bin b.
  const binSums = new Float64Array(count * bins);
  const totals = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const values = series[i];
    for (let b = 0; b < bins; b++) {
      let sum = 0;
      for (let t = b * binSize; t < (b + 1) * binSize; t++) sum += values[t];
      binSums[i * bins + b] = sum;
      totals[i] += sum;
    }
  }
  const used = bins * binSize;
  const means = new Float64Array(count);
  for (let i = 0; i < count; i++) means[i] = totals[i] / used;
  const plainEstimate = estimator(means.slice());
  const leaveOneOut = new Float64Array(bins);
  for (let b = 0; b < bins; b++) {
    for (let i = 0; i < count; i++) means[i] = (totals[i] - binSums[i * bins + b]) / (used - binSize);
    leaveOneOut[b] = estimator(means);
  }
  let average = 0;
  for (let b = 0; b < bins; b++) average += leaveOneOut[b];
  average /= bins;
  let squares = 0;
  for (let b = 0; b < bins; b++) squares += (leaveOneOut[b] - average) ** 2;
  const mean = bins * plainEstimate - (bins - 1) * average;
  return {
    mean,
    stderr: Math.sqrt(((bins - 1) / bins) * squares),
    plainEstimate,
    bias: plainEstimate - mean,
    bins,
    binSize,
  };
}
