/**
 * Block-Gibbs sampling of a small RBM against its exact distribution over v (χ² test), the
 * conditionals against closed forms, and the array helpers for images.
 *
 * The χ² test uses 20 000 independent chains (the final state of each, after 40 steps of a
 * 4×3 model whose chains mix in a few steps), so the counts are multinomial; every expected count
 * is at least 15 (19 here), so the χ² law applies. With 15 degrees of
 * freedom the 0.999 quantile is 37.70: a false failure has probability 10⁻³ (and the seed is
 * fixed). The same samples against a model with weights scaled by 1.3 give χ² in the hundreds,
 * so the test has power.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeKey, RandomStream } from '../../../src/core/random/index.js';
import {
  cloneRbm,
  hiddenProbabilities,
  rbmEnergy,
  rbmFilters,
  rbmGibbsSampling,
  rbmReconstructionError,
  rbmVisibleDistribution,
  sampleHidden,
  sampleVisible,
  visibleMeans,
} from '../../../src/models/rbm/index.js';
import { bits, randomRbm } from './helpers.js';

function chiSquare(counts: Float64Array, probabilities: Float64Array, total: number): number {
  let statistic = 0;
  for (let n = 0; n < counts.length; n++) {
    const expected = probabilities[n] * total;
    statistic += (counts[n] - expected) ** 2 / expected;
  }
  return statistic;
}

describe('rbmGibbsSampling', () => {
  const rbm = randomRbm(4, 3, 50, 0.9);
  const chains = 20000;
  const result = rbmGibbsSampling({ rbm, chains, steps: 40, key: makeKey(51) });
  const counts = new Float64Array(16);
  for (let c = 0; c < chains; c++) {
    let index = 0;
    for (let i = 0; i < 4; i++) index |= result.visible[c * 4 + i] << i;
    counts[index]++;
  }

  it('samples the exact marginal p(v) (χ², 15 degrees of freedom, < 37.70)', () => {
    const exact = rbmVisibleDistribution(rbm);
    for (const p of exact) assert.ok(p * chains >= 15, 'every expected count is at least 15');
    const statistic = chiSquare(counts, exact, chains);
    assert.ok(statistic < 37.7, `χ² = ${statistic}`);
  });

  it('the same test rejects a wrong model (power check)', () => {
    const wrong = cloneRbm(rbm);
    for (let n = 0; n < wrong.weights.length; n++) wrong.weights[n] *= 1.3;
    const statistic = chiSquare(counts, rbmVisibleDistribution(wrong), chains);
    assert.ok(statistic > 100, `χ² = ${statistic}`);
  });

  it('returns the final means, hidden states and recorded samples', () => {
    const small = rbmGibbsSampling({
      rbm,
      chains: 3,
      steps: 10,
      key: makeKey(52),
      burnIn: 4,
      recordEvery: 2,
    });
    assert.equal(small.recordCount, 3);
    assert.equal(small.recorded.length, 3 * 3 * 4);
    assert.deepEqual(Array.from(small.recorded.subarray(2 * 12)), Array.from(small.visible));
    for (const x of small.visibleMeans) assert.ok(x > 0 && x < 1);
    for (const h of small.hidden) assert.ok(h === 0 || h === 1);
    const again = rbmGibbsSampling({
      rbm,
      chains: 3,
      steps: 10,
      key: makeKey(52),
      burnIn: 4,
      recordEvery: 2,
    });
    assert.deepEqual(Array.from(again.recorded), Array.from(small.recorded));
  });

  it('Gaussian chains reach the exact mean E[v] (by enumeration of h)', () => {
    const gaussian = randomRbm(3, 2, 53, 0.3, 'gaussian');
    const samples = rbmGibbsSampling({ rbm: gaussian, chains: 4000, steps: 20, key: makeKey(54) });
    const means = new Float64Array(3);
    for (let c = 0; c < 4000; c++) for (let i = 0; i < 3; i++) means[i] += samples.visible[c * 3 + i] / 4000;
    // E[v] = b + W·E[h]: exact by enumerating h with p(h) ∝ exp(cᵀh + bᵀWh + ½‖Wh‖²).
    const expected = new Float64Array(3);
    let total = 0;
    for (let h = 0; h < 4; h++) {
      const hidden = bits(h, 2);
      const mean = visibleMeans(gaussian, hidden);
      let logWeight = 0;
      for (let j = 0; j < 2; j++) logWeight += gaussian.hiddenBias[j] * hidden[j];
      for (let i = 0; i < 3; i++) {
        const u = mean[i] - gaussian.visibleBias[i];
        logWeight += gaussian.visibleBias[i] * u + 0.5 * u * u;
      }
      const weight = Math.exp(logWeight);
      total += weight;
      for (let i = 0; i < 3; i++) expected[i] += weight * mean[i];
    }
    // Standard error of each mean ≈ 1/√4000 ≈ 0.016; allow 5 of them.
    for (let i = 0; i < 3; i++)
      assert.ok(Math.abs(means[i] - expected[i] / total) < 0.08, `${means[i]} vs ${expected[i] / total}`);
  });
});

describe('conditionals', () => {
  it('p(h_j = 1 | v) is the ratio of joint Boltzmann weights', () => {
    const rbm = randomRbm(5, 4, 55, 0.9);
    const visible = bits(13, 5);
    const probabilities = hiddenProbabilities(rbm, visible);
    for (let j = 0; j < 4; j++) {
      const on = bits(1 << j, 4);
      const off = new Float64Array(4);
      const ratio = Math.exp(rbmEnergy(rbm, visible, off) - rbmEnergy(rbm, visible, on));
      assert.ok(Math.abs(probabilities[j] - ratio / (1 + ratio)) < 1e-14);
    }
  });

  it('Gaussian p(v | h) has mean b + Wh and unit variance', () => {
    const rbm = randomRbm(2, 3, 56, 0.5, 'gaussian');
    const hidden = [1, 0, 1];
    const mean = visibleMeans(rbm, hidden);
    for (let i = 0; i < 2; i++) {
      assert.ok(
        Math.abs(mean[i] - (rbm.visibleBias[i] + rbm.weights[i * 3] + rbm.weights[i * 3 + 2])) < 1e-15,
      );
    }
    const rows = 20000;
    const repeated = new Float64Array(rows * 3);
    for (let r = 0; r < rows; r++) repeated.set(hidden, 3 * r);
    const samples = sampleVisible(rbm, repeated, new RandomStream(makeKey(57)));
    let sum = 0;
    let squares = 0;
    for (let r = 0; r < rows; r++) {
      const d = samples[2 * r] - mean[0];
      sum += d;
      squares += d * d;
    }
    assert.ok(Math.abs(sum / rows) < 0.04, `mean offset ${sum / rows}`);
    assert.ok(Math.abs(squares / rows - 1) < 0.05, `variance ${squares / rows}`);
  });

  it('Bernoulli samples have the right frequencies', () => {
    const rbm = randomRbm(3, 2, 58, 1);
    const rows = 20000;
    const visible = new Float64Array(rows * 3).fill(1);
    const samples = sampleHidden(rbm, visible, new RandomStream(makeKey(59)));
    const p = hiddenProbabilities(rbm, [1, 1, 1]);
    for (let j = 0; j < 2; j++) {
      let ones = 0;
      for (let r = 0; r < rows; r++) ones += samples[r * 2 + j];
      const se = Math.sqrt((p[j] * (1 - p[j])) / rows);
      assert.ok(Math.abs(ones / rows - p[j]) < 5 * se, `${ones / rows} vs ${p[j]}`);
    }
  });
});

describe('image helpers', () => {
  it('rbmFilters returns weight columns as rows; the reconstruction error is the mean-field MSE', () => {
    const rbm = randomRbm(3, 2, 60, 1);
    assert.deepEqual(
      Array.from(rbmFilters(rbm)),
      [0, 1, 2, 3, 4, 5].map((n) => rbm.weights[(n % 3) * 2 + Math.floor(n / 3)]),
    );
    const data = [1, 0, 1, 0, 0, 1];
    const reconstruction = visibleMeans(rbm, hiddenProbabilities(rbm, data));
    let expected = 0;
    for (let n = 0; n < 6; n++) expected += (data[n] - reconstruction[n]) ** 2 / 6;
    assert.ok(Math.abs(rbmReconstructionError(rbm, data) - expected) < 1e-15);
  });
});
