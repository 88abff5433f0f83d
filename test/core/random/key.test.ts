import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  fold,
  type Key,
  keyFromString,
  keyToString,
  makeKey,
  philox4x32,
  randomBits,
  split,
} from '../../../src/core/random/index.js';

const text = (key: Key) => keyToString(key);

describe('makeKey', () => {
  it('puts the seed in the words [high, low] like jax.random.PRNGKey', () => {
    assert.deepEqual(Array.from(makeKey(0)), [0, 0]);
    assert.deepEqual(Array.from(makeKey(42)), [0, 42]);
    assert.deepEqual(Array.from(makeKey(2 ** 32 + 5)), [1, 5]);
    assert.deepEqual(Array.from(makeKey(Number.MAX_SAFE_INTEGER)), [0x1fffff, 0xffffffff]);
    assert.ok(makeKey(1) instanceof Uint32Array);
  });

  it('gives distinct keys for distinct seeds', () => {
    fc.assert(
      fc.property(fc.nat(), fc.nat(), (a, b) => {
        fc.pre(a !== b);
        assert.notEqual(text(makeKey(a)), text(makeKey(b)));
      }),
      { seed: 3, numRuns: 200 },
    );
  });

  it('rejects seeds that are not integers in [0, 2^53 - 1], naming the range', () => {
    for (const seed of [Number.NaN, -1, 1.5, 2 ** 53, Number.POSITIVE_INFINITY, '3', undefined]) {
      assert.throws(
        () => makeKey(seed as number),
        /makeKey: seed must be an integer in \[0, 2\^53 - 1\], got /,
        `seed ${String(seed)}`,
      );
    }
  });
});

describe('split', () => {
  it('is pure: the same key gives the same children and is not modified', () => {
    const key = makeKey(7);
    const before = Array.from(key);
    const first = split(key, 5).map(text);
    assert.deepEqual(split(key, 5).map(text), first);
    assert.deepEqual(Array.from(key), before);
  });

  it('makes 2 keys by default, and longer splits extend shorter ones', () => {
    const key = makeKey(11);
    assert.equal(split(key).length, 2);
    assert.deepEqual(split(key).map(text), split(key, 5).slice(0, 2).map(text));
    assert.deepEqual(split(key, 0), []);
  });

  it('gives children distinct from each other, from the parent, and from a second generation', () => {
    const key = makeKey(2024);
    const children = split(key, 2000);
    const grandchildren = children.slice(0, 50).flatMap((child) => split(child, 20));
    const all = [key, ...children, ...grandchildren].map(text);
    assert.equal(new Set(all).size, all.length);
  });

  it('gives children whose random bits differ from each other and from the parent', () => {
    const key = makeKey(5);
    const [a, b] = split(key);
    const streams = [key, a, b].map((k) => Array.from(randomBits(k, 8)).join(','));
    assert.equal(new Set(streams).size, 3);
  });

  it('rejects bad keys and counts, naming the parameter and the range', () => {
    assert.throws(
      () => split(new Uint32Array(3)),
      /split: key must be a Uint32Array of 2 words.*Uint32Array\(3\)/,
    );
    assert.throws(() => split(Int32Array.of(0, 1) as unknown as Key), /split: key must be a Uint32Array/);
    assert.throws(() => split([0, 1] as unknown as Key), /got Array\(2\)/);
    assert.throws(() => split(makeKey(1), -1), /split: count must be an integer in \[0, 2\^30\], got -1/);
    assert.throws(() => split(makeKey(1), 2.5), /count must be an integer/);
  });
});

describe('fold', () => {
  it('is pure and gives a different key for every integer', () => {
    const key = makeKey(99);
    const before = Array.from(key);
    assert.equal(text(fold(key, 3)), text(fold(key, 3)));
    assert.deepEqual(Array.from(key), before);
    const folded = Array.from({ length: 1000 }, (_, i) => text(fold(key, i)));
    assert.equal(new Set(folded).size, 1000);
  });

  it('never coincides with split children or with the parent', () => {
    const key = makeKey(99);
    const folded = Array.from({ length: 100 }, (_, i) => text(fold(key, i)));
    const children = split(key, 100).map(text);
    const all = new Set([...folded, ...children, text(key)]);
    assert.equal(all.size, 201);
  });

  it('accepts integers up to 2^53 - 1 (high word included) and rejects anything else', () => {
    const key = makeKey(1);
    assert.notEqual(text(fold(key, 2 ** 32)), text(fold(key, 0)));
    assert.notEqual(text(fold(key, Number.MAX_SAFE_INTEGER)), text(fold(key, 2 ** 32 - 1)));
    for (const data of [-1, 0.5, Number.NaN, 2 ** 53]) {
      assert.throws(() => fold(key, data), /fold: data must be an integer in \[0, 2\^53 - 1\]/);
    }
  });
});

describe('key derivation', () => {
  it('takes the first two words of Philox blocks [index, 0, domain, 0] (split: domain 1, fold: 2)', () => {
    const key = makeKey(31337);
    split(key, 3).forEach((child, i) => {
      assert.deepEqual(child, philox4x32([i, 0, 1, 0], key).slice(0, 2), `split child ${i}`);
      assert.equal(child.buffer.byteLength, 8, 'each key owns its words');
    });
    const data = 2 ** 40 + 7;
    assert.deepEqual(fold(key, data), philox4x32([7, 2 ** 8, 2, 0], key).slice(0, 2));
  });
});

describe('keyToString and keyFromString', () => {
  it('write a readable text and read it back exactly', () => {
    assert.equal(keyToString(makeKey(42)), 'philox:00000000-0000002a');
    assert.deepEqual(Array.from(keyFromString('philox:DEADBEEF-0000002a')), [0xdeadbeef, 42]);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 0xffffffff }),
        fc.integer({ min: 0, max: 0xffffffff }),
        (a, b) => {
          const key = Uint32Array.of(a, b);
          assert.deepEqual(keyFromString(keyToString(key)), key);
        },
      ),
      { seed: 4, numRuns: 300 },
    );
  });

  it('reject malformed text with a message quoting it', () => {
    const bad = [
      '',
      'philox:0-0',
      'philox:00000000-0000002g',
      'philox:00000000_0000002a',
      ' philox:00000000-0000002a',
    ];
    for (const textValue of bad) {
      assert.throws(
        () => keyFromString(textValue),
        /keyFromString: text must look like "philox:00000000-0000002a"/,
      );
    }
    assert.throws(() => keyFromString(42 as unknown as string), /got 42/);
    assert.throws(() => keyFromString(`philox:${'0'.repeat(100)}`), /\.\.\."$/);
  });
});
