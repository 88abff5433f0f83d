import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeKey } from '../../src/core/random/index.js';
import {
  bulkEffectiveSampleSize,
  effectiveSampleSize,
  integratedAutocorrelationTime,
  tailEffectiveSampleSize,
} from '../../src/diagnostics/index.js';
import { ar1Chains, arvizLong, arvizSine, arvizSmall } from './helpers.js';

const CHAINS = 4;
const DRAWS = 2500;
const TOTAL = CHAINS * DRAWS;

// Tolerances: over 200 seeds (4 chains × 2500 draws) the ratio ESS/(N/τ) had standard
// deviation 0.028 for ρ = 0 and 0.051 for ρ = 0.5 (mean 0.99 both); the bounds below are
// about 5 standard deviations, a false-failure rate below 1e-6 for a random seed.
describe('effectiveSampleSize', () => {
  it('of independent draws is the number of draws', () => {
    const draws = ar1Chains(makeKey(21), CHAINS, DRAWS, 0);
    const ratio = effectiveSampleSize(draws) / TOTAL;
    assert.ok(Math.abs(ratio - 1) < 0.15, `ESS/N = ${ratio}`);
    const bulk = bulkEffectiveSampleSize(draws) / TOTAL;
    assert.ok(Math.abs(bulk - 1) < 0.15, `bulk ESS/N = ${bulk}`);
  });

  it('of an AR(1) chain is N(1 − ρ)/(1 + ρ)', () => {
    for (const [seed, rho] of [
      [22, 0.5],
      [23, -0.3],
    ]) {
      const draws = ar1Chains(makeKey(seed), CHAINS, DRAWS, rho);
      const expected = (TOTAL * (1 - rho)) / (1 + rho);
      const ratio = effectiveSampleSize(draws) / expected;
      // Antithetic chains (ρ < 0) have ESS > N; the estimator then follows the same formula.
      assert.ok(
        Math.abs(ratio - 1) < 0.25,
        `ρ=${rho}: ESS = ${effectiveSampleSize(draws)}, expected ${expected}`,
      );
      const tau = integratedAutocorrelationTime(draws);
      assert.ok(Math.abs(tau / ((1 + rho) / (1 - rho)) - 1) < 0.25, `ρ=${rho}: τ = ${tau}`);
    }
  });

  it('falls when chains disagree (the between-chain variance enters)', () => {
    const agree = ar1Chains(makeKey(24), CHAINS, 1000, 0.5);
    const disagree = agree.map((chain, c) => chain.map((x) => x + (c % 2 === 0 ? 1 : -1)));
    assert.ok(effectiveSampleSize(disagree) < 0.1 * effectiveSampleSize(agree));
  });

  it('counts every draw of a constant chain', () => {
    assert.equal(effectiveSampleSize([new Float64Array(10).fill(3), new Float64Array(10).fill(3)]), 20);
  });

  it('of the tails of independent draws is the number of draws', () => {
    // Over 200 seeds: tail-ESS/N had mean 0.975 and standard deviation 0.027.
    const draws = ar1Chains(makeKey(25), CHAINS, DRAWS, 0);
    const ratio = tailEffectiveSampleSize(draws) / TOTAL;
    assert.ok(Math.abs(ratio - 0.975) < 0.14, `tail ESS/N = ${ratio}`);
  });

  it('validates the [chains][draws] layout', () => {
    assert.throws(() => effectiveSampleSize([[1, 2, 3]]), /at least 4 draws/);
    assert.throws(
      () =>
        effectiveSampleSize([
          [1, 2, 3, 4],
          [1, 2, 3],
        ]),
      /same number of draws/,
    );
    assert.throws(
      () => effectiveSampleSize([[1, 2, 3, Number.NaN]]),
      /draws\[0\]\[3\] must be a finite number/,
    );
    assert.throws(() => effectiveSampleSize([]), /at least 1 chain/);
    assert.throws(
      () => tailEffectiveSampleSize([[1, 2, 3, 4]], { probabilities: [0, 0.9] }),
      /probability must be in \(0, 1\)/,
    );
  });
});

describe('effective sample size against ArviZ', () => {
  // Reference values: ArviZ's `_ess`, `_ess_bulk`, `_ess_tail`, `_ess_mean` (arviz/stats/
  // diagnostics.py) transcribed line by line in numpy/scipy and run on these data sets; ArviZ
  // itself could not be installed here. `identity` is `_ess` on the chains as given.
  const cases = [
    {
      name: 'small (2 × 11)',
      draws: arvizSmall,
      mean: 21.35559725508326,
      bulk: 18.960387729532467,
      tail: 21.73913043478262,
      identity: 25.464754459380664,
    },
    {
      name: 'sine (3 × 41)',
      draws: arvizSine(),
      mean: 5.741529000314215,
      bulk: 5.993896531967557,
      tail: 73.94052657615565,
      identity: 2.6291962566733726,
    },
    {
      name: 'long (4 × 301)',
      draws: arvizLong(),
      mean: 67.64808585621988,
      bulk: 61.96767566402189,
      tail: 62.11917804386572,
      identity: 60.61623589940838,
    },
  ];
  for (const c of cases) {
    it(`reproduces ess mean, bulk, tail and identity on ${c.name}`, () => {
      const close = (actual: number, expected: number, what: string) =>
        assert.ok(Math.abs(actual - expected) < 1e-9 * expected, `${what}: ${actual} vs ${expected}`);
      close(effectiveSampleSize(c.draws), c.mean, 'mean');
      close(bulkEffectiveSampleSize(c.draws), c.bulk, 'bulk');
      close(tailEffectiveSampleSize(c.draws), c.tail, 'tail');
      close(effectiveSampleSize(c.draws, { split: false }), c.identity, 'identity');
    });
  }
});
