/**
 * `RandomWords`: the 32-bit random words behind the Bernoulli samples of RBM training, from
 * xoshiro128** (Blackman & Vigna, "Scrambled linear pseudorandom number generators", ACM TOMS
 * 2021) seeded with four Philox words of a physml key.
 *
 * Why not `RandomStream`: one minibatch of scikit-learn's digits example draws 1 640 words, and
 * Philox4x32-10 (which emulates 32 × 32 → 64-bit products in float arithmetic) costs 12–45 ns a
 * word in V8 on the test machine, so the words alone would take as long as scikit-learn's whole
 * update. xoshiro128** costs 1–2 ns, passes BigCrush, uses only `Math.imul`, shifts and xor
 * (identical bits in every engine), and its state is four words, so a checkpoint stays tiny.
 * Randomness still flows from the key alone: `new RandomWords(key)` reads `randomBits(key, 4)`.
 *
 * The state is public so that hot loops can copy it into locals, step the generator inline
 * (the step is spelled out in `next`), and store it back: V8 keeps locals in registers.
 */
import { type Key, randomBits } from '../../core/random/index.js';
import { assertKey, describe } from '../../core/validate.js';

/** The state of a `RandomWords`, as plain JSON-safe data. */
export interface RandomWordsState {
  /** The generator, for readers of a checkpoint. */
  algorithm: 'xoshiro128**';
  /** The four state words, unsigned. */
  words: number[];
}

/** A fast source of uniform 32-bit words (xoshiro128**), seeded from a key. */
export class RandomWords {
  /** The state words s0 … s3 as signed 32-bit integers (never all zero). */
  readonly state: Int32Array;

  /** A generator seeded from `key` (use a key dedicated to it, e.g. from `split`). */
  constructor(key: Key) {
    assertKey('RandomWords', key);
    this.state = new Int32Array(randomBits(key, 4).buffer);
    // The all-zero state is the one state xoshiro cannot leave (chance 2^−128 from a random seed).
    if ((this.state[0] | this.state[1] | this.state[2] | this.state[3]) === 0) this.state[0] = 0x9e3779b9 | 0;
  }

  /** A uniform unsigned 32-bit word. */
  next(): number {
    const state = this.state;
    const s0 = state[0];
    const s1 = state[1];
    const s2 = state[2] ^ s0;
    const s3 = state[3] ^ s1;
    const product = Math.imul(s1, 5);
    const result = Math.imul((product << 7) | (product >>> 25), 9) >>> 0;
    state[0] = s0 ^ s3;
    state[1] = s1 ^ s2;
    state[2] = s2 ^ (s1 << 9);
    state[3] = (s3 << 11) | (s3 >>> 21);
    return result;
  }

  /** The state as plain data; `RandomWords.fromState` resumes exactly. */
  getState(): RandomWordsState {
    return { algorithm: 'xoshiro128**', words: Array.from(this.state, (word) => word >>> 0) };
  }

  /**
   * The generator in `state`, continuing where `getState` was called.
   * @throws Error naming the field when the record is malformed.
   */
  static fromState(state: RandomWordsState): RandomWords {
    const where = 'RandomWords.fromState';
    if (state === null || typeof state !== 'object' || state.algorithm !== 'xoshiro128**') {
      throw new RangeError(`${where}: state must be a record from getState() with algorithm 'xoshiro128**'`);
    }
    const words = state.words;
    if (
      !Array.isArray(words) ||
      words.length !== 4 ||
      words.some((word) => !Number.isInteger(word) || word < 0 || word > 0xffffffff) ||
      words.every((word) => word === 0)
    ) {
      throw new RangeError(
        `${where}: state.words must be 4 integers in [0, 2^32), not all 0, got ${describe(words)}`,
      );
    }
    const generator = new RandomWords(new Uint32Array(2));
    for (let i = 0; i < 4; i++) generator.state[i] = words[i] | 0;
    return generator;
  }
}
