import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { matrix, solve } from '../../src/core/linalg/index.js';
import { makeKey } from '../../src/core/random/index.js';
import * as T from '../../src/core/tensor/index.js';
import {
  gradientOf,
  type LogisticDataSet,
  logisticRegressionPosterior,
  syntheticLogisticData,
} from '../../src/energies/index.js';
import { checkEnergy, randomPoints, relativeError } from './check-energy.js';

/** Σ softplus(z) − y z + |w|²/(2σ²) with z = Xw, by tensor ops. */
function formula(data: LogisticDataSet, priorVariance: number) {
  const { rows, cols } = data.features;
  const x = new T.Tensor(Float64Array.from(data.features.data), [rows, cols]);
  const y = new T.Tensor(Float64Array.from(data.labels), [rows]);
  return (w: T.Tensor) => {
    const z = T.matmul(x, w);
    const likelihood = T.sum(T.sub(T.softplus(z), T.mul(y, z)));
    return T.add(likelihood, T.mul(0.5 / priorVariance, T.sum(T.square(w))));
  };
}

describe('logisticRegressionPosterior', () => {
  const data = syntheticLogisticData({ samples: 60, features: 5, key: makeKey(1) });

  it('matches the autodiff posterior: value, gradient, H·v, Hessian at random points', () => {
    const energy = logisticRegressionPosterior({ ...data, priorVariance: 2 });
    checkEnergy(energy, formula(data, 2), randomPoints(makeKey(2), 6, 5, 1.5), makeKey(3), {
      tolerance: 1e-11,
    });
  });

  it('the minibatch gradient is unbiased: the average over all single-sample batches is ∇U', () => {
    const energy = logisticRegressionPosterior(data);
    const w = randomPoints(makeKey(4), 1, 5)[0];
    const full = new Float64Array(5);
    const uFull = energy.energyAndGradient(w, full);
    const average = new Float64Array(5);
    const g = new Float64Array(5);
    let uAverage = 0;
    for (let i = 0; i < 60; i++) {
      uAverage += energy.stochasticGradient(w, [i], g) / 60;
      for (let j = 0; j < 5; j++) average[j] += g[j] / 60;
    }
    assert.ok(relativeError(average, full) < 1e-12);
    assert.ok(Math.abs(uAverage - uFull) < 1e-11 * Math.abs(uFull));
    // The whole data set as one batch is the exact gradient.
    const all = Array.from({ length: 60 }, (_, i) => i);
    energy.stochasticGradient(w, all, g);
    assert.ok(relativeError(g, full) < 1e-14);
  });

  it('prior plus the per-example gradients add up to ∇U', () => {
    const energy = logisticRegressionPosterior(data);
    const w = randomPoints(makeKey(5), 1, 5)[0];
    const g = new Float64Array(5);
    let u = energy.priorGradient(w, g);
    for (let i = 0; i < 60; i++) u += energy.exampleGradient(w, i, g);
    assert.ok(relativeError(g, gradientOf(energy, w)) < 1e-13);
    assert.ok(Math.abs(u - energy.energy(w)) < 1e-12 * Math.abs(u));
  });

  it('is exact for logits of ±1000 (stable softplus and sigmoid)', () => {
    const energy = logisticRegressionPosterior({
      features: [[1000], [-1000], [1000]],
      labels: [1, 1, 0],
      priorVariance: 1e12,
    });
    const g = new Float64Array(1);
    const u = energy.energyAndGradient(Float64Array.of(1), g);
    // softplus(1000) − 1000 = 0 (to e^{−1000}), softplus(−1000) + 1000 = 1000, softplus(1000) = 1000.
    assert.ok(Math.abs(u - 2000) < 1e-9, `U = ${u}`);
    // Residuals σ(z) − y: 0, −1, 1, times x: 0 + 1000 + 1000.
    assert.ok(Math.abs(g[0] - 2000) < 1e-9, `∇U = ${g[0]}`);
  });

  it('its mode (by Newton with the exact Hessian) recovers the true weights from 4000 samples', () => {
    const big = syntheticLogisticData({ samples: 4000, features: 4, key: makeKey(9), logitScale: 3 });
    const energy = logisticRegressionPosterior({ ...big, priorVariance: 100 });
    const w = new Float64Array(4);
    for (let iteration = 0; iteration < 25; iteration++) {
      const step = solve(matrix(4, 4, energy.hessian(w)), gradientOf(energy, w));
      for (let j = 0; j < 4; j++) w[j] -= step[j];
    }
    assert.ok(Math.max(...gradientOf(energy, w).map(Math.abs)) < 1e-8, 'Newton converged');
    // The MLE's standard error is ≈ √(diag H⁻¹) ≲ 0.05 here; allow 5 of them.
    const trueWeights = big.trueWeights!;
    const inverse = solve(
      matrix(4, 4, energy.hessian(w)),
      matrix(4, 4, [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1]),
    );
    for (let j = 0; j < 4; j++) {
      const stderr = Math.sqrt(inverse.data[j * 4 + j]);
      assert.ok(
        Math.abs(w[j] - trueWeights[j]) < 5 * stderr,
        `w[${j}] = ${w[j]} vs ${trueWeights[j]} ± ${stderr}`,
      );
    }
  });

  it('synthetic data are deterministic in the key, with balanced labels', () => {
    const a = syntheticLogisticData({ samples: 500, features: 1000, key: makeKey(7) });
    const b = syntheticLogisticData({ samples: 500, features: 1000, key: makeKey(7) });
    const c = syntheticLogisticData({ samples: 500, features: 1000, key: makeKey(8) });
    assert.deepEqual(a.labels, b.labels);
    assert.deepEqual(a.features.data, b.features.data);
    assert.notDeepEqual(a.features.data, c.features.data);
    assert.ok(a.labels.every((y) => y === 0 || y === 1));
    const ones = a.labels.reduce((s, y) => s + y, 0);
    assert.ok(ones > 150 && ones < 350, `balanced labels: ${ones} of 500`);
  });

  it('rejects bad data and options with the parameter named', () => {
    assert.throws(
      () => logisticRegressionPosterior({ features: [[1], [2]], labels: [0, 2] }),
      /labels\[1\] must be 0 or 1/,
    );
    assert.throws(
      () => logisticRegressionPosterior({ features: [[1], [2]], labels: [0] }),
      /labels must have 2 entries/,
    );
    assert.throws(
      () => logisticRegressionPosterior({ features: [[1, 2], [3]], labels: [0, 1] }),
      /features\[1\] must have 2 entries/,
    );
    assert.throws(
      () => logisticRegressionPosterior({ ...data, priorVariance: 0 }),
      /priorVariance must be a finite number > 0/,
    );
    const energy = logisticRegressionPosterior(data);
    assert.throws(
      () => energy.stochasticGradient(new Float64Array(5), [60], new Float64Array(5)),
      /batchIndices\[0\]/,
    );
    assert.throws(
      () => syntheticLogisticData({ samples: 0, features: 3, key: makeKey(1) }),
      /samples must be an integer ≥ 1/,
    );
  });
});
