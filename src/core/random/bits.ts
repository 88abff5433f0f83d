/**
 * Raw random words from a key, and the exact conversion of words to floats.
 *
 * Word `i` of `randomBits(key, n)` is word `i mod 4` of the Philox block with counter
 * `[b mod 2^32, floor(b / 2^32), 0, 0]`, `b = floor(i / 4)` (the `bits` domain, see `philox.ts`). All distributions read this one
 * stream, so for a given key their outputs are prefixes of each other's and of `RandomStream`'s:
 * `uniform(key, 10)` starts with `uniform(key, 5)`. A key should therefore feed one call only;
 * derive fresh keys with `split` or `fold`.
 */

import { assertKey, type Key } from './key.js';
import { PhiloxDomain, philoxFill } from './philox.js';
import { assertCount } from './validate.js';

/** 2^-53: the spacing of the uniform grid. */
export const TWO_POW_MINUS_53 = 1.1102230246251565e-16;
/** 2^26, the weight of the high word's 27 bits in a 53-bit uniform. */
const TWO_POW_26 = 67108864;

/** Words generated per chunk by the bulk distributions (keeps the scratch in L1 cache). */
export const CHUNK_WORDS = 2048;

/**
 * The 53-bit uniform number in [0, 1) made of two words: the top 27 bits of `high` and the top 26
 * bits of `low` (the convention of `genrand_res53` in MT19937 and of numpy). Every value
 * k·2^-53, k = 0 … 2^53 − 1, has probability exactly 2^-53.
 */
export function uniformFromWords(high: number, low: number): number {
  return ((high >>> 5) * TWO_POW_26 + (low >>> 6)) * TWO_POW_MINUS_53;
}

/**
 * `count` uniformly distributed unsigned 32-bit words drawn from `key`.
 *
 * @param key a key from `makeKey`, `split` or `fold`; not modified.
 * @param count how many words, an integer in [0, 2^30].
 * @returns a new `Uint32Array` of length `count`; the same key always gives the same words, in
 *   Node and in every browser, and a longer request extends a shorter one.
 */
export function randomBits(key: Key, count: number): Uint32Array {
  assertKey('randomBits', key);
  assertCount('randomBits', count);
  const out = new Uint32Array(count);
  philoxFill(out, key[0], key[1], PhiloxDomain.bits, 0);
  return out;
}

/**
 * Calls `consume(words, length)` with successive chunks of the `bits` stream of `key`, `total`
 * words in all; chunks hold a multiple of 4 words except possibly the last. Internal: the bulk
 * distributions read their words through this, so they never hold more than one chunk.
 */
export function forEachChunk(
  key: Key,
  total: number,
  consume: (words: Uint32Array, length: number) => void,
): void {
  const scratch = new Uint32Array(Math.min(CHUNK_WORDS, total));
  for (let start = 0; start < total; start += CHUNK_WORDS) {
    const length = Math.min(CHUNK_WORDS, total - start);
    const words = length === scratch.length ? scratch : scratch.subarray(0, length);
    philoxFill(words, key[0], key[1], PhiloxDomain.bits, start / 4);
    consume(words, length);
  }
}
