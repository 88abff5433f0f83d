/**
 * Philox4x32-10, the counter-based generator of Salmon, Moraes, Dror and Shaw, "Parallel random
 * numbers: as easy as 1, 2, 3" (SC 2011), as used by Random123, numpy and JAX.
 *
 * Philox is a keyed bijection on 128-bit counters: block = philox(counter, key). There is no
 * hidden state, so any block can be computed directly, in any order, on any thread. Everything
 * here is 32-bit integer arithmetic (`Math.imul`, shifts, xor, `| 0`); every intermediate value
 * is an exact integer below 2^32, so the output is bit-identical in every JavaScript engine.
 * Checked against the Random123 known-answer vectors (`tests/kat_vectors`).
 */

/** The round multipliers of Philox4x32. */
const MULTIPLIER_0 = 0xd2511f53;
const MULTIPLIER_1 = 0xcd9e8d57;
/** Weyl increments of the key schedule (golden ratio and √3 − 1, as 32-bit fractions). */
const WEYL_0 = 0x9e3779b9 | 0;
const WEYL_1 = 0xbb67ae85 | 0;
/** 16-bit halves of the multipliers, for the exact high-word product. */
const MULTIPLIER_0_HIGH = MULTIPLIER_0 >>> 16;
const MULTIPLIER_0_LOW = MULTIPLIER_0 & 0xffff;
const MULTIPLIER_1_HIGH = MULTIPLIER_1 >>> 16;
const MULTIPLIER_1_LOW = MULTIPLIER_1 & 0xffff;

const TWO_POW_32 = 4294967296;

/** The standard number of rounds; 7 rounds also pass BigCrush, 10 give a safety margin. */
export const PHILOX_ROUNDS = 10;

/** Largest block index a counter can address here (the block index must be a safe integer). */
export const MAX_BLOCK = 2 ** 53 - 1;

/**
 * Domain tags, stored in counter word 2, so that the blocks behind `randomBits`, `split` and
 * `fold` of the same key never coincide (JAX's threefry reuses one counter space for both).
 */
export const PhiloxDomain = { bits: 0, split: 1, fold: 2 } as const;

/**
 * High 32 bits of the 64-bit product of two unsigned 32-bit integers.
 *
 * Splits both operands into 16-bit halves; each partial product is below 2^32 and the carry sum
 * is below 3·2^16, so no intermediate value is ever rounded.
 */
export function multiplyHigh(a: number, b: number): number {
  const aLow = a & 0xffff;
  const aHigh = a >>> 16;
  const bLow = b & 0xffff;
  const bHigh = b >>> 16;
  const lowLow = aLow * bLow;
  const highLow = aHigh * bLow;
  const lowHigh = aLow * bHigh;
  const carry = (lowLow >>> 16) + (highLow & 0xffff) + (lowHigh & 0xffff);
  return (aHigh * bHigh + (highLow >>> 16) + (lowHigh >>> 16) + (carry >>> 16)) >>> 0;
}

/**
 * One Philox4x32 block: the 4-word output for a 4-word counter and a 2-word key.
 *
 * This is the reference form (used for known-answer tests and for deriving keys); bulk
 * generation goes through `philoxFill`, which inlines the same rounds.
 */
export function philox4x32(
  counter: ArrayLike<number>,
  key: ArrayLike<number>,
  rounds: number = PHILOX_ROUNDS,
): Uint32Array {
  if (counter.length !== 4 || key.length !== 2) {
    throw new RangeError(
      `philox4x32: counter must have 4 words and key 2 words, got ${counter.length} and ${key.length}`,
    );
  }
  if (!Number.isInteger(rounds) || rounds < 1 || rounds > 16) {
    throw new RangeError(`philox4x32: rounds must be an integer in [1, 16], got ${rounds}`);
  }
  let c0 = counter[0] >>> 0;
  let c1 = counter[1] >>> 0;
  let c2 = counter[2] >>> 0;
  let c3 = counter[3] >>> 0;
  let k0 = key[0] >>> 0;
  let k1 = key[1] >>> 0;
  for (let round = 0; round < rounds; round++) {
    if (round > 0) {
      k0 = (k0 + WEYL_0) >>> 0;
      k1 = (k1 + WEYL_1) >>> 0;
    }
    const high0 = multiplyHigh(MULTIPLIER_0, c0);
    const low0 = Math.imul(MULTIPLIER_0, c0) >>> 0;
    const high1 = multiplyHigh(MULTIPLIER_1, c2);
    const low1 = Math.imul(MULTIPLIER_1, c2) >>> 0;
    c0 = (high1 ^ c1 ^ k0) >>> 0;
    c1 = low1;
    c2 = (high0 ^ c3 ^ k1) >>> 0;
    c3 = low0;
  }
  return Uint32Array.of(c0, c1, c2, c3);
}

/**
 * Fills `out` with consecutive Philox4x32-10 blocks for counters
 * `[block mod 2^32, floor(block / 2^32), domain, 0]`, `block = firstBlock, firstBlock + 1, …`.
 *
 * `out.length` need not be a multiple of 4: the last block is cut short. The word at index `i`
 * of the output is word `i mod 4` of block `firstBlock + floor(i / 4)`, so any prefix of a longer
 * fill is the shorter fill.
 */
export function philoxFill(
  out: Uint32Array,
  key0: number,
  key1: number,
  domain: number,
  firstBlock: number,
): void {
  const length = out.length;
  const blocks = Math.ceil(length / 4);
  if (!Number.isSafeInteger(firstBlock) || firstBlock < 0 || firstBlock > MAX_BLOCK - (blocks - 1)) {
    throw new RangeError(`philoxFill: block indices must stay in [0, 2^53 - 1], got start ${firstBlock}`);
  }
  const tag = domain | 0;
  const keyStart0 = key0 | 0;
  const keyStart1 = key1 | 0;
  for (let b = 0; b < blocks; b++) {
    const block = firstBlock + b;
    let c0 = block | 0;
    let c1 = Math.floor(block / TWO_POW_32) | 0;
    let c2 = tag;
    let c3 = 0;
    let k0 = keyStart0;
    let k1 = keyStart1;
    for (let round = 0; round < PHILOX_ROUNDS; round++) {
      // multiplyHigh(MULTIPLIER_0, c0) and multiplyHigh(MULTIPLIER_1, c2), inlined for speed.
      const a0 = c0 & 0xffff;
      const a1 = c0 >>> 16;
      const highLow0 = MULTIPLIER_0_HIGH * a0;
      const lowHigh0 = MULTIPLIER_0_LOW * a1;
      const carry0 = ((MULTIPLIER_0_LOW * a0) >>> 16) + (highLow0 & 0xffff) + (lowHigh0 & 0xffff);
      const high0 = (MULTIPLIER_0_HIGH * a1 + (highLow0 >>> 16) + (lowHigh0 >>> 16) + (carry0 >>> 16)) | 0;
      const low0 = Math.imul(MULTIPLIER_0, c0);
      const b0 = c2 & 0xffff;
      const b1 = c2 >>> 16;
      const highLow1 = MULTIPLIER_1_HIGH * b0;
      const lowHigh1 = MULTIPLIER_1_LOW * b1;
      const carry1 = ((MULTIPLIER_1_LOW * b0) >>> 16) + (highLow1 & 0xffff) + (lowHigh1 & 0xffff);
      const high1 = (MULTIPLIER_1_HIGH * b1 + (highLow1 >>> 16) + (lowHigh1 >>> 16) + (carry1 >>> 16)) | 0;
      const low1 = Math.imul(MULTIPLIER_1, c2);
      c0 = high1 ^ c1 ^ k0;
      c1 = low1;
      c2 = high0 ^ c3 ^ k1;
      c3 = low0;
      k0 = (k0 + WEYL_0) | 0;
      k1 = (k1 + WEYL_1) | 0;
    }
    const offset = 4 * b;
    if (offset + 4 <= length) {
      out[offset] = c0;
      out[offset + 1] = c1;
      out[offset + 2] = c2;
      out[offset + 3] = c3;
    } else {
      // Partial last block: keep only the words that fit.
      const words = [c0, c1, c2, c3];
      for (let w = 0; offset + w < length; w++) out[offset + w] = words[w];
    }
  }
}
