/**
 * Continuous distributions drawn from a key: uniform and normal, as `Float64Array`s.
 *
 * Both read the key's word stream (see `bits.ts`) two words per uniform, so `uniform(key, n)` is
 * a prefix of `uniform(key, m)` for n ≤ m, and `RandomStream` reproduces them value for value.
 * Normals use the Box–Muller transform with the portable `log`, `cos` and `sin` of
 * `elementary.ts`, so they too are bit-identical across engines.
 */

import { forEachChunk, uniformFromWords } from './bits.js';
import { nextDown, portableCosPi, portableLog, portableSinPi } from './elementary.js';
import { assertKey, type Key } from './key.js';
import { assertCount, assertFinite, describeValue } from './validate.js';

/** Options of `uniform`: the interval [low, high). */
export interface UniformOptions {
  /** Lower bound, included; 0 by default. */
  low?: number;
  /** Upper bound, excluded; 1 by default. */
  high?: number;
}

/** Options of `normal`: the mean and standard deviation. */
export interface NormalOptions {
  /** Mean; 0 by default. */
  mean?: number;
  /** Standard deviation, ≥ 0; 1 by default. */
  std?: number;
}

function assertOptions(where: string, options: unknown): void {
  if (options !== undefined && (options === null || typeof options !== 'object')) {
    throw new TypeError(`${where}: options must be an object or undefined, got ${describeValue(options)}`);
  }
}

/**
 * Checks `low < high` with a finite width, and returns `[low, high, largest value below high]`.
 * Internal.
 */
export function checkInterval(where: string, low: unknown, high: unknown): [number, number, number] {
  assertFinite(where, 'low', low);
  assertFinite(where, 'high', high);
  if (!(low < high)) {
    throw new RangeError(`${where}: low must be less than high, got low = ${low}, high = ${high}`);
  }
  if (!Number.isFinite(high - low)) {
    throw new RangeError(`${where}: high - low must be finite, got low = ${low}, high = ${high}`);
  }
  return [low, high, nextDown(high)];
}

/**
 * Maps a uniform `u` in [0, 1) to [low, high). `low + (high − low)·u` can round up to `high`
 * itself (e.g. 1 + (1 − 2^-53) rounds to 2), so such values are moved to `belowHigh`, the
 * largest float64 below `high`. Internal.
 */
export function mapToInterval(u: number, low: number, high: number, belowHigh: number): number {
  const value = low + (high - low) * u;
  return value < high ? value : belowHigh;
}

/**
 * The Box–Muller radius √(−2 log(1 − u)) for a uniform u in [0, 1): since 1 − u lies in
 * (0, 1], the logarithm is finite and the radius is at most √(106 ln 2) ≈ 8.57. Internal.
 */
export function boxMullerRadius(u: number): number {
  return Math.sqrt(-2 * portableLog(1 - u));
}

/**
 * `count` independent uniform numbers in [low, high): `low + (high − low)·k·2^-53` with k one of
 * 2^53 equally likely integers (53 random bits from two 32-bit words), rounded to float64; on
 * [0, 1) every value is exact.
 *
 * @param key a key; not modified. Use each key for one call only.
 * @param count how many numbers, an integer in [0, 2^30].
 * @param options `low` (default 0) and `high` (default 1), finite with `low < high`.
 */
export function uniform(key: Key, count: number, options: UniformOptions = {}): Float64Array {
  assertKey('uniform', key);
  assertCount('uniform', count);
  assertOptions('uniform', options);
  const [low, high, belowHigh] = checkInterval('uniform', options.low ?? 0, options.high ?? 1);
  const out = new Float64Array(count);
  const unit = low === 0 && high === 1;
  let index = 0;
  forEachChunk(key, 2 * count, (words, length) => {
    for (let w = 0; w < length; w += 2) {
      const u = uniformFromWords(words[w], words[w + 1]);
      out[index++] = unit ? u : mapToInterval(u, low, high, belowHigh);
    }
  });
  return out;
}

/**
 * `count` independent normal (Gaussian) numbers with the given mean and standard deviation.
 *
 * Box–Muller: each 4 words give two uniforms u₁, u₂ and two normals
 * r·cos 2πu₂ and r·sin 2πu₂ with r = √(−2 log(1 − u₁)); never log(0), never an infinity.
 * The tails are cut at ±8.57σ (probability about 10^-17).
 *
 * @param key a key; not modified. Use each key for one call only.
 * @param count how many numbers, an integer in [0, 2^30].
 * @param options `mean` (default 0, finite) and `std` (default 1, finite and ≥ 0).
 */
export function normal(key: Key, count: number, options: NormalOptions = {}): Float64Array {
  assertKey('normal', key);
  assertCount('normal', count);
  assertOptions('normal', options);
  const mean = options.mean ?? 0;
  const std = options.std ?? 1;
  assertFinite('normal', 'mean', mean);
  if (typeof std !== 'number' || !(std >= 0 && std < Number.POSITIVE_INFINITY)) {
    throw new RangeError(`normal: std must be a finite number >= 0, got ${describeValue(std)}`);
  }
  const out = new Float64Array(count);
  let index = 0;
  forEachChunk(key, 4 * Math.ceil(count / 2), (words, length) => {
    for (let w = 0; w < length; w += 4) {
      const radius = boxMullerRadius(uniformFromWords(words[w], words[w + 1]));
      const turns = 2 * uniformFromWords(words[w + 2], words[w + 3]);
      out[index++] = mean + std * (radius * portableCosPi(turns));
      if (index < count) out[index++] = mean + std * (radius * portableSinPi(turns));
    }
  });
  return out;
}
