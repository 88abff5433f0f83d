/**
 * Test data for the diagnostics: independent and AR(1) chains from fixed keys, and the direct
 * O(n²) sums the FFT versions must reproduce.
 */
import { fold, type Key, normal } from '../../src/core/random/index.js';

/**
 * `chains` stationary AR(1) chains xₜ = ρ·xₜ₋₁ + √(1 − ρ²)·εₜ with x₀ ~ N(0, 1): unit marginal
 * variance, autocorrelation ρᵏ, integrated autocorrelation time (1 + ρ)/(1 − ρ).
 */
export function ar1Chains(key: Key, chains: number, draws: number, rho: number, shift = 0): Float64Array[] {
  const out: Float64Array[] = [];
  const scale = Math.sqrt(1 - rho * rho);
  for (let c = 0; c < chains; c++) {
    const noise = normal(fold(key, c), draws);
    const x = new Float64Array(draws);
    x[0] = noise[0];
    for (let t = 1; t < draws; t++) x[t] = rho * x[t - 1] + scale * noise[t];
    for (let t = 0; t < draws; t++) x[t] += shift;
    out.push(x);
  }
  return out;
}

/** The biased autocovariance (1/n)·Σₜ (xₜ − x̄)(xₜ₊ₖ − x̄) by the direct double sum. */
export function directAutocovariance(x: ArrayLike<number>): Float64Array {
  const n = x.length;
  let mean = 0;
  for (let t = 0; t < n; t++) mean += x[t];
  mean /= n;
  const out = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    let s = 0;
    for (let t = 0; t + k < n; t++) s += (x[t] - mean) * (x[t + k] - mean);
    out[k] = s / n;
  }
  return out;
}

/**
 * The small fixed data sets of the ArviZ comparison: `small` is typed by hand (2 chains × 11
 * draws); `sine` (3 × 41) and `long` (4 × 301) are deterministic autocorrelated sequences
 * driven by sines, rebuilt here with the same formulas as in the reference script.
 */
export const arvizSmall: number[][] = [
  [0.3, -1.2, 0.8, 1.9, 0.4, -0.7, 2.2, 1.1, -0.3, 0.9, 1.4],
  [1.0, 0.2, -0.5, 0.6, 1.7, 2.4, 0.1, -0.9, 0.7, 1.3, 0.5],
];

export function arvizSine(): Float64Array[] {
  const out: Float64Array[] = [];
  for (let c = 0; c < 3; c++) {
    const chain = new Float64Array(41);
    let x = 0;
    for (let t = 0; t < 41; t++) {
      x = 0.7 * x + Math.sin(1.3 * t + 2.1 * c + ((0.5 * t * t) % 7));
      chain[t] = x + 0.25 * c;
    }
    out.push(chain);
  }
  return out;
}

export function arvizLong(): Float64Array[] {
  const out: Float64Array[] = [];
  for (let c = 0; c < 4; c++) {
    const chain = new Float64Array(301);
    let x = 0;
    for (let t = 0; t < 301; t++) {
      x = 0.9 * x + Math.sin(0.37 * t * (c + 1) + 1.7 * ((t * t) % 11));
      chain[t] = x;
    }
    out.push(chain);
  }
  return out;
}
