/**
 * Random keys: explicit, splittable seeds in the style of JAX.
 *
 * A key is two 32-bit words, the key of the Philox4x32-10 bijection. Nothing is global: every
 * random function takes a key, and the same key always gives the same numbers. To get new
 * randomness, derive new keys: `split(key, n)` for n independent children, `fold(key, i)` for
 * the child number i (a step, a chain, a replica) without materialising the others. Derived keys
 * are 64 bits of Philox output in counter domains of their own, so two keys derived from one
 * parent (or a child and its parent) coincide only with probability about 2^-64.
 */

import { MAX_BLOCK, PhiloxDomain, philoxFill } from './philox.js';
import { assertCount, assertInteger, describeValue } from './validate.js';

/**
 * A random key: a `Uint32Array` of 2 words, from `makeKey`, `split`, `fold` or `keyFromString`.
 * Treat it as immutable; no function here modifies a key it is given.
 */
export type Key = Uint32Array;

const TWO_POW_32 = 4294967296;
const KEY_TEXT = /^philox:([0-9a-fA-F]{8})-([0-9a-fA-F]{8})$/;

/** Throws unless `key` is a 2-word `Uint32Array`; `where` names the calling function. */
export function assertKey(where: string, key: unknown, name = 'key'): asserts key is Key {
  if (!(key instanceof Uint32Array) || key.length !== 2) {
    throw new TypeError(
      `${where}: ${name} must be a Uint32Array of 2 words (from makeKey, split or fold), got ${describeValue(key)}`,
    );
  }
}

/**
 * The key for an integer seed: words `[floor(seed / 2^32), seed mod 2^32]`, so `makeKey(42)` is
 * `[0, 42]` as in `jax.random.PRNGKey(42)` (the numbers drawn differ from JAX's: this is Philox,
 * not threefry).
 *
 * @param seed an integer in [0, 2^53 − 1]; distinct seeds give distinct keys.
 */
export function makeKey(seed: number): Key {
  assertInteger('makeKey', 'seed', seed, 0, Number.MAX_SAFE_INTEGER, '[0, 2^53 - 1]');
  return Uint32Array.of(Math.floor(seed / TWO_POW_32), seed >>> 0);
}

/**
 * Child keys number `first`, `first + 1`, … of `key` in `domain`: the first two words of the
 * Philox blocks with counters `[index mod 2^32, floor(index / 2^32), domain, 0]`.
 */
function derive(key: Key, domain: number, first: number, count: number): Key[] {
  const words = new Uint32Array(4 * count);
  philoxFill(words, key[0], key[1], domain, first);
  const keys: Key[] = new Array(count);
  for (let i = 0; i < count; i++) keys[i] = words.slice(4 * i, 4 * i + 2);
  return keys;
}

/**
 * Splits a key into `count` new keys; `key` itself should then not be used again.
 *
 * Pure: the same key gives the same children, and the input is not modified. Children are
 * statistically independent of each other and of the parent. `split(key, n)` starts with
 * `split(key, m)` for m < n.
 *
 * @param count how many keys, an integer in [0, 2^30]; 2 by default.
 */
export function split(key: Key, count = 2): Key[] {
  assertKey('split', key);
  assertCount('split', count);
  return derive(key, PhiloxDomain.split, 0, count);
}

/**
 * Folds an integer into a key: the key for step, chain or replica number `data`, without
 * splitting all the others. Pure; `fold(key, i)` and `fold(key, j)` differ for i ≠ j, and
 * differ from the keys of `split(key, ·)` (up to a 2^-64 chance per pair).
 *
 * @param data an integer in [0, 2^53 − 1], e.g. a step index.
 */
export function fold(key: Key, data: number): Key {
  assertKey('fold', key);
  assertInteger('fold', 'data', data, 0, MAX_BLOCK, '[0, 2^53 - 1]');
  return derive(key, PhiloxDomain.fold, data, 1)[0];
}

function hex8(word: number): string {
  return word.toString(16).padStart(8, '0');
}

/**
 * The text form of a key, e.g. `"philox:00000000-0000002a"` for `makeKey(42)`, for checkpoints
 * and logs. `keyFromString` is its inverse.
 */
export function keyToString(key: Key): string {
  assertKey('keyToString', key);
  return `philox:${hex8(key[0])}-${hex8(key[1])}`;
}

/**
 * Parses the text written by `keyToString` (hexadecimal digits in either case).
 * Throws an error that quotes the text if it is not exactly of that form.
 */
export function keyFromString(text: string): Key {
  const match = typeof text === 'string' ? KEY_TEXT.exec(text) : null;
  if (match === null) {
    throw new SyntaxError(
      `keyFromString: text must look like "philox:00000000-0000002a" (two 8-digit hexadecimal words), got ${describeValue(text)}`,
    );
  }
  return Uint32Array.of(Number.parseInt(match[1], 16), Number.parseInt(match[2], 16));
}
