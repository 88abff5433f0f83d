/**
 * The embedded digits decode to exactly the original CSV (`digits.csv.gz` of Debian's
 * python3-sklearn): count, label histogram, the first image, and FNV-1a checksums of all
 * 115 008 pixel counts and of the labels, as printed by scripts/build-digits.py from the CSV.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { digitsPixelCounts, loadDigits, minMaxScale } from '../../src/data/index.js';

/** FNV-1a, 32 bits, over small integers taken as bytes (the generator's function). */
function fnv1a(values: ArrayLike<number>): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < values.length; i++) {
    hash ^= values[i];
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

describe('loadDigits', () => {
  const digits = loadDigits();

  it('has 1797 images of 8×8 with the original label histogram', () => {
    assert.equal(digits.count, 1797);
    assert.equal(digits.width, 8);
    assert.equal(digits.height, 8);
    assert.equal(digits.images.length, 1797 * 64);
    const histogram = new Array(10).fill(0);
    for (const label of digits.labels) histogram[label]++;
    assert.deepEqual(histogram, [178, 182, 177, 183, 181, 182, 181, 179, 174, 180]);
    assert.equal(digits.labels[0], 0);
    assert.equal(digits.labels[1], 1);
  });

  it('decodes every pixel and label exactly (checksums of the original CSV)', () => {
    const counts = digitsPixelCounts();
    let sum = 0;
    for (const value of counts) sum += value;
    assert.equal(sum, 561718);
    assert.equal(fnv1a(counts), 0xcc1d6c61);
    assert.equal(fnv1a(digits.labels), 0x73746ba5);
    // The first row of the CSV.
    const first = [
      0, 0, 5, 13, 9, 1, 0, 0, 0, 0, 13, 15, 10, 15, 5, 0, 0, 3, 15, 2, 0, 11, 8, 0, 0, 4, 12, 0,
    ];
    assert.deepEqual(Array.from(counts.subarray(0, first.length)), first);
  });

  it('scales to count / 16 and binarizes strictly above the threshold', () => {
    const counts = digitsPixelCounts();
    for (let i = 0; i < counts.length; i += 37) assert.equal(digits.images[i], counts[i] / 16);
    const binary = loadDigits({ binarize: 0.5 });
    let ones = 0;
    for (let i = 0; i < counts.length; i++) {
      assert.equal(binary.images[i], counts[i] > 8 ? 1 : 0);
      ones += binary.images[i];
    }
    assert.ok(ones > 30000 && ones < 50000, `ones = ${ones}`);
    const nonzero = loadDigits({ binarize: 0 });
    assert.equal(nonzero.images[2], 1);
    assert.equal(nonzero.images[0], 0);
  });

  it('returns fresh arrays on every call', () => {
    const a = loadDigits();
    a.images[0] = 42;
    a.labels[0] = 7;
    const b = loadDigits();
    assert.equal(b.images[0], 0);
    assert.equal(b.labels[0], 0);
  });

  it('rejects a bad threshold, naming it', () => {
    assert.throws(() => loadDigits({ binarize: 1 }), /binarize must be a number in \[0, 1\)/);
    assert.throws(() => loadDigits({ binarize: Number.NaN }), /binarize/);
    assert.throws(() => loadDigits({ binarize: -0.1 }), /binarize/);
  });
});

describe('minMaxScale', () => {
  it('matches scikit-learn minmax_scale on the digits to the last bit', () => {
    const scaled = minMaxScale(digitsPixelCounts(), 64);
    // Values printed by sklearn 1.2.1: column 38 has maximum 14, column 1 maximum 8.
    assert.equal(scaled[0 * 64 + 38], 0.5714285714285714);
    assert.equal(scaled[194 * 64 + 38], 0.21428571428571427);
    assert.equal(scaled[291 * 64 + 1], 0.125);
    assert.equal(scaled[1796 * 64 + 62], 0.0625);
    let sum = 0;
    for (const value of scaled) sum += value;
    assert.ok(Math.abs(sum - 35323.99302503052) < 1e-8, `sum = ${sum}`);
    // Column 0 is constant (always 0): it stays 0.
    for (let r = 0; r < 1797; r++) assert.equal(scaled[r * 64], 0);
  });

  it('maps each column onto [0, 1] and rejects bad shapes', () => {
    const scaled = minMaxScale([1, -2, 3, 4, 5, -2], 2);
    assert.deepEqual(Array.from(scaled), [0, 0, 0.5, 1, 1, 0]);
    assert.throws(() => minMaxScale([1, 2, 3], 2), /multiple of columns/);
    assert.throws(() => minMaxScale([1, 2], 0), /columns must be an integer ≥ 1/);
    assert.throws(() => minMaxScale([1, Number.NaN], 1), /values\[1\] must be finite/);
  });
});
