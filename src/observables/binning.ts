/**
 * Binning (blocking) analysis of the error of a mean from a correlated series (Flyvbjerg &
 * Petersen 1989; Ambegaokar & Troyer 2010).
 *
 * The series is cut into bins of B = 1, 2, 4, … consecutive values; the naive standard error of
 * the bin means, σ_B = √(Var(bin means)/bins), grows with B and levels off at the true error
 * once B is much longer than the autocorrelation time. Where the plateau starts is decided with
 * the help of Sokal's windowed τ (less noisy than the binning curve itself): the plateau level
 * is the first one with B ≥ 10·τ (for exponential decay σ_B² then lies within ~5% of its limit),
 * moved further up if a higher level with enough bins is significantly (2σ) above it. The
 * analysis is `converged` when that level still has at least `minimumBins` bins.
 *
 * From the plateau error follow τ = (σ_plateau/σ_naive)² (convention 1 + 2Σρ, as in
 * `windowedAutocorrelationTime`) and n/τ effectively independent samples.
 */
import { type AutocorrelationTime, windowedAutocorrelationTime } from './autocorrelation-time.js';
import { assertSeries, integerOption, positiveOption } from './validate.js';

/** Options of `binningAnalysis`. */
export interface BinningOptions {
  /** Bins the plateau level must keep for a trustworthy error, an integer ≥ 2; 32 by default. */
  minimumBins?: number;
  /** Plateau starts at B ≥ plateauFactor·τ, a number > 0; 10 by default. */
  plateauFactor?: number;
  /** Window factor c of the Sokal estimate of τ; 5 by default. */
  windowFactor?: number;
}

/** One level of the binning curve. */
export interface BinningLevel {
  /** Values per bin, B = 2^level. */
  binSize: number;
  /** Number of full bins, ⌊n/B⌋ (the last n mod B values are left out at this level). */
  bins: number;
  /** √(Var(bin means)/bins), Var with the 1/(bins − 1) normalisation. */
  standardError: number;
  /** Statistical uncertainty of that error, σ_B/√(2(bins − 1)). */
  standardErrorUncertainty: number;
}

/** The outcome of a binning analysis. */
export interface BinningAnalysis {
  /** Number of values n. */
  count: number;
  /** Mean of all n values. */
  mean: number;
  /** Sample variance of the values (1/(n − 1)). */
  variance: number;
  /** The autocorrelation-corrected standard error of the mean: the binning plateau. */
  standardError: number;
  /** The error if the values were independent, √(variance/n). */
  naiveStandardError: number;
  /** τ = (standardError/naiveStandardError)², convention 1 + 2Σρ; 1 for a constant series. */
  tauIntegrated: number;
  /** n/τ: how many independent values would give the same error. */
  effectiveSamples: number;
  /** Sokal's windowed estimate of τ (same convention), used to place the plateau. */
  windowed: AutocorrelationTime;
  /** Bin size of the plateau level. */
  plateauBinSize: number;
  /** True when the plateau level has B ≥ plateauFactor·τ and at least `minimumBins` bins. */
  converged: boolean;
  /** The whole binning curve, B = 1, 2, 4, … while at least 2 bins remain. */
  levels: BinningLevel[];
}

function binLevel(series: ArrayLike<number>, binSize: number): BinningLevel {
  const bins = Math.floor(series.length / binSize);
  let sum = 0;
  let sumOfSquares = 0;
  // Shift by the first bin's first value to keep the variance free of cancellation.
  const shift = series[0];
  for (let b = 0; b < bins; b++) {
    let binSum = 0;
    for (let t = b * binSize; t < (b + 1) * binSize; t++) binSum += series[t] - shift;
    const binMean = binSum / binSize;
    sum += binMean;
    sumOfSquares += binMean * binMean;
  }
  const variance = Math.max(0, (sumOfSquares - (sum * sum) / bins) / (bins - 1));
  const standardError = Math.sqrt(variance / bins);
  return {
    binSize,
    bins,
    standardError,
    standardErrorUncertainty: standardError / Math.sqrt(2 * (bins - 1)),
  };
}

/**
 * The binning analysis of a series: its mean with an autocorrelation-corrected error bar, the
 * integrated autocorrelation time and the binning curve.
 *
 * @param series at least 8 finite values, in time order (one per measurement).
 */
export function binningAnalysis(series: ArrayLike<number>, options: BinningOptions = {}): BinningAnalysis {
  const where = 'binningAnalysis';
  assertSeries(where, 'series', series, 8);
  const minimumBins = integerOption(where, 'minimumBins', options.minimumBins, 32, 2);
  const plateauFactor = positiveOption(where, 'plateauFactor', options.plateauFactor, 10);
  const windowed = windowedAutocorrelationTime(series, { windowFactor: options.windowFactor });
  const n = series.length;
  let mean = 0;
  for (let t = 0; t < n; t++) mean += series[t];
  mean /= n;
  let squares = 0;
  for (let t = 0; t < n; t++) squares += (series[t] - mean) ** 2;
  const variance = squares / (n - 1);
  const naiveStandardError = Math.sqrt(variance / n);

  const levels: BinningLevel[] = [];
  for (let binSize = 1; Math.floor(n / binSize) >= 2; binSize *= 2) levels.push(binLevel(series, binSize));
  if (!(variance > 0)) {
    return {
      count: n,
      mean,
      variance: 0,
      standardError: 0,
      naiveStandardError: 0,
      tauIntegrated: 1,
      effectiveSamples: n,
      windowed,
      plateauBinSize: 1,
      converged: true,
      levels,
    };
  }
  // Usable levels keep enough bins for their error to mean something.
  let lastUsable = -1;
  for (let k = 0; k < levels.length; k++) if (levels[k].bins >= minimumBins) lastUsable = k;
  const target = plateauFactor * windowed.tau;
  let plateau = levels.findIndex((level) => level.binSize >= target);
  let converged = windowed.converged && plateau !== -1 && plateau <= lastUsable;
  if (!converged) plateau = lastUsable >= 0 ? lastUsable : levels.length - 1;
  // A significant rise further up means the plateau was not reached yet.
  for (let k = plateau + 1; k <= lastUsable; k++) {
    const rise = levels[k].standardError - levels[plateau].standardError;
    const noise = Math.hypot(levels[k].standardErrorUncertainty, levels[plateau].standardErrorUncertainty);
    if (rise > 2 * noise) plateau = k;
  }
  if (levels[plateau].bins < minimumBins) converged = false;
  const standardError = levels[plateau].standardError;
  // Binned variance can vanish for a perfectly anticorrelated series; keep τ > 0.
  const tauIntegrated = Math.max((standardError / naiveStandardError) ** 2, 1 / n);
  return {
    count: n,
    mean,
    variance,
    standardError,
    naiveStandardError,
    tauIntegrated,
    effectiveSamples: n / tauIntegrated,
    windowed,
    plateauBinSize: levels[plateau].binSize,
    converged,
    levels,
  };
}
