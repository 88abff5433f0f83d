/**
 * `RandomStream`: a fast sequential source of random numbers for hot Monte Carlo loops, with a
 * small serialisable state so that a checkpoint resumes it exactly.
 *
 * A stream reads the word sequence `randomBits(key, ·)` in order, buffering up to 64 Philox
 * blocks at a time. Its position is just the number of words consumed (plus a cached second
 * Box–Muller normal), so `getState()` is a few numbers and a key string, and `fromState`
 * regenerates the buffer from the counter: no generator internals are ever saved. Because it
 * reads the same words, a fresh stream reproduces the bulk functions: its `nextUniform()` values
 * are `uniform(key, n)`, its `nextNormal()` values `normal(key, n)`, its `nextInt(b)` values
 * `randint(key, n, 0, b)`.
 */

import { uniformFromWords } from './bits.js';
import { boxMullerRadius } from './continuous.js';
import { portableCosPi, portableSinPi } from './elementary.js';
import { assertKey, type Key, keyFromString, keyToString } from './key.js';
import { multiplyHigh, PhiloxDomain, philoxFill } from './philox.js';
import { describeValue } from './validate.js';

/** Words per refill once the stream is busy: 64 Philox blocks. */
const BUFFER_WORDS = 256;
/** Words in the first refill: 4 blocks, enough for a handful of draws. */
const FIRST_BUFFER_WORDS = 16;
const TWO_POW_32 = 4294967296;
/** Words a stream may draw (2^52, days of nonstop drawing); keeps every counter a safe integer. */
const MAX_COUNTER = 2 ** 52;

/** The state of a `RandomStream`, as plain JSON-safe data. */
export interface RandomStreamState {
  /** Format version of this record; currently 1. */
  version: 1;
  /** The generator, for readers of a checkpoint. */
  algorithm: 'philox4x32-10';
  /** The stream's key, as written by `keyToString`. */
  key: string;
  /** Number of 32-bit words consumed so far. */
  counter: number;
  /** The second normal of the last Box–Muller pair, not yet returned; `null` if none. */
  spareNormal: number | null;
}

/** A sequential random number generator over the word stream of one key. */
export class RandomStream {
  readonly #key: Key;
  /** Starts small so that a stream drawing a few numbers stays cheap; grows to `BUFFER_WORDS`. */
  #buffer = new Uint32Array(FIRST_BUFFER_WORDS);
  /** Index, in words, of `#buffer[0]` in the stream (a multiple of 4). */
  #bufferStart = 0;
  /** Next unread position in `#buffer`; `#buffer.length` means the buffer is used up. */
  #position = FIRST_BUFFER_WORDS;
  #spareNormal = 0;
  #hasSpare = false;

  /**
   * A stream over the words of `key` (which is copied, so the caller's array may change).
   * Use a key dedicated to the stream, e.g. one from `split`.
   */
  constructor(key: Key) {
    assertKey('RandomStream', key);
    this.#key = key.slice();
    this.#bufferStart = -FIRST_BUFFER_WORDS;
  }

  /** Loads the buffer starting at word `start` (a multiple of 4). */
  #fill(start: number): void {
    if (start >= MAX_COUNTER) {
      throw new RangeError('RandomStream: the stream is exhausted (2^52 words drawn); split a new key');
    }
    philoxFill(this.#buffer, this.#key[0], this.#key[1], PhiloxDomain.bits, start / 4);
    this.#bufferStart = start;
    this.#position = 0;
  }

  /** Loads the words that follow the buffer, growing the buffer for streams that keep drawing. */
  #refill(): void {
    const start = this.#bufferStart + this.#buffer.length;
    if (this.#buffer.length < BUFFER_WORDS && start > 0)
      this.#buffer = new Uint32Array(4 * this.#buffer.length);
    this.#fill(start);
  }

  /** A uniformly distributed unsigned 32-bit integer, in [0, 2^32). */
  nextUint32(): number {
    if (this.#position === this.#buffer.length) this.#refill();
    return this.#buffer[this.#position++];
  }

  /** A uniform number in [0, 1) with 53 random bits (two words, as in `uniform`). */
  nextUniform(): number {
    const high = this.nextUint32();
    return uniformFromWords(high, this.nextUint32());
  }

  /**
   * A standard normal number (mean 0, variance 1). Box–Muller makes normals in pairs from four
   * words; the second is kept and returned by the next call.
   */
  nextNormal(): number {
    if (this.#hasSpare) {
      this.#hasSpare = false;
      return this.#spareNormal;
    }
    const radius = boxMullerRadius(this.nextUniform());
    const turns = 2 * this.nextUniform();
    this.#spareNormal = radius * portableSinPi(turns);
    this.#hasSpare = true;
    return radius * portableCosPi(turns);
  }

  /**
   * An integer uniformly distributed in [0, bound), without bias: Lemire's multiply-and-reject
   * ("Fast random integer generation in an interval", 2019). A draw takes one word, and another
   * with probability (2^32 mod bound) / 2^32 < 1/2, so fewer than two on average.
   *
   * @param bound an integer in [1, 2^32].
   */
  nextInt(bound: number): number {
    if (!(bound >= 1 && bound <= TWO_POW_32 && Math.floor(bound) === bound)) {
      throw new RangeError(
        `RandomStream.nextInt: bound must be an integer in [1, 2^32], got ${describeValue(bound)}`,
      );
    }
    let word = this.nextUint32();
    if (bound === TWO_POW_32) return word;
    // The product word·bound spans [0, bound·2^32); its high word is the candidate. Rejecting the
    // low words below 2^32 mod bound leaves exactly floor(2^32 / bound) words per result.
    let low = Math.imul(word, bound) >>> 0;
    if (low < bound) {
      const threshold = (TWO_POW_32 - bound) % bound;
      while (low < threshold) {
        word = this.nextUint32();
        low = Math.imul(word, bound) >>> 0;
      }
    }
    return multiplyHigh(word, bound);
  }

  /** Number of 32-bit words consumed so far. */
  get counter(): number {
    return this.#bufferStart + this.#position;
  }

  /** The stream's state as plain data (JSON-safe); `RandomStream.fromState` resumes it exactly. */
  getState(): RandomStreamState {
    return {
      version: 1,
      algorithm: 'philox4x32-10',
      key: keyToString(this.#key),
      counter: this.counter,
      spareNormal: this.#hasSpare ? this.#spareNormal : null,
    };
  }

  /**
   * The stream in `state`, continuing exactly where `getState()` was called. Every field is
   * checked, so a corrupt checkpoint fails here with a message naming the bad field.
   */
  static fromState(state: RandomStreamState): RandomStream {
    const where = 'RandomStream.fromState';
    if (state === null || typeof state !== 'object') {
      throw new TypeError(`${where}: state must be an object from getState(), got ${describeValue(state)}`);
    }
    const record = state as unknown as Record<string, unknown>;
    if (record.version !== 1) {
      throw new RangeError(`${where}: state.version must be 1, got ${describeValue(record.version)}`);
    }
    if (record.algorithm !== 'philox4x32-10') {
      throw new RangeError(
        `${where}: state.algorithm must be "philox4x32-10", got ${describeValue(record.algorithm)}`,
      );
    }
    const counter = record.counter;
    if (typeof counter !== 'number' || !Number.isInteger(counter) || counter < 0 || counter > MAX_COUNTER) {
      throw new RangeError(
        `${where}: state.counter must be an integer in [0, 2^52], got ${describeValue(counter)}`,
      );
    }
    const spare = record.spareNormal;
    if (spare !== null && (typeof spare !== 'number' || !Number.isFinite(spare))) {
      throw new RangeError(
        `${where}: state.spareNormal must be a finite number or null, got ${describeValue(spare)}`,
      );
    }
    let key: Key;
    try {
      key = keyFromString(record.key as string);
    } catch {
      throw new RangeError(
        `${where}: state.key must be a key text like "philox:00000000-0000002a", got ${describeValue(record.key)}`,
      );
    }
    const stream = new RandomStream(key);
    const start = counter - (counter % 4);
    stream.#fill(start);
    stream.#position = counter - start;
    if (spare !== null) {
      stream.#spareNormal = spare;
      stream.#hasSpare = true;
    }
    return stream;
  }
}
