/**
 * Discrete distributions drawn from a key: Bernoulli, categorical, uniform integers and random
 * permutations.
 *
 * Bernoulli and categorical spend two words (one 53-bit uniform) per sample, so
 * `bernoulli(key, n, p)[i]` is exactly `uniform(key, n)[i] < p`. Integers and permutations use
 * rejection, which spends a variable number of words; they read them in order through a
 * `RandomStream`, so `randint(key, n, 0, b)` equals n calls of `new RandomStream(key).nextInt(b)`.
 */

import { forEachChunk, uniformFromWords } from './bits.js';
import { portableExp } from './elementary.js';
import { assertKey, type Key } from './key.js';
import { RandomStream } from './stream.js';
import { assertArrayLike, assertCount, assertInteger, assertProbability, describeValue } from './validate.js';

const TWO_POW_31 = 2147483648;

/**
 * `count` independent Bernoulli trials: 1 with probability `probability`, else 0.
 *
 * @param key a key; not modified. Use each key for one call only.
 * @param count how many trials, an integer in [0, 2^30].
 * @param probability the success probability in [0, 1], one for all trials or one per trial (an
 *   array of length `count`). 0 never succeeds and 1 always does.
 */
export function bernoulli(key: Key, count: number, probability: number | ArrayLike<number>): Uint8Array {
  assertKey('bernoulli', key);
  assertCount('bernoulli', count);
  let perTrial: ArrayLike<number> | null = null;
  let shared = 0;
  if (typeof probability === 'number') {
    assertProbability('bernoulli', 'probability', probability);
    shared = probability;
  } else {
    assertArrayLike('bernoulli', 'probability', probability);
    if (probability.length !== count) {
      throw new RangeError(
        `bernoulli: probability must be a number or have one entry per trial (length ${count}), got length ${probability.length}`,
      );
    }
    for (let i = 0; i < count; i++) assertProbability('bernoulli', `probability[${i}]`, probability[i]);
    perTrial = probability;
  }
  const out = new Uint8Array(count);
  let index = 0;
  forEachChunk(key, 2 * count, (words, length) => {
    for (let w = 0; w < length; w += 2) {
      const p = perTrial === null ? shared : perTrial[index];
      // u < p has probability exactly p on the 2^-53 grid; u < 0 never holds and u < 1 always does.
      out[index++] = uniformFromWords(words[w], words[w + 1]) < p ? 1 : 0;
    }
  });
  return out;
}

/**
 * `count` independent draws of a category index from unnormalised log-probabilities:
 * P(i) = exp(logits[i]) / Σⱼ exp(logits[j]).
 *
 * Inverse CDF on the weights exp(logits[i] − max), so logits of ±1000 (or any finite size) are
 * safe; `-Infinity` means probability 0 and such a category is never drawn. So is a category
 * whose logit lies more than about 745 below the largest (its weight underflows to 0).
 *
 * @param key a key; not modified. Use each key for one call only.
 * @param logits at least one entry, each finite or `-Infinity`, at least one finite.
 * @param count how many draws, an integer in [0, 2^30].
 * @returns category indices in [0, logits.length).
 */
export function categorical(key: Key, logits: ArrayLike<number>, count: number): Int32Array {
  assertKey('categorical', key);
  assertArrayLike('categorical', 'logits', logits);
  assertCount('categorical', count);
  const size = logits.length;
  if (size === 0) throw new RangeError('categorical: logits must have at least one entry, got length 0');
  let largest = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < size; i++) {
    const logit = logits[i];
    if (typeof logit !== 'number' || Number.isNaN(logit) || logit === Number.POSITIVE_INFINITY) {
      throw new RangeError(
        `categorical: logits[${i}] must be a finite number or -Infinity, got ${describeValue(logit)}`,
      );
    }
    if (logit > largest) largest = logit;
  }
  if (largest === Number.NEGATIVE_INFINITY) {
    throw new RangeError(
      'categorical: at least one logit must be finite (all are -Infinity, so no category is possible)',
    );
  }
  // Cumulative weights: non-decreasing, and flat across zero-weight categories, so the search
  // below (first cumulative weight strictly above the target) never lands on one.
  const cumulative = new Float64Array(size);
  let total = 0;
  let lastPossible = 0;
  for (let i = 0; i < size; i++) {
    const weight = portableExp(logits[i] - largest);
    if (weight > 0) lastPossible = i;
    total += weight;
    cumulative[i] = total;
  }
  const out = new Int32Array(count);
  let index = 0;
  forEachChunk(key, 2 * count, (words, length) => {
    for (let w = 0; w < length; w += 2) {
      const target = uniformFromWords(words[w], words[w + 1]) * total;
      let chosen = lastPossible;
      // target can round up to total itself; then the last possible category is the right answer.
      if (target < total) {
        let lowIndex = 0;
        let highIndex = size - 1;
        while (lowIndex < highIndex) {
          const middle = (lowIndex + highIndex) >>> 1;
          if (cumulative[middle] > target) highIndex = middle;
          else lowIndex = middle + 1;
        }
        chosen = lowIndex;
      }
      out[index++] = chosen;
    }
  });
  return out;
}

/**
 * `count` independent integers uniformly distributed in [low, high), without modulo bias
 * (Lemire's multiply-and-reject, see `RandomStream.nextInt`).
 *
 * @param key a key; not modified. Use each key for one call only.
 * @param count how many integers, an integer in [0, 2^30].
 * @param low smallest value, an integer ≥ −2^31.
 * @param high one past the largest value, an integer ≤ 2^31 and > low.
 */
export function randint(key: Key, count: number, low: number, high: number): Int32Array {
  assertKey('randint', key);
  assertCount('randint', count);
  assertInteger('randint', 'low', low, -TWO_POW_31, TWO_POW_31 - 1, '[-2^31, 2^31 - 1]');
  assertInteger('randint', 'high', high, -TWO_POW_31 + 1, TWO_POW_31, '[-2^31 + 1, 2^31]');
  if (!(low < high)) {
    throw new RangeError(`randint: low must be less than high, got low = ${low}, high = ${high}`);
  }
  const stream = new RandomStream(key);
  const range = high - low;
  const out = new Int32Array(count);
  for (let i = 0; i < count; i++) out[i] = low + stream.nextInt(range);
  return out;
}

/**
 * A uniformly random permutation of 0, 1, …, n − 1: each of the n! orders has the same
 * probability (Fisher–Yates with unbiased integers).
 *
 * @param key a key; not modified. Use each key for one call only.
 * @param n the length, an integer in [0, 2^30].
 */
export function permutation(key: Key, n: number): Int32Array {
  assertKey('permutation', key);
  assertCount('permutation', n, 'n');
  const stream = new RandomStream(key);
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = stream.nextInt(i + 1);
    const held = out[i];
    out[i] = out[j];
    out[j] = held;
  }
  return out;
}
