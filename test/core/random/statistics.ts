/**
 * Goodness-of-fit tools for the random-number tests: χ² and Kolmogorov–Smirnov p-values, exact
 * CDFs, and z-scores of sample moments. Written for the tests only (no statistics module is a
 * dependency of `src/core/random`), and checked against textbook values in `statistics.test.ts`.
 *
 * Thresholds used by the tests: a p-value must exceed `P_VALUE_THRESHOLD` (1e-6) and a z-score
 * must stay within `Z_THRESHOLD` (5, two-sided probability 5.7e-7). A correct generator thus
 * fails one check with probability about 1e-6 for a random seed; the seeds are fixed, so the
 * outcome is deterministic, and each test also has a negative control showing it can fail.
 */

/** Smallest p-value accepted by a goodness-of-fit check. */
export const P_VALUE_THRESHOLD = 1e-6;
/** Largest |z| accepted for a moment. */
export const Z_THRESHOLD = 5;

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** log Γ(x) for x > 0 (Lanczos, g = 7; relative error about 1e-15). */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let sum = LANCZOS[0];
  for (let i = 1; i < 9; i++) sum += LANCZOS[i] / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** Upper regularised incomplete gamma Q(a, x) = Γ(a, x) / Γ(a) (series or continued fraction). */
export function gammaQ(a: number, x: number): number {
  if (x <= 0) return 1;
  const logPrefix = -x + a * Math.log(x) - logGamma(a);
  if (x < a + 1) {
    // Series for P(a, x).
    let term = 1 / a;
    let sum = term;
    for (let n = 1; n < 10000; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * 1e-16) break;
    }
    return Math.max(0, 1 - sum * Math.exp(logPrefix));
  }
  // Modified Lentz continued fraction for Q(a, x).
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 10000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(logPrefix) * h;
}

/** P(χ²_k ≥ statistic). */
export function chiSquarePValue(statistic: number, degreesOfFreedom: number): number {
  return gammaQ(degreesOfFreedom / 2, statistic / 2);
}

/** Result of a goodness-of-fit test. */
export interface TestResult {
  statistic: number;
  pValue: number;
}

/**
 * Pearson's χ² test of observed counts against expected probabilities (which must sum to 1).
 * A category with probability 0 must never be observed: if it is, the p-value is 0.
 */
export function chiSquareTest(observed: ArrayLike<number>, probabilities: ArrayLike<number>): TestResult {
  let total = 0;
  for (let i = 0; i < observed.length; i++) total += observed[i];
  let statistic = 0;
  let categories = 0;
  for (let i = 0; i < observed.length; i++) {
    const expected = total * probabilities[i];
    if (expected === 0) {
      if (observed[i] !== 0) return { statistic: Number.POSITIVE_INFINITY, pValue: 0 };
      continue;
    }
    categories++;
    statistic += (observed[i] - expected) ** 2 / expected;
  }
  return { statistic, pValue: chiSquarePValue(statistic, categories - 1) };
}

/** Counts of each integer value 0 … size − 1 in `values` (throws on a value out of range). */
export function histogram(values: ArrayLike<number>, size: number): Float64Array {
  const counts = new Float64Array(size);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!(v >= 0 && v < size && Number.isInteger(v)))
      throw new Error(`value ${v} at ${i} outside [0, ${size})`);
    counts[v]++;
  }
  return counts;
}

/** Kolmogorov's limiting distribution: P(K > lambda) = 2 Σ (−1)^(j−1) exp(−2 j² λ²). */
export function kolmogorovSurvival(lambda: number): number {
  if (lambda <= 0) return 1;
  if (lambda < 1.18) {
    // The alternating series converges slowly here; use the dual (theta-function) series.
    const y = Math.exp((-Math.PI * Math.PI) / (8 * lambda * lambda));
    let sum = 0;
    for (let j = 1; j < 50; j += 2) sum += y ** (j * j);
    return 1 - (Math.sqrt(2 * Math.PI) / lambda) * sum;
  }
  let sum = 0;
  for (let j = 1; j < 100; j++) sum += (j % 2 === 1 ? 2 : -2) * Math.exp(-2 * j * j * lambda * lambda);
  return Math.max(0, sum);
}

/**
 * One-sample Kolmogorov–Smirnov test of `samples` against a continuous CDF, with Stephens'
 * finite-n correction λ = (√n + 0.12 + 0.11/√n)·D (accurate for n ≥ 35).
 */
export function kolmogorovSmirnovTest(samples: ArrayLike<number>, cdf: (x: number) => number): TestResult {
  const sorted = Float64Array.from(samples).sort();
  const n = sorted.length;
  let d = 0;
  for (let i = 0; i < n; i++) {
    const f = cdf(sorted[i]);
    d = Math.max(d, f - i / n, (i + 1) / n - f);
  }
  const rootN = Math.sqrt(n);
  return { statistic: d, pValue: kolmogorovSurvival((rootN + 0.12 + 0.11 / rootN) * d) };
}

/** erfc(x) with absolute error about 1e-16: power series below 3, continued fraction above. */
export function erfc(x: number): number {
  if (x < 0) return 2 - erfc(-x);
  if (x < 3) {
    // erf(x) = 2/√π · e^(−x²) Σ 2ⁿ x^(2n+1) / (1·3·…·(2n+1)): all terms positive.
    let term = x;
    let sum = x;
    for (let n = 1; n < 200 && term > sum * 1e-17; n++) {
      term *= (2 * x * x) / (2 * n + 1);
      sum += term;
    }
    return 1 - (2 / Math.sqrt(Math.PI)) * Math.exp(-x * x) * sum;
  }
  // erfc(x) = e^(−x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …)))), evaluated from the tail.
  let fraction = x;
  for (let k = 60; k >= 1; k--) fraction = x + k / 2 / fraction;
  return Math.exp(-x * x) / Math.sqrt(Math.PI) / fraction;
}

/** Standard normal CDF Φ(x). */
export function normalCdf(x: number): number {
  return 0.5 * erfc(-x / Math.SQRT2);
}

/** Central moments m₂ … m₈ of a distribution (m₁ = 0 by definition). */
export interface CentralMoments {
  mean: number;
  /** m[k] = E[(X − mean)^k] for k = 2 … 8; entries 0 and 1 unused. */
  m: number[];
}

/**
 * z-scores of the sample estimates of E[(X − μ)^k], k = 1 … 4, about the true mean μ: the
 * estimate is an average of n i.i.d. terms with variance m₂ₖ − mₖ², so its standard error is
 * exact. k = 1 tests the mean, 2 the variance, 3 the skewness, 4 the kurtosis.
 */
export function momentZScores(samples: ArrayLike<number>, truth: CentralMoments): number[] {
  const n = samples.length;
  const sums = [0, 0, 0, 0, 0];
  for (let i = 0; i < n; i++) {
    const d = samples[i] - truth.mean;
    const d2 = d * d;
    sums[1] += d;
    sums[2] += d2;
    sums[3] += d2 * d;
    sums[4] += d2 * d2;
  }
  const m = [1, 0, ...truth.m.slice(2)];
  const scores: number[] = [];
  for (let k = 1; k <= 4; k++) {
    const variance = m[2 * k] - m[k] * m[k];
    scores.push((sums[k] / n - m[k]) / Math.sqrt(variance / n));
  }
  return scores;
}

/** Central moments of the uniform distribution on [low, high). */
export function uniformMoments(low: number, high: number): CentralMoments {
  const half = (high - low) / 2;
  const m = [0, 0];
  for (let k = 2; k <= 8; k++) m.push(k % 2 === 0 ? half ** k / (k + 1) : 0);
  return { mean: (low + high) / 2, m };
}

/** Central moments of the normal distribution with the given mean and standard deviation. */
export function normalMoments(mean: number, std: number): CentralMoments {
  const doubleFactorial = [0, 0, 1, 0, 3, 0, 15, 0, 105];
  return { mean, m: doubleFactorial.map((value, k) => value * std ** k) };
}
