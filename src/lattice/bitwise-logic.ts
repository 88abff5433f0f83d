/**
 * The bitwise building blocks of multispin coding: counting anti-aligned neighbours of 32 spins
 * at once with half and full adders, popcounts, and exact Bernoulli(p) bit masks from random
 * words by the binary-expansion comparison.
 *
 * Exact Bernoulli lanes. A lane accepts with probability p when an infinite uniform U = 0.u₁u₂…
 * is below p = 0.p₁p₂…: comparing bit by bit, bit k decides the lane as soon as uₖ ≠ pₖ (accept
 * when uₖ = 0 < pₖ = 1, reject when uₖ = 1 > pₖ = 0), and if p's expansion ends with every bit
 * equal, U ≥ p and the lane rejects. One random word supplies bit k to all 32 lanes at once,
 * and the loop stops as soon as every lane is decided. Each lane is decided after 2 bits on
 * average, so n lanes take about log₂ n + 1.3 words (about 6 for 32 lanes), and the result is
 * exactly Bernoulli(p) for the float64 p: no 2⁻³² truncation bias, and no dependence on p's size.
 */
import type { RandomWordSource } from '../core/random/xoshiro128.js';

/** Number of set bits of a 32-bit word (SWAR popcount). */
export function popcount32(word: number): number {
  let x = word - ((word >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

/**
 * The number of set bits among `a`, `b`, `c`, `d` in each of the 32 lanes, as three bit planes
 * `[ones, twos, fours]` (count = ones + 2·twos + 4·fours), computed with two half adders and a
 * full adder. Lane by lane this is 0 … 4.
 */
export function countBitsOfFour(a: number, b: number, c: number, d: number): [number, number, number] {
  const sumAB = a ^ b; // half adder (a, b)
  const carryAB = a & b;
  const sumCD = c ^ d; // half adder (c, d)
  const carryCD = c & d;
  const ones = sumAB ^ sumCD; // half adder of the two sums
  const carryOnes = sumAB & sumCD;
  const twos = carryAB ^ carryCD ^ carryOnes; // full adder of the three carries
  const fours = (carryAB & carryCD) | (carryOnes & (carryAB ^ carryCD));
  return [ones | 0, twos | 0, fours | 0];
}

/** The three Metropolis classes of 32 spins, by their number of anti-aligned neighbours. */
export interface MetropolisClasses {
  /** Lanes with 0 anti-aligned neighbours: ΔE = 8J, accepted with probability e^{−8J/T}. */
  none: number;
  /** Lanes with exactly 1: ΔE = 4J, accepted with probability e^{−4J/T}. */
  one: number;
  /** Lanes with 2, 3 or 4: ΔE = 0, −4J or −8J, always flipped. */
  atLeastTwo: number;
}

/**
 * Classifies 32 spins (`spin`, one bit per lane) by how many of their four neighbours (one word
 * each) are anti-aligned, with the same adder logic as the sweep kernel: for a spin s with
 * neighbours sⱼ, ΔE = 2J s Σⱼ sⱼ = 8J − 4J·(number of anti-aligned neighbours).
 */
export function metropolisClasses(
  spin: number,
  up: number,
  down: number,
  left: number,
  right: number,
): MetropolisClasses {
  const a = spin ^ up;
  const b = spin ^ down;
  const c = spin ^ left;
  const d = spin ^ right;
  const sumAB = a ^ b;
  const sumCD = c ^ d;
  const atLeastTwo = (a & b) | (c & d) | (sumAB & sumCD); // some carry of the adders
  const odd = sumAB ^ sumCD; // the count's lowest bit
  return { none: ~(odd | atLeastTwo) | 0, one: odd & ~atLeastTwo, atLeastTwo: atLeastTwo | 0 };
}

/**
 * The binary expansion of a probability `p` in [0, 1): entry k is −1 (all lanes) when bit k + 1
 * after the binary point is 1, else 0. Exact (doubling and subtracting 1 are exact in float64),
 * and finite: at most 1074 entries, fewer for p well above the smallest subnormal.
 */
export function binaryExpansionMasks(probability: number): Int32Array {
  if (!(probability >= 0 && probability < 1)) {
    throw new RangeError(`binaryExpansionMasks: probability must be in [0, 1), got ${probability}`);
  }
  const bits: number[] = [];
  let rest = probability;
  while (rest > 0) {
    rest *= 2;
    if (rest >= 1) {
      bits.push(-1);
      rest -= 1;
    } else {
      bits.push(0);
    }
  }
  return Int32Array.from(bits);
}

/**
 * Exact Bernoulli lanes for two probabilities at once: each lane of `lanesA` is set with
 * probability pA, each lane of `lanesB` with pB (the masks must be disjoint), independently;
 * other lanes are 0. `expansions` interleaves the two binary expansions (entry 2k: bit k + 1 of
 * pA as 0 or −1; entry 2k + 1: the same for pB), `depth` entries each, as in `PackedAcceptance`.
 * Draws one word from `source` per comparison step.
 *
 * The sweep kernel inlines this same loop (with xoshiro128** inline); a test checks that the two
 * agree bit for bit.
 */
export function bernoulliLanes(
  lanesA: number,
  lanesB: number,
  expansions: Int32Array,
  depth: number,
  source: RandomWordSource,
): number {
  let undecided = lanesA | lanesB;
  let accepted = 0;
  for (let k = 0; undecided !== 0 && k < depth; k++) {
    const random = source.nextUint32() | 0;
    const threshold = (expansions[2 * k] & lanesA) | (expansions[2 * k + 1] & lanesB);
    accepted |= undecided & threshold & ~random;
    undecided &= ~(threshold ^ random);
  }
  return accepted;
}
