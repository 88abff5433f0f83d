/**
 * The log pseudo-likelihood against its definition Σ_i log p(v_i | v₋ᵢ) computed from free
 * energies by brute force, and scikit-learn's one-flip estimator: unbiased for it (the mean over
 * 400 independent keys lies within 5 standard errors; false-failure probability ≈ 6·10⁻⁷ per row).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fold, makeKey } from '../../../src/core/random/index.js';
import { freeEnergy, pseudoLogLikelihood } from '../../../src/models/rbm/index.js';
import { noisyPrototypes, randomRbm } from './helpers.js';

describe('pseudoLogLikelihood', () => {
  const rbm = randomRbm(6, 5, 80, 0.8);
  const data = noisyPrototypes(6, 5, 81);

  it('equals Σ_i log p(v_i | v₋ᵢ) from free energies', () => {
    const result = pseudoLogLikelihood(rbm, data);
    let total = 0;
    for (let r = 0; r < 5; r++) {
      const v = Array.from(data.subarray(r * 6, r * 6 + 6));
      const own = Math.exp(-freeEnergy(rbm, v));
      let expected = 0;
      for (let i = 0; i < 6; i++) {
        const flipped = v.slice();
        flipped[i] = 1 - flipped[i];
        expected += Math.log(own / (own + Math.exp(-freeEnergy(rbm, flipped))));
      }
      assert.ok(
        Math.abs(result.values[r] - expected) < 1e-12,
        `row ${r}: ${result.values[r]} vs ${expected}`,
      );
      total += expected;
    }
    assert.ok(Math.abs(result.mean - total / 5) < 1e-12);
  });

  it("scikit-learn's one-flip estimate is unbiased for it and reproducible per key", () => {
    const exact = pseudoLogLikelihood(rbm, data).values;
    const draws = 400;
    const sums = new Float64Array(5);
    const squares = new Float64Array(5);
    for (let d = 0; d < draws; d++) {
      const values = pseudoLogLikelihood(rbm, data, { key: fold(makeKey(82), d) }).values;
      for (let r = 0; r < 5; r++) {
        sums[r] += values[r];
        squares[r] += values[r] ** 2;
      }
    }
    for (let r = 0; r < 5; r++) {
      const mean = sums[r] / draws;
      const se = Math.sqrt((squares[r] / draws - mean * mean) / draws);
      assert.ok(se > 0 && Math.abs(mean - exact[r]) < 5 * se, `row ${r}: ${mean} ± ${se} vs ${exact[r]}`);
    }
    const once = pseudoLogLikelihood(rbm, data, { key: makeKey(83) }).mean;
    assert.equal(pseudoLogLikelihood(rbm, data, { key: makeKey(83) }).mean, once);
  });

  it('rejects Gaussian units', () => {
    const gaussian = randomRbm(2, 2, 84, 1, 'gaussian');
    assert.throws(() => pseudoLogLikelihood(gaussian, [0, 1]), /must be 'bernoulli'/);
  });
});
