/** The portable exponential, sigmoid, softplus and log(1 + y) against Math and identities. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { exponential, logSigmoid, sigmoid, softplus } from '../../../src/models/rbm/index.js';
import { logOnePlus } from '../../../src/models/rbm/logistic.js';

const ulp = Number.EPSILON;

describe('portable logistic functions', () => {
  it('exponential is within 2 ulp of Math.exp over [−700, 700]', () => {
    let worst = 0;
    for (let n = 0; n <= 140000; n++) {
      const z = -700 + n * 0.01 + 1e-7 * Math.sin(n);
      const reference = Math.exp(z);
      worst = Math.max(worst, Math.abs(exponential(z) - reference) / reference);
    }
    assert.ok(worst < 2 * ulp, `worst relative error ${worst / ulp} ulp`);
    assert.equal(exponential(0), 1);
    assert.equal(exponential(-800), 0);
    assert.equal(exponential(710), Number.POSITIVE_INFINITY);
    assert.ok(Number.isNaN(exponential(Number.NaN)));
  });

  it('sigmoid: accuracy, symmetry σ(−x) = 1 − σ(x), saturation and NaN', () => {
    for (let x = -30; x <= 30; x += 0.37) {
      const reference = 1 / (1 + Math.exp(-x));
      assert.ok(Math.abs(sigmoid(x) - reference) <= 4 * ulp * reference, `σ(${x})`);
      assert.ok(Math.abs(sigmoid(-x) - (1 - sigmoid(x))) < 2 * ulp);
    }
    assert.equal(sigmoid(0), 0.5);
    assert.equal(sigmoid(800), 1);
    assert.equal(sigmoid(-800), 0);
    assert.ok(sigmoid(-700) > 0, 'no premature underflow');
    assert.ok(Number.isNaN(sigmoid(Number.NaN)));
  });

  it('softplus and logSigmoid agree with log1p(exp(x)) without overflow', () => {
    for (let x = -60; x <= 60; x += 0.173) {
      const reference = x > 30 ? x + Math.exp(-x) : Math.log1p(Math.exp(x));
      assert.ok(Math.abs(softplus(x) - reference) <= 4 * ulp * reference, `softplus(${x})`);
      assert.ok(Math.abs(logSigmoid(x) + softplus(-x)) === 0);
    }
    assert.equal(softplus(1000), 1000);
    assert.equal(softplus(-1000), 0);
  });

  it('logOnePlus is within 1 ulp of Math.log1p on [0, 1], including tiny arguments', () => {
    for (const y of [0, 1e-300, 1e-17, 1e-9, 3e-5, 0.015625, 0.0644945, 0.5, 0.999999, 1]) {
      const reference = Math.log1p(y);
      assert.ok(Math.abs(logOnePlus(y) - reference) <= ulp * reference, `log1p(${y})`);
    }
    for (let n = 0; n <= 100000; n++) {
      const y = n / 100000;
      const reference = Math.log1p(y);
      assert.ok(Math.abs(logOnePlus(y) - reference) <= 1.5 * ulp * reference, `log1p(${y})`);
    }
  });
});
