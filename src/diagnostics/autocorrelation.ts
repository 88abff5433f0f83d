/**
 * Autocovariance and autocorrelation of a chain, by FFT.
 *
 * The estimator is the usual biased one, γ̂(k) = (1/n)·Σₜ (xₜ − x̄)(xₜ₊ₖ − x̄) for k < n: it
 * divides by n (not n − k), which keeps the sequence positive semi-definite and is what Stan,
 * ArviZ and Geyer's estimators expect. The chain is zero-padded to a power of two ≥ 2n so the
 * circular correlation computed by the FFT equals the linear one.
 */
import { fft, inverseFft, nextPowerOfTwo } from './fft.js';

function assertChain(where: string, chain: ArrayLike<number>): void {
  if (chain === null || typeof chain !== 'object' || typeof chain.length !== 'number') {
    throw new TypeError(`${where}: chain must be an array of numbers`);
  }
  if (chain.length < 2)
    throw new RangeError(`${where}: chain must hold at least 2 draws, got ${chain.length}`);
  for (let t = 0; t < chain.length; t++) {
    if (!Number.isFinite(chain[t]))
      throw new RangeError(`${where}: chain[${t}] must be finite, got ${chain[t]}`);
  }
}

function assertMaxLag(where: string, maxLag: number, n: number): void {
  if (!(Number.isInteger(maxLag) && maxLag >= 0 && maxLag < n)) {
    throw new RangeError(`${where}: maxLag must be an integer in [0, ${n - 1}], got ${maxLag}`);
  }
}

/**
 * The biased autocovariance γ̂(k), k = 0 … maxLag, of one chain (O(n log n)).
 *
 * @param chain the draws, at least 2, all finite.
 * @param maxLag the largest lag, in [0, n − 1]; n − 1 by default.
 */
export function autocovariance(chain: ArrayLike<number>, maxLag?: number): Float64Array {
  assertChain('autocovariance', chain);
  const n = chain.length;
  const lastLag = maxLag ?? n - 1;
  assertMaxLag('autocovariance', lastLag, n);
  let mean = 0;
  for (let t = 0; t < n; t++) mean += chain[t];
  mean /= n;
  const size = nextPowerOfTwo(2 * n);
  const real = new Float64Array(size);
  const imaginary = new Float64Array(size);
  for (let t = 0; t < n; t++) real[t] = chain[t] - mean;
  fft(real, imaginary);
  // |X|² is the transform of the circular autocorrelation; padding makes it the linear one.
  for (let k = 0; k < size; k++) {
    real[k] = real[k] * real[k] + imaginary[k] * imaginary[k];
    imaginary[k] = 0;
  }
  inverseFft(real, imaginary);
  const out = new Float64Array(lastLag + 1);
  for (let k = 0; k <= lastLag; k++) out[k] = real[k] / n;
  return out;
}

/**
 * The autocorrelation ρ̂(k) = γ̂(k)/γ̂(0), k = 0 … maxLag, of one chain. A constant chain has no
 * defined autocorrelation and gives NaN beyond lag 0.
 *
 * @param chain the draws, at least 2, all finite.
 * @param maxLag the largest lag, in [0, n − 1]; n − 1 by default.
 */
export function autocorrelation(chain: ArrayLike<number>, maxLag?: number): Float64Array {
  const gamma = autocovariance(chain, maxLag);
  const variance = gamma[0];
  const out = new Float64Array(gamma.length);
  out[0] = 1;
  for (let k = 1; k < gamma.length; k++) out[k] = variance > 0 ? gamma[k] / variance : Number.NaN;
  return out;
}
