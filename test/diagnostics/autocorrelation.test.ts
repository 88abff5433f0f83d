import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeKey, normal } from '../../src/core/random/index.js';
import { autocorrelation, autocovariance } from '../../src/diagnostics/autocorrelation.js';
import { ar1Chains, directAutocovariance } from './helpers.js';

describe('autocovariance', () => {
  it('equals the direct O(n²) sum at every lag, for lengths that are not powers of two', () => {
    for (const n of [2, 3, 17, 100, 333]) {
      const x = normal(makeKey(n), n);
      for (let i = 0; i < n; i++) x[i] += 3; // a non-zero mean must be removed
      const fast = autocovariance(x);
      const direct = directAutocovariance(x);
      assert.equal(fast.length, n);
      for (let k = 0; k < n; k++) assert.ok(Math.abs(fast[k] - direct[k]) < 1e-12, `n=${n} lag ${k}`);
    }
  });

  it('stops at maxLag and validates it', () => {
    const x = normal(makeKey(3), 50);
    assert.equal(autocovariance(x, 10).length, 11);
    assert.throws(() => autocovariance(x, 50), /maxLag must be an integer in \[0, 49\]/);
    assert.throws(() => autocovariance([1]), /at least 2 draws/);
    assert.throws(() => autocovariance([1, Number.NaN, 2]), /chain\[1\] must be finite/);
  });
});

describe('autocorrelation', () => {
  it('of an AR(1) chain is ρᵏ within sampling error', () => {
    // One chain of 5·10⁴ draws: the standard error of ρ̂ₖ is at most about
    // √((1+ρ²)/(1−ρ²)/n) ≈ 0.0065 (Bartlett), so 0.035 is over 5 standard errors.
    const rho = 0.6;
    const [x] = ar1Chains(makeKey(5), 1, 50_000, rho);
    const r = autocorrelation(x, 8);
    assert.equal(r[0], 1);
    for (let k = 1; k <= 8; k++)
      assert.ok(Math.abs(r[k] - rho ** k) < 0.035, `lag ${k}: ${r[k]} vs ${rho ** k}`);
  });

  it('is NaN beyond lag 0 for a constant chain', () => {
    const r = autocorrelation([2, 2, 2, 2], 2);
    assert.equal(r[0], 1);
    assert.ok(Number.isNaN(r[1]));
  });
});
