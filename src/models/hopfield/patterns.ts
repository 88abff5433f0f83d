/**
 * Binary patterns and states of Hopfield networks: ±1 spins stored as `Int8Array`, the 0/1
 * conversion, random (optionally biased, hence correlated) patterns, corruption by a fixed
 * number of flips, and the overlap m = (1/N) Σ ξ_i s_i that measures retrieval.
 */
import { type Key, RandomStream } from '../../core/random/index.js';
import { assertInRange, assertInteger, assertKey, describe } from '../../core/validate.js';
import { assertSpins } from './validate.js';

const TWO_POW_32 = 4294967296;

/** Largest number of neurons accepted anywhere in this module (the N = 8192 matrix is 256 MiB). */
export const MAX_NEURONS = 16384;

/**
 * The ±1 state of 0/1 bits: 0 → −1, 1 → +1 (s = 2b − 1).
 * @throws RangeError if an entry is neither 0 nor 1.
 */
export function spinsFromBits(bits: ArrayLike<number>): Int8Array {
  const spins = new Int8Array(bits.length);
  for (let i = 0; i < bits.length; i++) {
    const bit = bits[i];
    if (bit !== 0 && bit !== 1)
      throw new RangeError(`spinsFromBits: bits[${i}] must be 0 or 1, got ${describe(bit)}`);
    spins[i] = bit === 1 ? 1 : -1;
  }
  return spins;
}

/**
 * The 0/1 bits of a ±1 state: −1 → 0, +1 → 1 (b = (s + 1)/2).
 * @throws RangeError if an entry is not ±1.
 */
export function bitsFromSpins(spins: ArrayLike<number>): Uint8Array {
  assertSpins('bitsFromSpins', 'spins', spins);
  const bits = new Uint8Array(spins.length);
  for (let i = 0; i < spins.length; i++) bits[i] = spins[i] === 1 ? 1 : 0;
  return bits;
}

/** Options of {@link randomPatterns}. */
export interface RandomPatternsOptions {
  /**
   * Mean of every spin, in (−1, 1); default 0 (unbiased, uncorrelated patterns). A bias b
   * makes each spin +1 with probability (1 + b)/2, so two patterns overlap by b² on average:
   * the classic correlated patterns that defeat Hebb's rule.
   */
  bias?: number;
}

/**
 * `count` random ±1 patterns of `size` neurons, drawn from `key` (one 32-bit word per spin,
 * pattern after pattern).
 *
 * @param count number of patterns, an integer in [0, 2^20].
 * @param size neurons per pattern, an integer in [1, MAX_NEURONS].
 */
export function randomPatterns(
  key: Key,
  count: number,
  size: number,
  options: RandomPatternsOptions = {},
): Int8Array[] {
  const where = 'randomPatterns';
  assertKey(where, key);
  assertInteger(where, 'count', count, 0, 1 << 20);
  assertInteger(where, 'size', size, 1, MAX_NEURONS);
  const bias = options.bias ?? 0;
  assertInRange(where, 'bias', bias, -1, 1);
  if (bias === -1 || bias === 1)
    throw new RangeError(`${where}: bias must lie strictly inside (−1, 1), got ${bias}`);
  // A word below threshold means +1: probability threshold / 2^32 = (1 + bias)/2.
  const threshold = Math.round(((1 + bias) / 2) * TWO_POW_32);
  const stream = new RandomStream(key);
  const patterns: Int8Array[] = [];
  for (let p = 0; p < count; p++) {
    const pattern = new Int8Array(size);
    for (let i = 0; i < size; i++) pattern[i] = stream.nextUint32() < threshold ? 1 : -1;
    patterns.push(pattern);
  }
  return patterns;
}

/**
 * A copy of `pattern` with exactly `round(fraction · N)` spins flipped, at distinct positions
 * chosen uniformly from `key` (a partial Fisher–Yates shuffle). An exact count, rather than
 * independent flips, makes the starting overlap exactly 1 − 2·flips/N.
 *
 * @param fraction fraction of spins to flip, in [0, 1].
 */
export function corruptPattern(key: Key, pattern: ArrayLike<number>, fraction: number): Int8Array {
  const where = 'corruptPattern';
  assertKey(where, key);
  assertSpins(where, 'pattern', pattern);
  assertInRange(where, 'fraction', fraction, 0, 1);
  const size = pattern.length;
  const flips = Math.round(fraction * size);
  const corrupted = Int8Array.from(pattern);
  const order = new Int32Array(size);
  for (let i = 0; i < size; i++) order[i] = i;
  const stream = new RandomStream(key);
  for (let f = 0; f < flips; f++) {
    const j = f + stream.nextInt(size - f);
    const position = order[j];
    order[j] = order[f];
    order[f] = position;
    corrupted[position] = -corrupted[position];
  }
  return corrupted;
}

/**
 * The overlap m = (1/N) Σ a_i b_i of two ±1 states of equal length: 1 when equal, −1 when
 * opposite, about ±1/√N for unrelated random states.
 */
export function overlap(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length || a.length === 0) {
    throw new RangeError(
      `overlap: a and b must have the same non-zero length, got ${a.length} and ${b.length}`,
    );
  }
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i] * b[i];
  return sum / a.length;
}

/**
 * The overlaps m_μ = (1/N) Σ ξ^μ_i s_i of `state` with every pattern, written to `out` when
 * given (length ≥ number of patterns) and returned.
 */
export function patternOverlaps(
  patterns: readonly Int8Array[],
  state: ArrayLike<number>,
  out: Float64Array = new Float64Array(patterns.length),
): Float64Array {
  const size = state.length;
  if (out.length < patterns.length) {
    throw new RangeError(
      `patternOverlaps: out must have at least ${patterns.length} entries, got ${out.length}`,
    );
  }
  for (let mu = 0; mu < patterns.length; mu++) {
    const pattern = patterns[mu];
    if (pattern.length !== size) {
      throw new RangeError(
        `patternOverlaps: patterns[${mu}] has ${pattern.length} entries, the state ${size}`,
      );
    }
    out[mu] =
      (state instanceof Int8Array ? int8Dot(pattern, state, size) : anyDot(pattern, state, size)) / size;
  }
  return out;
}

/**
 * patternOverlaps for ±1 patterns and a ±1 Int8Array state, BOTH already known to be ±1 (the
 * network's own checked copies and the states of its dynamics; internal): four entries per
 * 32-bit word, where two ±1 bytes differ exactly when bit 1 of their XOR is set, so
 * m = (N − 2·#differences)/N. Falls back to {@link patternOverlaps} for unaligned arrays.
 */
export function spinOverlaps(
  patterns: readonly Int8Array[],
  state: Int8Array,
  out: Float64Array = new Float64Array(patterns.length),
): Float64Array {
  const size = state.length;
  const words = size >> 2;
  if (state.byteOffset % 4 !== 0 || patterns.some((p) => p.byteOffset % 4 !== 0 || p.length !== size)) {
    return patternOverlaps(patterns, state, out);
  }
  const b = new Int32Array(state.buffer, state.byteOffset, words);
  for (let mu = 0; mu < patterns.length; mu++) {
    const pattern = patterns[mu];
    const a = new Int32Array(pattern.buffer, pattern.byteOffset, words);
    let differences = 0;
    // Four counters of four byte lanes each; a lane counts at most 255 words before it is read.
    for (let start = 0; start < words; start += 4 * 255) {
      let c0 = 0;
      let c1 = 0;
      let c2 = 0;
      let c3 = 0;
      const end = Math.min(words, start + 4 * 255);
      let t = start;
      for (; t + 3 < end; t += 4) {
        c0 = (c0 + (((a[t] ^ b[t]) >>> 1) & 0x01010101)) | 0;
        c1 = (c1 + (((a[t + 1] ^ b[t + 1]) >>> 1) & 0x01010101)) | 0;
        c2 = (c2 + (((a[t + 2] ^ b[t + 2]) >>> 1) & 0x01010101)) | 0;
        c3 = (c3 + (((a[t + 3] ^ b[t + 3]) >>> 1) & 0x01010101)) | 0;
      }
      for (; t < end; t++) c0 = (c0 + (((a[t] ^ b[t]) >>> 1) & 0x01010101)) | 0;
      differences += byteSum(c0) + byteSum(c1) + byteSum(c2) + byteSum(c3);
    }
    for (let i = words << 2; i < size; i++) if (pattern[i] !== state[i]) differences++;
    out[mu] = (size - 2 * differences) / size;
  }
  return out;
}

/** The sum of the four bytes of a 32-bit word. */
function byteSum(word: number): number {
  return (word & 0xff) + ((word >>> 8) & 0xff) + ((word >>> 16) & 0xff) + (word >>> 24);
}

/** Σ a_i b_i over two Int8Arrays (exact: |sum| ≤ 127² · MAX_NEURONS fits in int32), 4 lanes. */
function int8Dot(a: Int8Array, b: Int8Array, size: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let i = 0;
  for (; i + 3 < size; i += 4) {
    s0 = (s0 + a[i] * b[i]) | 0;
    s1 = (s1 + a[i + 1] * b[i + 1]) | 0;
    s2 = (s2 + a[i + 2] * b[i + 2]) | 0;
    s3 = (s3 + a[i + 3] * b[i + 3]) | 0;
  }
  for (; i < size; i++) s0 = (s0 + a[i] * b[i]) | 0;
  return s0 + s1 + s2 + s3;
}

function anyDot(pattern: Int8Array, state: ArrayLike<number>, size: number): number {
  let sum = 0;
  for (let i = 0; i < size; i++) sum += pattern[i] * state[i];
  return sum;
}

/** Number of positions where two ±1 states differ: N(1 − m)/2. */
export function hammingDistance(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) {
    throw new RangeError(
      `hammingDistance: a and b must have the same length, got ${a.length} and ${b.length}`,
    );
  }
  let count = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) count++;
  return count;
}

/**
 * Copies of `patterns` as `Int8Array`s after checking that all are ±1 and of one length
 * (internal helper of the storage rules and networks).
 */
export function checkedPatterns(where: string, patterns: unknown, minimumCount = 1): Int8Array[] {
  if (!Array.isArray(patterns)) {
    throw new TypeError(`${where}: patterns must be an array of ±1 arrays, got ${describe(patterns)}`);
  }
  if (patterns.length < minimumCount) {
    throw new RangeError(
      `${where}: patterns must hold at least ${minimumCount} pattern(s), got ${patterns.length}`,
    );
  }
  const size = patterns.length === 0 ? 0 : (patterns[0] as ArrayLike<number>)?.length;
  if (patterns.length > 0) assertInteger(where, 'patterns[0].length', size, 1, MAX_NEURONS);
  return patterns.map((pattern, mu) => {
    assertSpins(where, `patterns[${mu}]`, pattern, size);
    return Int8Array.from(pattern as ArrayLike<number>);
  });
}
