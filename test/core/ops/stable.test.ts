import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { derivative, grad } from '../../../src/core/autodiff/index.js';
import * as T from '../../../src/core/tensor/index.js';

const x = T.tensor([-1000, -30, 0, 30, 1000]);

describe('stable log-domain functions at ±1000', () => {
  it('sigmoid, softplus and logSigmoid values are exact', () => {
    const expected = [0, 1 / (1 + Math.exp(30)), 0.5, 1 / (1 + Math.exp(-30)), 1];
    for (const [i, v] of T.sigmoid(x).data.entries())
      assert.ok(Math.abs(v - expected[i]) <= 1e-15 * expected[i]);
    const sp = T.softplus(x).data;
    assert.equal(sp[0], 0);
    assert.equal(sp[4], 1000);
    assert.equal(sp[2], Math.LN2);
    assert.equal(sp[1], Math.log1p(Math.exp(-30)));
    const ls = T.logSigmoid(x).data;
    assert.equal(ls[0], -1000);
    assert.equal(ls[4], -0);
    assert.ok(Number.isFinite(ls[0]));
  });

  it('their first and second derivatives are finite and correct', () => {
    const s = (v: number) => 1 / (1 + Math.exp(-v));
    const dSoftplus = derivative(T.softplus, 1)(x).data;
    const d2Softplus = derivative(T.softplus, 2)(x).data;
    const dSigmoid = derivative(T.sigmoid, 1)(x).data;
    const dLogSigmoid = derivative(T.logSigmoid, 1)(x).data;
    for (let i = 0; i < x.size; i++) {
      const v = x.data[i];
      assert.ok(Math.abs(dSoftplus[i] - s(v)) < 1e-15);
      assert.ok(Math.abs(d2Softplus[i] - s(v) * (1 - s(v))) < 1e-15);
      assert.ok(Math.abs(dSigmoid[i] - s(v) * (1 - s(v))) < 1e-15);
      assert.ok(Math.abs(dLogSigmoid[i] - (1 - s(v))) < 1e-15);
    }
  });

  it('logsumexp of ±1000 is exact, its gradient is the softmax, second derivative finite', () => {
    const v = T.tensor([1000, 1000, -1000]);
    assert.equal(T.logsumexp(v).data[0], 1000 + Math.LN2);
    assert.deepEqual(Array.from(grad((y) => T.logsumexp(y))(v).data), [0.5, 0.5, 0]);
    const h = derivative((y) => T.logsumexp(T.stack([y, T.neg(y)], 1), 1), 2)(T.tensor([1000, 0]));
    // logsumexp(y, −y) = log(2 cosh y); its second derivative is 1 − tanh² y.
    assert.deepEqual(Array.from(h.data), [0, 1]);
    assert.equal(T.logsumexp(T.tensor([-Infinity, -Infinity])).data[0], -Infinity);
    assert.equal(T.logsumexp(T.tensor([-Infinity, 0])).data[0], 0);
  });

  it('softmax rows sum to one even with huge logits', () => {
    const p = T.softmax(T.tensor([[1000, 999, -1000]]));
    const total = p.data[0] + p.data[1] + p.data[2];
    assert.ok(Math.abs(total - 1) < 1e-15);
    assert.ok(Math.abs(p.data[0] - 1 / (1 + Math.exp(-1))) < 1e-15);
  });
});
