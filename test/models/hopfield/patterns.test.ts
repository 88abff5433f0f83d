import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeKey } from '../../../src/core/random/index.js';
import {
  bitsFromSpins,
  corruptPattern,
  hammingDistance,
  overlap,
  patternOverlaps,
  randomPatterns,
  spinsFromBits,
} from '../../../src/models/hopfield/index.js';

describe('hopfield patterns', () => {
  it('converts between ±1 spins and 0/1 bits both ways', () => {
    const bits = Uint8Array.of(0, 1, 1, 0, 1);
    const spins = spinsFromBits(bits);
    assert.deepEqual([...spins], [-1, 1, 1, -1, 1]);
    assert.deepEqual([...bitsFromSpins(spins)], [...bits]);
    assert.throws(() => spinsFromBits([0, 2]), /bits\[1\] must be 0 or 1/);
    assert.throws(() => bitsFromSpins([1, 0]), /spins\[1\] must be \+1 or −1/);
  });

  it('draws patterns with the requested bias, reproducibly', () => {
    const unbiased = randomPatterns(makeKey(1), 20, 500);
    assert.deepEqual(unbiased, randomPatterns(makeKey(1), 20, 500));
    // The first patterns of a longer draw are the same patterns (one stream, pattern after pattern).
    assert.deepEqual(randomPatterns(makeKey(1), 5, 500), unbiased.slice(0, 5));
    const mean = (patterns: Int8Array[]) =>
      patterns.reduce((sum, p) => sum + p.reduce((s, v) => s + v, 0), 0) /
      (patterns.length * patterns[0].length);
    // 10 000 spins: the mean has standard deviation 0.01 (unbiased) or 0.008 (bias 0.6); 4σ bounds.
    assert.ok(Math.abs(mean(unbiased)) < 0.04, `mean ${mean(unbiased)}`);
    const biased = randomPatterns(makeKey(2), 20, 500, { bias: 0.6 });
    assert.ok(Math.abs(mean(biased) - 0.6) < 0.032, `mean ${mean(biased)}`);
    assert.throws(() => randomPatterns(makeKey(1), 2, 10, { bias: 1 }), /bias must lie strictly inside/);
    assert.throws(() => randomPatterns(makeKey(1), 2, 0), /size must be an integer in \[1, 16384\]/);
  });

  it('corrupts exactly round(fraction·N) distinct spins', () => {
    const [pattern] = randomPatterns(makeKey(3), 1, 200);
    for (const fraction of [0, 0.1, 0.25, 1]) {
      const corrupted = corruptPattern(makeKey(4), pattern, fraction);
      assert.equal(hammingDistance(pattern, corrupted), Math.round(fraction * 200));
      assert.equal(overlap(pattern, corrupted), 1 - 2 * fraction);
    }
    assert.throws(
      () => corruptPattern(makeKey(4), pattern, 1.5),
      /fraction must be a finite number in \[0, 1\]/,
    );
  });

  it('measures overlaps with every pattern', () => {
    const patterns = [Int8Array.of(1, 1, 1, 1), Int8Array.of(1, -1, 1, -1)];
    assert.deepEqual([...patternOverlaps(patterns, [1, 1, 1, -1])], [0.5, 0.5]);
    assert.deepEqual([...patternOverlaps(patterns, [-1, -1, -1, -1])], [-1, 0]);
  });
});
