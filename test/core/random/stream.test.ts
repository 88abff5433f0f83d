import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  keyToString,
  makeKey,
  normal,
  philox4x32,
  RandomStream,
  type RandomStreamState,
  randint,
  randomBits,
  split,
  uniform,
} from '../../../src/core/random/index.js';
import { chiSquareTest, histogram, P_VALUE_THRESHOLD } from './statistics.js';

/** One draw of each kind, by code, so that property tests can mix them. */
function draw(stream: RandomStream, code: number): number {
  switch (code % 4) {
    case 0:
      return stream.nextUint32();
    case 1:
      return stream.nextUniform();
    case 2:
      return stream.nextNormal();
    default:
      return stream.nextInt(1 + (code % 1000));
  }
}

describe('RandomStream', () => {
  it('reads the same words as randomBits, across buffer refills', () => {
    const key = makeKey(80);
    const stream = new RandomStream(key);
    const words = Array.from({ length: 1500 }, () => stream.nextUint32());
    assert.deepEqual(words, Array.from(randomBits(key, 1500)));
  });

  it('reproduces uniform, normal and randint value for value', () => {
    const key = makeKey(81);
    const uniforms = new RandomStream(key);
    assert.deepEqual(
      Float64Array.from({ length: 777 }, () => uniforms.nextUniform()),
      uniform(key, 777),
    );
    const normals = new RandomStream(key);
    assert.deepEqual(
      Float64Array.from({ length: 777 }, () => normals.nextNormal()),
      normal(key, 777),
    );
    for (const bound of [1, 6, 1000, 3 * 2 ** 29, 2 ** 31]) {
      const integers = new RandomStream(key);
      assert.deepEqual(
        Int32Array.from({ length: 500 }, () => integers.nextInt(bound)),
        randint(key, 500, 0, bound),
        `bound ${bound}`,
      );
    }
  });

  it('draws unbiased integers with nextInt (χ², n = 1e5), and raw words for bound 2^32', () => {
    const stream = new RandomStream(makeKey(82));
    const values = Float64Array.from({ length: 100_000 }, () => stream.nextInt(10));
    const fit = chiSquareTest(histogram(values, 10), new Array(10).fill(0.1));
    assert.ok(fit.pValue > P_VALUE_THRESHOLD, `p = ${fit.pValue}`);
    const words = new RandomStream(makeKey(83));
    const raw = new RandomStream(makeKey(83));
    for (let i = 0; i < 100; i++) assert.equal(words.nextInt(2 ** 32), raw.nextUint32());
  });

  it('counts the words it consumed', () => {
    const stream = new RandomStream(makeKey(84));
    assert.equal(stream.counter, 0);
    stream.nextUint32();
    stream.nextUniform();
    assert.equal(stream.counter, 3);
    stream.nextNormal();
    assert.equal(stream.counter, 7);
    stream.nextNormal(); // the cached second normal: no words
    assert.equal(stream.counter, 7);
  });

  it('saves a plain JSON state and resumes exactly where it stopped (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat(4000), { maxLength: 600 }),
        fc.array(fc.nat(4000), { minLength: 1, maxLength: 60 }),
        fc.nat(),
        (before, after, seed) => {
          const stream = new RandomStream(makeKey(seed));
          for (const code of before) draw(stream, code);
          const state = JSON.parse(JSON.stringify(stream.getState())) as RandomStreamState;
          const resumed = RandomStream.fromState(state);
          assert.deepEqual(resumed.getState(), stream.getState());
          for (const code of after) assert.equal(draw(resumed, code), draw(stream, code));
        },
      ),
      { seed: 9, numRuns: 200 },
    );
  });

  it('keeps the pending Box–Muller normal in its state', () => {
    const stream = new RandomStream(makeKey(85));
    stream.nextNormal();
    const state = stream.getState();
    assert.deepEqual(Object.keys(state).sort(), ['algorithm', 'counter', 'key', 'spareNormal', 'version']);
    assert.equal(state.version, 1);
    assert.equal(state.algorithm, 'philox4x32-10');
    assert.equal(state.key, keyToString(makeKey(85)));
    assert.equal(state.counter, 4);
    assert.equal(typeof state.spareNormal, 'number');
    assert.equal(RandomStream.fromState(state).nextNormal(), stream.nextNormal());
    assert.equal(stream.getState().spareNormal, null);
  });

  it('copies its key, so later changes to the caller’s array do not leak in', () => {
    const key = split(makeKey(86))[0];
    const stream = new RandomStream(key);
    const expected = randomBits(key, 3);
    key[0] ^= 1;
    assert.deepEqual(
      Uint32Array.from({ length: 3 }, () => stream.nextUint32()),
      expected,
    );
  });

  it('rejects a bad bound, naming the range', () => {
    const stream = new RandomStream(makeKey(1));
    for (const bound of [0, -1, 1.5, Number.NaN, 2 ** 32 + 1, Number.POSITIVE_INFINITY]) {
      assert.throws(
        () => stream.nextInt(bound),
        /RandomStream.nextInt: bound must be an integer in \[1, 2\^32\]/,
        `bound ${bound}`,
      );
    }
    assert.throws(
      () => new RandomStream(new Uint32Array(1)),
      /RandomStream: key must be a Uint32Array of 2 words/,
    );
  });

  it('rejects a corrupt state, naming the bad field', () => {
    const good = new RandomStream(makeKey(87)).getState();
    const corrupt = (patch: Record<string, unknown>) =>
      ({ ...good, ...patch }) as unknown as RandomStreamState;
    const cases: [unknown, RegExp][] = [
      [null, /state must be an object from getState\(\), got null/],
      ['text', /state must be an object/],
      [corrupt({ version: 2 }), /state.version must be 1, got 2/],
      [corrupt({ algorithm: 'mt19937' }), /state.algorithm must be "philox4x32-10", got "mt19937"/],
      [
        corrupt({ key: 'philox:xyz' }),
        /state.key must be a key text like "philox:00000000-0000002a", got "philox:xyz"/,
      ],
      [corrupt({ key: 12 }), /state.key must be a key text.*got 12/],
      [corrupt({ counter: -4 }), /state.counter must be an integer in \[0, 2\^52\], got -4/],
      [corrupt({ counter: 2.5 }), /state.counter must be an integer/],
      [corrupt({ counter: '8' }), /state.counter must be an integer.*got "8"/],
      [corrupt({ counter: 2 ** 53 }), /state.counter must be an integer in \[0, 2\^52\]/],
      [corrupt({ spareNormal: Number.NaN }), /state.spareNormal must be a finite number or null, got NaN/],
      [corrupt({ spareNormal: '0.5' }), /state.spareNormal must be a finite number or null/],
    ];
    for (const [state, message] of cases) {
      assert.throws(() => RandomStream.fromState(state as RandomStreamState), message, String(message));
    }
  });

  it('reads the right block far along its counter, and says when it is exhausted', () => {
    const key = makeKey(88);
    const state = { ...new RandomStream(key).getState(), counter: 2 ** 52 - 2 };
    const stream = RandomStream.fromState(state);
    const block = philox4x32([2 ** 32 - 1, 2 ** 18 - 1, 0, 0], key); // block 2^50 − 1
    assert.deepEqual([stream.nextUint32(), stream.nextUint32()], [block[2], block[3]]);
    let drawn = 2;
    assert.throws(() => {
      for (; drawn < 1000; drawn++) stream.nextUint32();
    }, /RandomStream: the stream is exhausted \(2\^52 words drawn\)/);
    assert.ok(state.counter + drawn >= 2 ** 52, 'no words are refused before 2^52');
    assert.throws(() => RandomStream.fromState({ ...state, counter: 2 ** 52 }), /exhausted/);
  });
});
