/**
 * Biased coins from one random word (internal to the sweeps).
 *
 * `stream.nextUniform() < p` costs two 32-bit words per test. The same decision, bit for bit,
 * usually needs only the first: a uniform is u = (a·2^26 + b)/2^53 with a the top 27 bits of the
 * first word and b the top 26 of the second, so with q = p·2^27 the test u < p is true whenever
 * a + 1 ≤ q, false whenever a ≥ q, and only for a = ⌊q⌋ (probability 2^−27) depends on b. The
 * probabilities are therefore exact on the 2^−53 grid, as with `nextUniform`, at half the cost of
 * the random numbers, which dominate a single-spin sweep.
 */
import type { IsingRandomSource } from './algorithm.js';

/** 2^27: a coin's threshold q = p·2^27; q ≥ 2^27 means p ≥ 1. */
export const COIN_SCALE = 134217728;
const TWO_POW_26 = 67108864;

/** The threshold of a coin of probability p (p ≥ 1 gives a sure coin, p ≤ 0 an impossible one). */
export function coinThreshold(probability: number): number {
  return probability * COIN_SCALE;
}

/**
 * True with probability q/2^27 (q = `coinThreshold(p)`), decided exactly as
 * `nextUniform() < p` would be from the same words; draws one word, rarely two.
 */
export function flipCoin(stream: IsingRandomSource, threshold: number): boolean {
  const high = stream.nextUint32() >>> 5;
  if (high + 1 <= threshold) return true;
  if (high >= threshold) return false;
  // The low word decides: q − a lies in (0, 1) and is exact, so is its product with 2^26.
  return stream.nextUint32() >>> 6 < (threshold - high) * TWO_POW_26;
}
