import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { eigh, inverse, logDeterminant, matrix } from '../../src/core/linalg/index.js';
import { makeKey, split } from '../../src/core/random/index.js';
import * as T from '../../src/core/tensor/index.js';
import { gaussianEnergy, gradientOf, randomCovariance } from '../../src/energies/index.js';
import { checkEnergy, randomPoints, relativeError } from './check-energy.js';

describe('gaussianEnergy', () => {
  const { covariance } = randomCovariance({
    dimension: 6,
    conditionNumber: 50,
    key: makeKey(1),
    smallestEigenvalue: 0.1,
  });
  const mean = Float64Array.of(1, -2, 0.5, 0, 3, -1);

  it('matches ½(x − μ)ᵀΣ⁻¹(x − μ) with Σ⁻¹ from an independent LU inverse', () => {
    const energy = gaussianEnergy({ mean, covariance });
    const precision = new T.Tensor(inverse(covariance).data, [6, 6]);
    const mu = new T.Tensor(Float64Array.from(mean), [6]);
    const formula = (x: T.Tensor) => {
      const d = T.sub(x, mu);
      return T.mul(0.5, T.sum(T.mul(d, T.matmul(precision, d))));
    };
    checkEnergy(energy, formula, randomPoints(makeKey(2), 5, 6, 2), makeKey(3), { tolerance: 1e-10 });
  });

  it('is zero with zero gradient at the mean, and U + log Z is −log N(x; μ, Σ)', () => {
    const energy = gaussianEnergy({ mean, covariance });
    assert.equal(energy.energy(mean), 0);
    assert.ok(gradientOf(energy, mean).every((g) => g === 0));
    const { logAbsDeterminant } = logDeterminant(covariance);
    const expected = 3 * Math.log(2 * Math.PI) + 0.5 * logAbsDeterminant;
    assert.ok(Math.abs(energy.logNormalizer - expected) < 1e-12);
  });

  it('exact samples have the right mean and covariance (within 5 standard errors)', () => {
    const energy = gaussianEnergy({ mean, covariance });
    const count = 20_000;
    const draws = energy.sample(makeKey(4), count);
    for (let i = 0; i < 6; i++) {
      const sigma = covariance.data[i * 6 + i];
      const m = draws.reduce((s, x) => s + x[i], 0) / count;
      // Under exact sampling (m − μ)/√(σ²/N) ~ N(0, 1): |z| > 5 has probability 6e-7.
      assert.ok(Math.abs(m - mean[i]) < 5 * Math.sqrt(sigma / count), `mean ${i}`);
      for (let j = 0; j <= i; j++) {
        const c = draws.reduce((s, x) => s + (x[i] - mean[i]) * (x[j] - mean[j]), 0) / count;
        const exact = covariance.data[i * 6 + j];
        // Var of x_i x_j is σ_ii σ_jj + σ_ij²; the estimate's standard error is √(that / N).
        const stderr = Math.sqrt((sigma * covariance.data[j * 6 + j] + exact * exact) / count);
        assert.ok(Math.abs(c - exact) < 5 * stderr, `covariance (${i}, ${j}): ${c} vs ${exact}`);
      }
    }
    const [k] = split(makeKey(4), 1);
    assert.deepEqual(energy.sample(k, 3), energy.sample(k, 3), 'deterministic in the key');
  });

  it('rejects a covariance that is not symmetric positive definite, and a wrong-length mean', () => {
    assert.throws(() => gaussianEnergy({ covariance: [1, 0.5, 0.4, 1] }), /covariance must be symmetric/);
    assert.throws(
      () => gaussianEnergy({ covariance: [1, 2, 2, 1] }),
      /covariance must be symmetric positive definite/,
    );
    assert.throws(() => gaussianEnergy({ covariance: matrix(2, 3) }), /covariance must be square, got 2×3/);
    assert.throws(() => gaussianEnergy({ covariance: [1, 0, 0, 1], mean: [1] }), /mean must have 2 entries/);
  });
});

describe('randomCovariance', () => {
  it('has the requested spectrum in 100 dimensions (κ = 1000) and is deterministic', () => {
    const result = randomCovariance({ dimension: 100, conditionNumber: 1000, key: makeKey(7) });
    const { values } = eigh(result.covariance);
    assert.ok(relativeError(values, result.eigenvalues) < 1e-11);
    assert.ok(Math.abs(values[99] / values[0] - 1000) < 1e-8);
    assert.equal(result.eigenvalues[0], 1);
    const again = randomCovariance({ dimension: 100, conditionNumber: 1000, key: makeKey(7) });
    assert.deepEqual(again.covariance.data, result.covariance.data);
    // The 100-d Gaussian builds from it.
    assert.equal(gaussianEnergy({ covariance: result.covariance }).dimension, 100);
  });

  it('rejects bad options with the parameter named', () => {
    assert.throws(
      () => randomCovariance({ dimension: 3, conditionNumber: 0.1, key: makeKey(1) }),
      /conditionNumber/,
    );
    assert.throws(
      () => randomCovariance({ dimension: -3, conditionNumber: 2, key: makeKey(1) }),
      /dimension/,
    );
  });
});
