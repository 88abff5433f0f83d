import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeKey } from '../../src/core/random/index.js';
import { batchMeansStandardError, monteCarloStandardError } from '../../src/diagnostics/index.js';
import { ar1Chains, arvizLong, arvizSine, arvizSmall } from './helpers.js';

// For stationary AR(1) draws with unit variance, the standard error of the mean of N draws is
// √(τ/N) with τ = (1 + ρ)/(1 − ρ). Over 200 seeds (4 × 2500 draws, ρ = 0.5) the ratio
// estimate/truth had standard deviation 0.029 (MCSE) and 0.048 (batch means), mean 1.00 and
// 0.98; the bounds below are over 5 standard deviations.
describe('monteCarloStandardError', () => {
  it('is √(τ/N) for AR(1) draws', () => {
    const rho = 0.5;
    const draws = ar1Chains(makeKey(41), 4, 2500, rho);
    const truth = Math.sqrt((1 + rho) / (1 - rho) / 10_000);
    const ratio = monteCarloStandardError(draws) / truth;
    assert.ok(Math.abs(ratio - 1) < 0.15, `MCSE/truth = ${ratio}`);
  });

  it('covers the true mean: the error is within 4.5 MCSE over 20 independent runs', () => {
    for (let seed = 0; seed < 20; seed++) {
      const draws = ar1Chains(makeKey(500 + seed), 2, 500, 0.7, 2);
      let sum = 0;
      for (const chain of draws) for (const x of chain) sum += x;
      const error = sum / 1000 - 2;
      assert.ok(Math.abs(error) < 4.5 * monteCarloStandardError(draws), `seed ${seed}`);
    }
  });

  it('reproduces ArviZ mcse(method="mean") on fixed data sets', () => {
    const cases: [number[][] | Float64Array[], number][] = [
      [arvizSmall, 0.2117463752905709],
      [arvizSine(), 0.4658172057968899],
      [arvizLong(), 0.18564393859446168],
    ];
    for (const [draws, expected] of cases) {
      assert.ok(
        Math.abs(monteCarloStandardError(draws) - expected) < 1e-12 * 10,
        `${monteCarloStandardError(draws)}`,
      );
    }
  });
});

describe('batchMeansStandardError', () => {
  it('is √(τ/N) for AR(1) draws', () => {
    const rho = 0.5;
    const draws = ar1Chains(makeKey(42), 4, 2500, rho);
    const truth = Math.sqrt((1 + rho) / (1 - rho) / 10_000);
    const ratio = batchMeansStandardError(draws) / truth;
    assert.ok(Math.abs(ratio - 1) < 0.25, `batch-means SE/truth = ${ratio}`);
  });

  it('equals the plain formula by hand on a small example', () => {
    // One chain, batches of 2: means 1.5, 3.5, 5.5 (grand mean 3.5), sample variance 4,
    // σ̂² = 2·4 = 8, SE = √(8/6).
    assert.ok(
      Math.abs(batchMeansStandardError([[1, 2, 3, 4, 5, 6]], { batchSize: 2 }) - Math.sqrt(8 / 6)) < 1e-15,
    );
    assert.throws(
      () => batchMeansStandardError([[1, 2, 3, 4]], { batchSize: 3 }),
      /batchSize must be an integer in \[1, 2\]/,
    );
  });
});
