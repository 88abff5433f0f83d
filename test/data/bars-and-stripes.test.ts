/** Bars and stripes: the count 2ⁿ⁺¹ − 2, distinctness, and that each pattern is a bar or a stripe. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { barsAndStripes } from '../../src/data/index.js';

function isBars(image: Float64Array, size: number): boolean {
  for (let r = 1; r < size; r++)
    for (let c = 0; c < size; c++) if (image[r * size + c] !== image[c]) return false;
  return true;
}

function isStripes(image: Float64Array, size: number): boolean {
  for (let r = 0; r < size; r++)
    for (let c = 1; c < size; c++) if (image[r * size + c] !== image[r * size]) return false;
  return true;
}

describe('barsAndStripes', () => {
  for (const size of [1, 2, 3, 4, 5]) {
    it(`size ${size}: 2^${size + 1} − 2 distinct binary patterns, each bars or stripes`, () => {
      const data = barsAndStripes(size);
      const pixels = size * size;
      assert.equal(data.count, 2 ** (size + 1) - 2);
      assert.equal(data.images.length, data.count * pixels);
      const seen = new Set<string>();
      for (let n = 0; n < data.count; n++) {
        const image = data.images.subarray(n * pixels, (n + 1) * pixels);
        for (const value of image) assert.ok(value === 0 || value === 1);
        assert.ok(data.labels[n] === 0 ? isBars(image, size) : isStripes(image, size));
        seen.add(image.join(''));
      }
      assert.equal(seen.size, data.count);
    });
  }

  it('covers every bars pattern and every stripes pattern of size 3 (brute force over 2⁹)', () => {
    const data = barsAndStripes(3);
    const set = new Set<string>();
    for (let n = 0; n < data.count; n++) set.add(data.images.subarray(n * 9, (n + 1) * 9).join(''));
    let valid = 0;
    for (let bits = 0; bits < 512; bits++) {
      const image = new Float64Array(9);
      for (let i = 0; i < 9; i++) image[i] = (bits >> i) & 1;
      if (isBars(image, 3) || isStripes(image, 3)) {
        valid++;
        assert.ok(set.has(image.join('')));
      }
    }
    assert.equal(valid, 14);
  });

  it('rejects a bad size, naming the range', () => {
    assert.throws(() => barsAndStripes(0), /size must be an integer in \[1, 12\]/);
    assert.throws(() => barsAndStripes(2.5), /size/);
    assert.throws(() => barsAndStripes(13), /size/);
  });
});
