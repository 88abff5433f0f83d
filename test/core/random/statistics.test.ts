// The test-side statistics must be right before they can judge the generator: check them
// against textbook values.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  chiSquarePValue,
  chiSquareTest,
  erfc,
  kolmogorovSmirnovTest,
  kolmogorovSurvival,
  logGamma,
  momentZScores,
  normalCdf,
  normalMoments,
  uniformMoments,
} from './statistics.js';

function assertClose(actual: number, expected: number, relative: number, label: string): void {
  const error = Math.abs(actual - expected) / Math.max(Math.abs(expected), Number.MIN_VALUE);
  assert.ok(error <= relative, `${label}: got ${actual}, expected ${expected} (relative error ${error})`);
}

describe('test statistics helpers', () => {
  it('logGamma matches factorials and Γ(1/2) = √π', () => {
    assertClose(logGamma(5), Math.log(24), 1e-14, 'logGamma(5)');
    assertClose(logGamma(0.5), 0.5 * Math.log(Math.PI), 1e-14, 'logGamma(0.5)');
    assertClose(logGamma(101), 363.73937555556347, 1e-14, 'logGamma(101)');
  });

  it('χ² p-values match published quantiles', () => {
    assertClose(chiSquarePValue(3.841458820694124, 1), 0.05, 1e-9, 'χ²₁ 95%');
    assertClose(chiSquarePValue(18.307038053275146, 10), 0.05, 1e-9, 'χ²₁₀ 95%');
    assertClose(chiSquarePValue(6.6348966010212145, 1), 0.01, 1e-9, 'χ²₁ 99%');
    assertClose(chiSquarePValue(135.80672317102676, 100), 0.01, 1e-9, 'χ²₁₀₀ 99%');
    assertClose(chiSquarePValue(7, 2), Math.exp(-3.5), 1e-12, 'χ²₂ survival is exp(−x/2)');
  });

  it('χ² test: perfect fit, and an impossible category observed', () => {
    const fit = chiSquareTest([25, 25, 50], [0.25, 0.25, 0.5]);
    assert.equal(fit.statistic, 0);
    assertClose(fit.pValue, 1, 1e-12, 'perfect fit');
    assert.equal(chiSquareTest([10, 1], [1, 0]).pValue, 0);
    assert.ok(chiSquareTest([60, 40], [0.5, 0.5]).pValue < 0.05);
  });

  it('Kolmogorov distribution matches its critical values, and both series agree', () => {
    assertClose(kolmogorovSurvival(1.3580986393225505), 0.05, 1e-6, 'K 95%');
    assertClose(kolmogorovSurvival(1.6276236115189), 0.01, 1e-6, 'K 99%');
    assertClose(kolmogorovSurvival(0.8275735551899077), 0.5, 1e-6, 'K median');
    assertClose(kolmogorovSurvival(1.1799999), kolmogorovSurvival(1.18), 1e-6, 'continuity at 1.18');
  });

  it('erfc and Φ match reference values on both sides of the series switch', () => {
    assertClose(erfc(0.5), 0.4795001221869535, 1e-14, 'erfc(0.5)');
    assertClose(erfc(1), 0.15729920705028513, 1e-14, 'erfc(1)');
    assertClose(erfc(2.999999), erfc(3), 1e-5, 'erfc continuity');
    assertClose(erfc(3), 2.209049699858544e-5, 1e-12, 'erfc(3)');
    assertClose(erfc(5), 1.5374597944280349e-12, 1e-12, 'erfc(5)');
    assertClose(normalCdf(1.959963984540054), 0.975, 1e-14, 'Φ(1.96)');
    assertClose(normalCdf(-1.959963984540054), 0.025, 1e-13, 'Φ(−1.96)');
  });

  it('KS test accepts an exact quantile grid and rejects a shifted one', () => {
    const n = 1000;
    const grid = Float64Array.from({ length: n }, (_, i) => (i + 0.5) / n);
    const cdf = (x: number) => Math.min(1, Math.max(0, x));
    assert.ok(kolmogorovSmirnovTest(grid, cdf).pValue > 0.999);
    const shifted = grid.map((x) => Math.min(1, x + 0.1));
    assert.ok(kolmogorovSmirnovTest(shifted, cdf).pValue < 1e-6);
  });

  it('moment z-scores vanish on a symmetric sample with the exact moments', () => {
    // −1, 0, 1 with equal weight: mean 0, every even moment 2/3, every odd one 0.
    const samples = Float64Array.from({ length: 99 }, (_, i) => (i % 3) - 1);
    const even = 2 / 3;
    const scores = momentZScores(samples, { mean: 0, m: [0, 0, even, 0, even, 0, even, 0, even] });
    assert.deepEqual(scores, [0, 0, 0, 0]);
    const biased = momentZScores(samples, { mean: 0.1, m: [0, 0, even, 0, even, 0, even, 0, even] });
    assert.ok(biased[0] < -1, `a wrong mean must show in the first z-score, got ${biased[0]}`);
    assert.deepEqual(uniformMoments(0, 1).m.slice(2, 5), [1 / 12, 0, 1 / 80]);
    assert.deepEqual(normalMoments(0, 2).m.slice(2, 5), [4, 0, 48]);
  });
});
