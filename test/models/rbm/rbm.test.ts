/** The RBM record: creation and its checks, JSON round trips, the energy, base-rate biases. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeKey } from '../../../src/core/random/index.js';
import {
  baseRateVisibleBias,
  cloneRbm,
  createRbm,
  type RbmJson,
  rbmEnergy,
  rbmFromJSON,
  rbmPrecision,
  rbmToJSON,
} from '../../../src/models/rbm/index.js';

describe('createRbm', () => {
  it('draws N(0, 0.01²) weights from a key and zero biases', () => {
    const rbm = createRbm({ visibleCount: 64, hiddenCount: 100, key: makeKey(1) });
    let sum = 0;
    let squares = 0;
    for (const w of rbm.weights) {
      sum += w;
      squares += w * w;
    }
    const n = rbm.weights.length;
    assert.ok(Math.abs(sum / n) < 5 * (0.01 / Math.sqrt(n)));
    assert.ok(Math.abs(Math.sqrt(squares / n) - 0.01) < 0.0005);
    assert.ok(rbm.visibleBias.every((b) => b === 0) && rbm.hiddenBias.every((c) => c === 0));
    assert.equal(rbmPrecision(rbm), 'float64');
    const same = createRbm({ visibleCount: 64, hiddenCount: 100, key: makeKey(1) });
    assert.deepEqual(same.weights, rbm.weights);
  });

  it('accepts explicit parameters and float32 storage', () => {
    const rbm = createRbm({
      visibleCount: 2,
      hiddenCount: 3,
      precision: 'float32',
      weights: [1, 2, 3, 4, 5, 6],
      visibleBias: [0.5, -0.5],
      hiddenBias: [1, 0, -1],
      visibleUnits: 'gaussian',
    });
    assert.ok(rbm.weights instanceof Float32Array);
    assert.equal(rbmPrecision(rbm), 'float32');
    assert.equal(rbm.visibleUnits, 'gaussian');
    assert.deepEqual(Array.from(rbm.weights), [1, 2, 3, 4, 5, 6]);
  });

  it('rejects bad options, naming them', () => {
    assert.throws(
      () => createRbm({ visibleCount: 0, hiddenCount: 3 }),
      /visibleCount must be an integer in \[1/,
    );
    assert.throws(() => createRbm({ visibleCount: 2, hiddenCount: 2.5 }), /hiddenCount/);
    assert.throws(
      () => createRbm({ visibleCount: 2, hiddenCount: 2, visibleUnits: 'binary' as 'gaussian' }),
      /visibleUnits must be one of/,
    );
    assert.throws(
      () => createRbm({ visibleCount: 2, hiddenCount: 2, weights: [1, 2, 3] }),
      /weights must have 4 entries/,
    );
    assert.throws(
      () => createRbm({ visibleCount: 2, hiddenCount: 2, hiddenBias: [1, Number.NaN] }),
      /hiddenBias\[1\]/,
    );
    assert.throws(
      () => createRbm({ visibleCount: 2, hiddenCount: 2, key: makeKey(1), weightScale: -1 }),
      /weightScale/,
    );
    assert.throws(() => createRbm({ visibleCount: 5000, hiddenCount: 5000 }), /≤ 2\^24/);
  });
});

describe('RBM records', () => {
  it('round-trip through JSON exactly, in both precisions', () => {
    for (const precision of ['float64', 'float32'] as const) {
      const rbm = createRbm({
        visibleCount: 5,
        hiddenCount: 4,
        key: makeKey(2),
        precision,
        weightScale: 0.7,
      });
      rbm.visibleBias[1] = Math.PI;
      const copy = rbmFromJSON(JSON.parse(JSON.stringify(rbmToJSON(rbm))) as RbmJson);
      assert.deepEqual(copy, rbm);
    }
    assert.throws(() => rbmFromJSON({ version: 2 } as unknown as RbmJson), /version must be 1/);
  });

  it('clone deeply', () => {
    const rbm = createRbm({ visibleCount: 3, hiddenCount: 2, key: makeKey(3) });
    const copy = cloneRbm(rbm);
    copy.weights[0] = 42;
    assert.notEqual(rbm.weights[0], 42);
  });

  it('compute the energy −bᵀv − cᵀh − vᵀWh (Bernoulli) and ½‖v − b‖² − cᵀh − vᵀWh (Gaussian)', () => {
    const parameters = {
      visibleCount: 2,
      hiddenCount: 2,
      weights: [1, 2, 3, 4],
      visibleBias: [0.5, -1],
      hiddenBias: [2, -3],
    };
    const bernoulli = createRbm(parameters);
    // −(0.5·1 − 1·1) − (2·1 − 3·0) − (1·1 + 3·1)·1 = 0.5 − 2 − 4
    assert.equal(rbmEnergy(bernoulli, [1, 1], [1, 0]), -5.5);
    const gaussian = createRbm({ ...parameters, visibleUnits: 'gaussian' });
    // ½((0.2 − 0.5)² + (−1 + 1)²) − (2 − 3) − (0.2·(1 + 2) + (−1)·(3 + 4))
    assert.ok(Math.abs(rbmEnergy(gaussian, [0.2, -1], [1, 1]) - (0.045 + 1 - (0.6 - 7))) < 1e-14);
    assert.throws(() => rbmEnergy(bernoulli, [1], [1, 0]), /visible must be an array of 2 numbers/);
  });

  it('base-rate visible biases are the smoothed logits of the pixel means', () => {
    const bias = baseRateVisibleBias([1, 0, 1, 1, 0, 0, 1, 0], 2);
    // column 0: 3 ones of 4 → p = 3.5/5; column 1: 1 one → p = 1.5/5
    assert.ok(Math.abs(bias[0] - Math.log(0.7 / 0.3)) < 1e-14);
    assert.ok(Math.abs(bias[1] - Math.log(0.3 / 0.7)) < 1e-14);
    assert.throws(() => baseRateVisibleBias([1, 0, 1], 2), /rows of 2 numbers/);
  });
});
