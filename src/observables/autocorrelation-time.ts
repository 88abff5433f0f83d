/**
 * Integrated autocorrelation time with Sokal's automatic window (Madras & Sokal 1988; Sokal,
 * "Monte Carlo methods in statistical mechanics", 1996, §3).
 *
 * Convention (the one `diagnostics/` uses): τ = 1 + 2 Σ_{t≥1} ρ(t), so that an independent
 * series has τ = 1, the variance of the mean is σ²τ/n, and n/τ is the number of effectively
 * independent samples. (Sokal's τ_int = ½ + Σ ρ(t) is half of this.)
 *
 * The sum is cut at the first window W with W ≥ c·τ(W), c = 5 by default: the noise of the
 * tail of ρ̂ grows with W while the bias of cutting it falls like exp(−W/τ), and c between 4 and
 * 10 balances the two for roughly exponential decay. The statistical error of the estimate is
 * δτ/τ ≈ √(2(2W + 1)/n).
 */
import { autocovariance } from '../diagnostics/index.js';
import { assertSeries, positiveOption } from './validate.js';

/** Lags computed per pass over the data by the direct sums. */
const BLOCK = 8;
/** Budget of direct multiply-adds (n per lag) before switching to the FFT: ~0.1 s. */
const DIRECT_BUDGET = 2 ** 27;

/** γ̂(k)·n for lags first … first + BLOCK − 1 of the centred series, in one pass. */
function directBlock(centred: Float64Array, first: number, out: Float64Array): void {
  const n = centred.length;
  out.fill(0);
  const end = n - first - (BLOCK - 1);
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let s4 = 0;
  let s5 = 0;
  let s6 = 0;
  let s7 = 0;
  for (let t = 0; t < end; t++) {
    const x = centred[t];
    const u = t + first;
    s0 += x * centred[u];
    s1 += x * centred[u + 1];
    s2 += x * centred[u + 2];
    s3 += x * centred[u + 3];
    s4 += x * centred[u + 4];
    s5 += x * centred[u + 5];
    s6 += x * centred[u + 6];
    s7 += x * centred[u + 7];
  }
  out[0] = s0;
  out[1] = s1;
  out[2] = s2;
  out[3] = s3;
  out[4] = s4;
  out[5] = s5;
  out[6] = s6;
  out[7] = s7;
  // The last few products of the shorter lags, skipped by the unrolled loop.
  for (let j = 0; j < BLOCK; j++) {
    for (let t = Math.max(0, end); t + first + j < n; t++) out[j] += centred[t] * centred[t + first + j];
  }
}

/** Options of `windowedAutocorrelationTime`. */
export interface AutocorrelationTimeOptions {
  /** The factor c of the window rule W ≥ c·τ(W), a number > 0; 5 by default. */
  windowFactor?: number;
}

/** The integrated autocorrelation time and how it was obtained. */
export interface AutocorrelationTime {
  /** τ = 1 + 2 Σ_{t=1}^{W} ρ̂(t), in units of the series' spacing; 1 for a constant series. */
  tau: number;
  /** The window W where the sum stopped. */
  window: number;
  /** Estimated standard error of τ, τ·√(2(2W + 1)/n). */
  tauStandardError: number;
  /** False when no window satisfied W ≥ c·τ(W) before n/2: τ is then a lower bound. */
  converged: boolean;
}

/**
 * The integrated autocorrelation time of one series by Sokal's windowed sum (O(n log n)).
 *
 * @param series at least 4 finite values, in time order.
 */
export function windowedAutocorrelationTime(
  series: ArrayLike<number>,
  options: AutocorrelationTimeOptions = {},
): AutocorrelationTime {
  const where = 'windowedAutocorrelationTime';
  assertSeries(where, 'series', series, 4);
  const factor = positiveOption(where, 'windowFactor', options.windowFactor, 5);
  const n = series.length;
  const maxLag = Math.floor(n / 2);
  let mean = 0;
  for (let t = 0; t < n; t++) mean += series[t];
  mean /= n;
  const centred = new Float64Array(n);
  for (let t = 0; t < n; t++) centred[t] = series[t] - mean;
  // Short windows (the usual case) are cheapest by direct sums, BLOCK lags per pass; a window
  // that outgrows the budget switches to the FFT autocovariance of `diagnostics`, O(n log n).
  const directLags = Math.max(64, Math.floor(DIRECT_BUDGET / n));
  let gamma: Float64Array | null = null;
  const block = new Float64Array(BLOCK);
  let blockStart = -BLOCK;
  const covariance = (lag: number): number => {
    if (gamma !== null) return gamma[lag];
    if (lag > directLags) {
      gamma = autocovariance(series, maxLag);
      return gamma[lag];
    }
    if (lag >= blockStart + BLOCK) {
      blockStart = lag;
      directBlock(centred, lag, block);
    }
    return block[lag - blockStart] / n;
  };
  const variance = covariance(0);
  if (!(variance > 0)) return { tau: 1, window: 0, tauStandardError: 0, converged: true };
  let tau = 1;
  for (let window = 1; window <= maxLag; window++) {
    tau += (2 * covariance(window)) / variance;
    if (window >= factor * tau) {
      // A strongly anticorrelated series can drive the partial sum below 0; τ > 0 always.
      const positive = Math.max(tau, 1 / n);
      return {
        tau: positive,
        window,
        tauStandardError: positive * Math.sqrt((2 * (2 * window + 1)) / n),
        converged: true,
      };
    }
  }
  const positive = Math.max(tau, 1 / n);
  return {
    tau: positive,
    window: maxLag,
    tauStandardError: positive * Math.sqrt((2 * (2 * maxLag + 1)) / n),
    converged: false,
  };
}
