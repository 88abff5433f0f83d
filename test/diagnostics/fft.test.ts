import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeKey, normal, split } from '../../src/core/random/index.js';
import { fft, inverseFft, nextPowerOfTwo } from '../../src/diagnostics/fft.js';

/** X[k] = Σⱼ x[j]·exp(−2πi·jk/n) by the O(n²) sum. */
function directDft(real: Float64Array, imaginary: Float64Array): [Float64Array, Float64Array] {
  const n = real.length;
  const outReal = new Float64Array(n);
  const outImaginary = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    for (let j = 0; j < n; j++) {
      const angle = (-2 * Math.PI * ((j * k) % n)) / n;
      outReal[k] += real[j] * Math.cos(angle) - imaginary[j] * Math.sin(angle);
      outImaginary[k] += real[j] * Math.sin(angle) + imaginary[j] * Math.cos(angle);
    }
  }
  return [outReal, outImaginary];
}

describe('fft', () => {
  it('equals the direct DFT sum for lengths 1 to 256', () => {
    const [k1, k2] = split(makeKey(11));
    for (const n of [1, 2, 4, 8, 64, 256]) {
      const real = normal(k1, n);
      const imaginary = normal(k2, n);
      const [expectedReal, expectedImaginary] = directDft(real, imaginary);
      fft(real, imaginary);
      for (let k = 0; k < n; k++) {
        assert.ok(Math.abs(real[k] - expectedReal[k]) < 1e-11 * n, `n=${n} Re X[${k}]`);
        assert.ok(Math.abs(imaginary[k] - expectedImaginary[k]) < 1e-11 * n, `n=${n} Im X[${k}]`);
      }
    }
  });

  it('inverseFft undoes fft to round-off', () => {
    const [k1, k2] = split(makeKey(12));
    const real = normal(k1, 1024);
    const imaginary = normal(k2, 1024);
    const re = real.slice();
    const im = imaginary.slice();
    fft(re, im);
    inverseFft(re, im);
    for (let i = 0; i < 1024; i++) {
      assert.ok(Math.abs(re[i] - real[i]) < 1e-13 && Math.abs(im[i] - imaginary[i]) < 1e-13);
    }
  });

  it('transforms a pure tone into a single spike (Parseval holds)', () => {
    const n = 32;
    const real = Float64Array.from({ length: n }, (_, j) => Math.cos((2 * Math.PI * 5 * j) / n));
    const imaginary = new Float64Array(n);
    fft(real, imaginary);
    for (let k = 0; k < n; k++) {
      const magnitude = Math.hypot(real[k], imaginary[k]);
      const expected = k === 5 || k === n - 5 ? n / 2 : 0;
      assert.ok(Math.abs(magnitude - expected) < 1e-12, `bin ${k}: ${magnitude}`);
    }
  });

  it('rejects lengths that are not powers of two, and mismatched parts', () => {
    assert.throws(() => fft(new Float64Array(6), new Float64Array(6)), /power of two/);
    assert.throws(() => fft(new Float64Array(4), new Float64Array(8)), /same length/);
    assert.throws(() => nextPowerOfTwo(-1), /n must be/);
    assert.equal(nextPowerOfTwo(0), 1);
    assert.equal(nextPowerOfTwo(1000), 1024);
    assert.equal(nextPowerOfTwo(1024), 1024);
  });
});
