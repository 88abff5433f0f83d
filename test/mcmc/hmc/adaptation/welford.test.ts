import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeKey, normal } from '../../../../src/core/random/index.js';
import { WelfordVariance } from '../../../../src/mcmc/hmc/index.js';

describe('WelfordVariance', () => {
  it('equals the two-pass mean and unbiased variance, even with a large offset', () => {
    const draws = normal(makeKey(5), 3000);
    const estimator = new WelfordVariance(3);
    const vectors: number[][] = [];
    for (let t = 0; t < 1000; t++) {
      const x = [1e8 + draws[3 * t], 2 * draws[3 * t + 1], -5 + 0.1 * draws[3 * t + 2]];
      vectors.push(x);
      estimator.add(x);
    }
    for (let i = 0; i < 3; i++) {
      const mean = vectors.reduce((s, x) => s + x[i], 0) / 1000;
      const variance = vectors.reduce((s, x) => s + (x[i] - mean) ** 2, 0) / 999;
      assert.ok(Math.abs(estimator.mean()[i] - mean) <= 1e-12 * Math.max(1, Math.abs(mean)));
      // At 10⁸ the inputs themselves carry rounding of about 10⁻⁸, hence 10⁻⁸ relative.
      assert.ok(Math.abs(estimator.variance()[i] / variance - 1) < 1e-8, `coordinate ${i}`);
    }
    assert.equal(estimator.count, 1000);
  });

  it('regularises as Stan: (n/(n+5))·σ̂² + 10⁻³·5/(n+5), and resets', () => {
    const estimator = new WelfordVariance(1);
    for (const x of [1, 2, 3, 4, 5]) estimator.add([x]);
    // σ̂² = 2.5, n = 5: 0.5·2.5 + 0.5·10⁻³.
    assert.ok(Math.abs(estimator.regularizedVariance()[0] - (1.25 + 5e-4)) < 1e-15);
    estimator.reset();
    assert.equal(estimator.count, 0);
    assert.throws(() => estimator.variance(), /needs at least 2 vectors, got 0/);
    assert.throws(() => estimator.add([1, 2]), /x must have length 1/);
  });
});
