import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeKey, normal, split } from '../../../src/core/random/index.js';
import { complexFftPlan, realFftPlan } from '../../../src/pinn/reference/real-fft.js';

/** The direct O(n²) sum X_k = Σ_j x_j e^{−2πi jk/n}. */
function directDft(re: ArrayLike<number>, im: ArrayLike<number>): [Float64Array, Float64Array] {
  const n = re.length;
  const outRe = new Float64Array(n);
  const outIm = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    for (let j = 0; j < n; j++) {
      const angle = (-2 * Math.PI * ((j * k) % n)) / n;
      outRe[k] += re[j] * Math.cos(angle) - im[j] * Math.sin(angle);
      outIm[k] += re[j] * Math.sin(angle) + im[j] * Math.cos(angle);
    }
  }
  return [outRe, outIm];
}

const maxDifference = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  return worst;
};

describe('complexFftPlan and realFftPlan', () => {
  it('the complex plan equals the direct DFT and its inverse undoes it', () => {
    for (const n of [1, 2, 4, 8, 64, 256]) {
      const [k1, k2] = split(makeKey(n), 2);
      const re = normal(k1, n);
      const im = normal(k2, n);
      const [expectedRe, expectedIm] = directDft(re, im);
      const plan = complexFftPlan(n);
      const xr = Float64Array.from(re);
      const xi = Float64Array.from(im);
      plan.forward(xr, xi);
      assert.ok(maxDifference(xr, expectedRe) < 1e-12 * n, `n = ${n} (re)`);
      assert.ok(maxDifference(xi, expectedIm) < 1e-12 * n, `n = ${n} (im)`);
      plan.inverse(xr, xi);
      assert.ok(maxDifference(xr, re) < 1e-14 * Math.max(1, Math.log2(n)) && maxDifference(xi, im) < 1e-13);
    }
  });

  it('the real plan gives the half spectrum of the direct DFT and inverts it', () => {
    for (const n of [2, 4, 16, 128, 512]) {
      const x = normal(makeKey(100 + n), n);
      const [expectedRe, expectedIm] = directDft(x, new Float64Array(n));
      const plan = realFftPlan(n);
      const re = new Float64Array(n / 2 + 1);
      const im = new Float64Array(n / 2 + 1);
      plan.forward(x, re, im);
      assert.ok(maxDifference(re, expectedRe.subarray(0, n / 2 + 1)) < 1e-12 * n, `n = ${n} (re)`);
      assert.ok(maxDifference(im, expectedIm.subarray(0, n / 2 + 1)) < 1e-12 * n, `n = ${n} (im)`);
      const back = new Float64Array(n);
      plan.inverse(re, im, back);
      assert.ok(maxDifference(back, x) < 1e-13, `n = ${n} round trip`);
    }
  });

  it('rejects lengths that are not powers of two and mismatched arrays', () => {
    assert.throws(() => complexFftPlan(12), /length must be a power of two/);
    assert.throws(() => realFftPlan(1), /length must be a power of two in \[2/);
    const plan = realFftPlan(8);
    assert.throws(
      () => plan.forward(new Float64Array(8), new Float64Array(4), new Float64Array(5)),
      /half spectrum/,
    );
    assert.throws(() => complexFftPlan(4).forward(new Float64Array(4), new Float64Array(3)), /length 4/);
  });
});
