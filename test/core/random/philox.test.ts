import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { multiplyHigh, PhiloxDomain, philox4x32, philoxFill } from '../../../src/core/random/philox.js';

// Random123 tests/kat_vectors (github.com/DEShawResearch/random123): rounds, counter, key, output.
const KNOWN_ANSWERS: [number, number[], number[], number[]][] = [
  [7, [0, 0, 0, 0], [0, 0], [0x5f6fb709, 0x0d893f64, 0x4f121f81, 0x4f730a48]],
  [
    7,
    [0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff],
    [0xffffffff, 0xffffffff],
    [0x5207ddc2, 0x45165e59, 0x4d8ee751, 0x8c52f662],
  ],
  [
    7,
    [0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344],
    [0xa4093822, 0x299f31d0],
    [0x4dfccaba, 0x190a87f0, 0xc47362ba, 0xb6b5242a],
  ],
  [10, [0, 0, 0, 0], [0, 0], [0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8]],
  [
    10,
    [0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff],
    [0xffffffff, 0xffffffff],
    [0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd],
  ],
  [
    10,
    [0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344],
    [0xa4093822, 0x299f31d0],
    [0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1],
  ],
];

/** An independent Philox4x32 in BigInt arithmetic, written from the paper's description. */
function referencePhilox(counter: number[], key: number[], rounds = 10): number[] {
  const mask = 0xffffffffn;
  let c = counter.map(BigInt);
  let k = key.map(BigInt);
  for (let round = 0; round < rounds; round++) {
    if (round > 0) k = [(k[0] + 0x9e3779b9n) & mask, (k[1] + 0xbb67ae85n) & mask];
    const product0 = 0xd2511f53n * c[0];
    const product1 = 0xcd9e8d57n * c[2];
    c = [
      ((product1 >> 32n) ^ c[1] ^ k[0]) & mask,
      product1 & mask,
      ((product0 >> 32n) ^ c[3] ^ k[1]) & mask,
      product0 & mask,
    ];
  }
  return c.map(Number);
}

const word = fc.integer({ min: 0, max: 0xffffffff });
const edgeWords = [0, 1, 0xffff, 0x10000, 0x7fffffff, 0x80000000, 0xfffffffe, 0xffffffff];

describe('philox4x32', () => {
  for (const [rounds, counter, key, expected] of KNOWN_ANSWERS) {
    const label = `${rounds} rounds, counter ${counter.map((w) => w.toString(16)).join(' ')}`;
    it(`matches the Random123 known answer (${label})`, () => {
      assert.deepEqual(Array.from(philox4x32(counter, key, rounds)), expected);
      assert.deepEqual(referencePhilox(counter, key, rounds), expected, 'the BigInt reference itself');
    });
  }

  it('agrees with the BigInt reference on random counters and keys', () => {
    fc.assert(
      fc.property(
        fc.array(word, { minLength: 4, maxLength: 4 }),
        fc.array(word, { minLength: 2, maxLength: 2 }),
        (c, k) => {
          assert.deepEqual(Array.from(philox4x32(c, k)), referencePhilox(c, k));
        },
      ),
      { seed: 1, numRuns: 300 },
    );
  });

  it('rejects malformed counters, keys and round counts', () => {
    assert.throws(() => philox4x32([0, 0, 0], [0, 0]), /counter must have 4 words and key 2 words/);
    assert.throws(() => philox4x32([0, 0, 0, 0], [0]), /counter must have 4 words and key 2 words/);
    assert.throws(() => philox4x32([0, 0, 0, 0], [0, 0], 0), /rounds must be an integer in \[1, 16\]/);
  });
});

describe('multiplyHigh', () => {
  it('is the exact high word of the 64-bit product (edge cases and random words)', () => {
    const check = (a: number, b: number) => {
      const expected = Number((BigInt(a) * BigInt(b)) >> 32n);
      assert.equal(multiplyHigh(a, b), expected, `${a} × ${b}`);
    };
    for (const a of edgeWords) for (const b of edgeWords) check(a, b);
    fc.assert(
      fc.property(word, word, (a, b) => check(a, b)),
      { seed: 2, numRuns: 2000 },
    );
  });
});

describe('philoxFill', () => {
  it('writes the blocks [block, 0, domain, 0] word by word, including a cut last block', () => {
    const out = new Uint32Array(4 * 5 + 3);
    philoxFill(out, 0x1234, 0xabcdef, PhiloxDomain.fold, 17);
    for (let i = 0; i < out.length; i++) {
      const block = philox4x32([17 + Math.floor(i / 4), 0, PhiloxDomain.fold, 0], [0x1234, 0xabcdef]);
      assert.equal(out[i], block[i % 4], `word ${i}`);
    }
  });

  it('carries block indices above 2^32 into counter word 1', () => {
    const first = 2 ** 40 + 2 ** 32 - 1;
    const out = new Uint32Array(8);
    philoxFill(out, 7, 9, PhiloxDomain.bits, first);
    assert.deepEqual(Array.from(out.subarray(0, 4)), referencePhilox([0xffffffff, 0x100, 0, 0], [7, 9]));
    assert.deepEqual(Array.from(out.subarray(4)), referencePhilox([0, 0x101, 0, 0], [7, 9]));
  });

  it('rejects block indices outside the safe range', () => {
    assert.throws(
      () => philoxFill(new Uint32Array(4), 0, 0, 0, -1),
      /block indices must stay in \[0, 2\^53 - 1\]/,
    );
    assert.throws(() => philoxFill(new Uint32Array(8), 0, 0, 0, 2 ** 53 - 1), /block indices/);
  });
});
