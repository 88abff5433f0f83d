/**
 * Seeded, splittable random numbers: explicit keys (JAX-style) over the Philox4x32-10
 * counter-based generator, bit-identical in Node and in every browser.
 *
 * ```ts
 * const key = makeKey(42);
 * const [initKey, noiseKey] = split(key);
 * const x = normal(initKey, 100);                              // a Float64Array
 * const stream = new RandomStream(fold(noiseKey, step));       // for hot loops
 * ```
 * Rules: a key feeds one call; derive new keys with `split` or `fold`; no global state.
 */

export { randomBits } from './bits.js';
export { type NormalOptions, normal, type UniformOptions, uniform } from './continuous.js';
export { bernoulli, categorical, permutation, randint } from './discrete.js';
export { portableCosPi, portableExp, portableLog, portableSinPi } from './elementary.js';
export { fold, type Key, keyFromString, keyToString, makeKey, split } from './key.js';
export { PHILOX_ROUNDS, philox4x32 } from './philox.js';
export { RandomStream, type RandomStreamState } from './stream.js';
export { type RandomWordSource, Xoshiro128StarStar, type Xoshiro128State } from './xoshiro128.js';
