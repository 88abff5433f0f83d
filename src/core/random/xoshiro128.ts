/**
 * `Xoshiro128StarStar`: a fast 32-bit random word generator for hot Monte Carlo kernels (the
 * packed lattice sweeps, RBM and Boltzmann-machine sampling), seeded from a physml key.
 *
 * The packed Metropolis sweep needs about 5–6 random words per 32 spins, so the cost of a word
 * matters: Philox4x32-10 (physml's `RandomStream`) emulates a 32 × 32 → 64-bit product with
 * float arithmetic and costs about 12 ns per word in V8, xoshiro128** (Blackman & Vigna,
 * "Scrambled linear pseudorandom number generators", ACM TOMS 2021) about 1–2 ns. xoshiro128**
 * passes BigCrush; every output bit is usable (the ** scrambler), which the kernel needs since it
 * uses each bit as one spin's coin. Its 128-bit state is seeded with four Philox words of the key
 * (`randomBits(key, 4)`), so randomness still flows from the key alone: the same key gives the
 * same words in every engine (only `Math.imul`, shifts and xor), and keys from `split`/`fold` give
 * streams whose 2^128-periodic sequences overlap with negligible probability.
 */
import { randomBits } from './bits.js';
import type { Key } from './key.js';

/** The state of a `Xoshiro128StarStar`, as plain JSON-safe data. */
export interface Xoshiro128State {
  /** The generator, for readers of a checkpoint. */
  algorithm: 'xoshiro128**';
  /** The four state words, unsigned. */
  words: [number, number, number, number];
}

/** A source of uniformly distributed unsigned 32-bit words (`RandomStream` is one). */
export interface RandomWordSource {
  /** A uniform word in [0, 2^32). */
  nextUint32(): number;
}

/**
 * xoshiro128**: 128 bits of state, period 2^128 − 1, 32-bit output words.
 *
 * The state is public (`state`, four signed 32-bit words) so that hot kernels can copy it into
 * local variables, run the generator inline (`xoshiroStep` shows the step), and store it back:
 * V8 keeps locals in registers, which a method call on an object cannot guarantee.
 */
export class Xoshiro128StarStar implements RandomWordSource {
  /** The four state words s0 … s3 (as signed 32-bit integers). Never all zero. */
  readonly state: Int32Array;

  /**
   * A generator seeded from `key` (copied; the key should be dedicated to this generator, e.g.
   * from `split` or `fold`).
   */
  constructor(key: Key) {
    if (!(key instanceof Uint32Array) || key.length !== 2) {
      throw new TypeError(
        'Xoshiro128StarStar: key must be a Uint32Array of 2 words (from makeKey, split or fold)',
      );
    }
    this.state = new Int32Array(randomBits(key, 4).buffer);
    // The all-zero state is the one state xoshiro cannot leave (chance 2^-128 from a random seed).
    if ((this.state[0] | this.state[1] | this.state[2] | this.state[3]) === 0) this.state[0] = 0x9e3779b9 | 0;
  }

  /** A uniformly distributed unsigned 32-bit word. */
  nextUint32(): number {
    const state = this.state;
    const s0 = state[0];
    const s1 = state[1];
    const s2 = state[2] ^ s0;
    const s3 = state[3] ^ s1;
    const product = Math.imul(s1, 5);
    state[0] = s0 ^ s3;
    state[1] = s1 ^ s2;
    state[2] = s2 ^ (s1 << 9);
    state[3] = (s3 << 11) | (s3 >>> 21);
    return Math.imul((product << 7) | (product >>> 25), 9) >>> 0;
  }

  /** The state as plain data; `Xoshiro128StarStar.fromState` resumes it exactly. */
  getState(): Xoshiro128State {
    const [a, b, c, d] = this.state;
    return { algorithm: 'xoshiro128**', words: [a >>> 0, b >>> 0, c >>> 0, d >>> 0] };
  }

  /** The generator in `state`, continuing exactly where `getState()` was called. */
  static fromState(state: Xoshiro128State): Xoshiro128StarStar {
    const where = 'Xoshiro128StarStar.fromState';
    if (state === null || typeof state !== 'object' || state.algorithm !== 'xoshiro128**') {
      throw new RangeError(`${where}: state must be a record from getState() with algorithm "xoshiro128**"`);
    }
    const words = state.words;
    const valid =
      Array.isArray(words) &&
      words.length === 4 &&
      words.every((w) => Number.isInteger(w) && w >= 0 && w < 2 ** 32) &&
      words.some((w) => w !== 0);
    if (!valid) {
      throw new RangeError(
        `${where}: state.words must be four unsigned 32-bit integers, not all 0, got ${JSON.stringify(words)}`,
      );
    }
    const generator = new Xoshiro128StarStar(Uint32Array.of(0, 0));
    for (let i = 0; i < 4; i++) generator.state[i] = words[i] | 0;
    return generator;
  }
}
