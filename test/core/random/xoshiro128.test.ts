import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeKey, Xoshiro128StarStar } from '../../../src/core/random/index.js';

describe('Xoshiro128StarStar', () => {
  it('reproduces the reference outputs of xoshiro128** (Blackman & Vigna)', () => {
    // State and outputs from the test data of the xoshiro-6502 port, generated with the C
    // reference implementation xoshiro128starstar.c (state words little-endian from its seed bytes).
    const generator = Xoshiro128StarStar.fromState({
      algorithm: 'xoshiro128**',
      words: [0x964d4a0c, 0xd40ab895, 0xad7fdecb, 0x3006f0f0],
    });
    const outputs = [0xf1391922, 0x6fe53806, 0xa5be2840, 0xf510ee70];
    for (const expected of outputs) assert.equal(generator.nextUint32(), expected);
    assert.deepEqual(generator.getState().words, [0xfc65379c, 0x52006d70, 0x87487639, 0xf1908343]);
  });

  it('is determined by its key, and resumes exactly from its state', () => {
    const a = new Xoshiro128StarStar(makeKey(5));
    const b = new Xoshiro128StarStar(makeKey(5));
    const c = new Xoshiro128StarStar(makeKey(6));
    const first = Array.from({ length: 8 }, () => a.nextUint32());
    assert.deepEqual(
      Array.from({ length: 8 }, () => b.nextUint32()),
      first,
    );
    assert.notDeepEqual(
      Array.from({ length: 8 }, () => c.nextUint32()),
      first,
    );
    const resumed = Xoshiro128StarStar.fromState(JSON.parse(JSON.stringify(a.getState())));
    for (let i = 0; i < 100; i++) assert.equal(resumed.nextUint32(), a.nextUint32());
  });

  it('gives uniform bits: each of the 32 bit positions is set half the time', () => {
    const generator = new Xoshiro128StarStar(makeKey(1));
    const counts = new Array(32).fill(0);
    const n = 40000;
    for (let i = 0; i < n; i++) {
      const word = generator.nextUint32();
      for (let b = 0; b < 32; b++) counts[b] += (word >>> b) & 1;
    }
    for (const count of counts) assert.ok(Math.abs((count - n / 2) / Math.sqrt(n / 4)) < 4.5);
  });

  it('validates its key and state', () => {
    assert.throws(() => new Xoshiro128StarStar(new Uint32Array(3)), /key must be a Uint32Array of 2 words/);
    assert.throws(
      () => Xoshiro128StarStar.fromState({ algorithm: 'xoshiro128**', words: [0, 0, 0, 0] }),
      /not all 0/,
    );
  });
});
