import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  checkGrad,
  derivative,
  grad,
  hessian,
  hvp,
  jacobian,
  jvp,
  valueAndGrad,
  vjp,
} from '../../../src/core/autodiff/index.js';
import { makeKey } from '../../../src/core/random/index.js';
import * as T from '../../../src/core/tensor/index.js';
import { randomTensor } from '../../support/finite-differences.js';

const close = (a: number, b: number, tol = 1e-12) => Math.abs(a - b) <= tol * Math.max(1, Math.abs(b));

describe('derivatives of any order', () => {
  it('the n-th derivative of sin is sin(x + nπ/2), exactly, up to order 8', () => {
    const x = T.tensor([-2.1, -0.4, 0, 0.9, 3.3]);
    for (let n = 0; n <= 8; n++) {
      const d = derivative(T.sin, n)(x);
      for (let i = 0; i < x.size; i++)
        assert.ok(close(d.data[i], Math.sin(x.data[i] + (n * Math.PI) / 2), 1e-12), `order ${n}`);
    }
  });

  it('the n-th derivative of exp(2x) is 2ⁿ exp(2x), up to order 6', () => {
    const x = T.tensor([-1, 0.5, 2]);
    for (let n = 1; n <= 6; n++) {
      const d = derivative((y) => T.exp(T.mul(y, 2)), n)(x);
      for (let i = 0; i < x.size; i++) assert.ok(close(d.data[i], 2 ** n * Math.exp(2 * x.data[i]), 1e-12));
    }
  });

  it('third derivative of tanh by reverse, forward, and mixed nesting agree with the closed form', () => {
    const x = T.tensor([-1.3, 0.2, 0.8]);
    const closed = Array.from(x.data, (v) => {
      const t = Math.tanh(v);
      return -2 * (1 - t * t) * (1 - 3 * t * t);
    });
    const reverse = derivative(T.tanh, 3)(x);
    const ones = T.onesLike(x);
    const forward = jvp((y) => jvp((z) => jvp(T.tanh, [z], [ones])[1], [y], [ones])[1], [x], [ones])[1];
    const mixed = jvp(derivative(T.tanh, 2), [x], [ones])[1];
    for (let i = 0; i < x.size; i++) {
      assert.ok(close(reverse.data[i], closed[i]));
      assert.ok(close(forward.data[i], closed[i]));
      assert.ok(close(mixed.data[i], closed[i]));
    }
  });

  it('Hessian of the Rosenbrock function matches the analytic Hessian', () => {
    const f = (v: T.Tensor) => {
      const x = T.slice(v, [0], [1]);
      const y = T.slice(v, [1], [2]);
      return T.sum(T.add(T.square(T.sub(1, x)), T.mul(100, T.square(T.sub(y, T.square(x))))));
    };
    const [x, y] = [-1.2, 1];
    const h = hessian(f)(T.tensor([x, y]));
    const expected = [1200 * x * x - 400 * y + 2, -400 * x, -400 * x, 200];
    assert.deepEqual(h.shape, [2, 2]);
    for (const [i, e] of expected.entries()) assert.ok(close(h.data[i], e));
    const v = T.tensor([0.3, -0.7]);
    const hv = hvp(f, T.tensor([x, y]), v);
    assert.ok(close(hv.data[0], expected[0] * 0.3 + expected[1] * -0.7));
    assert.ok(close(hv.data[1], expected[2] * 0.3 + expected[3] * -0.7));
  });

  it('Jacobian of a matrix-vector map is the matrix', () => {
    const a = randomTensor(makeKey(1), [3, 4]);
    const j = jacobian((x) => T.matmul(a, x))(T.tensor([1, 2, 3, 4]));
    assert.deepEqual(j.shape, [3, 4]);
    for (let i = 0; i < 12; i++) assert.equal(j.data[i], a.data[i]);
  });

  it('does not confuse nested perturbations (Siskind–Pearlmutter test)', () => {
    // d/dx [ x · d/dy (x + y) ] = 1, not 2.
    const one = T.scalar(1);
    const forward = jvp((x) => T.mul(x, jvp((y) => T.add(x, y), [one], [one])[1]), [one], [one])[1];
    assert.equal(forward.data[0], 1);
    const reverse = grad((x) => T.mul(x, grad((y) => T.add(x, y))(one)))(one);
    assert.equal(reverse.data[0], 1);
  });

  it('grad with several arguments, valueAndGrad and vjp', () => {
    const f = (a: T.Tensor, b: T.Tensor) => T.sum(T.mul(T.square(a), b));
    const a = T.tensor([1, 2]);
    const b = T.tensor([3, 4]);
    const [ga, gb] = grad(f, { argnums: [0, 1] })(a, b);
    assert.deepEqual(Array.from(ga.data), [6, 16]);
    assert.deepEqual(Array.from(gb.data), [1, 4]);
    const [value, g] = valueAndGrad(f)(a, b);
    assert.equal(value.data[0], 19);
    assert.deepEqual(Array.from((g as T.Tensor).data), [6, 16]);
    const { value: v, backward } = vjp((x) => T.mul(x, x), a);
    assert.deepEqual(Array.from(v.data), [1, 4]);
    assert.deepEqual(Array.from(backward(T.tensor([1, 10]))[0].data), [2, 40]);
  });

  it('gradient of a function that ignores its input is zero; non-scalar grad is refused', () => {
    assert.deepEqual(Array.from(grad(() => T.scalar(3))(T.tensor([1, 2])).data), [0, 0]);
    assert.throws(() => grad((x) => T.mul(x, 2))(T.tensor([1, 2])), /single-element output.*\[2\]/);
  });

  it('a chain of 10⁵ ops differentiates without overflowing the stack', () => {
    const [value, g] = valueAndGrad((x) => {
      let y = x;
      for (let i = 0; i < 100000; i++) y = T.add(y, 1e-5);
      return T.sum(y);
    })(T.tensor([0]));
    assert.ok(close(value.data[0], 1, 1e-9));
    assert.equal((g as T.Tensor).data[0], 1);
  });
});

describe('checkGrad', () => {
  it('passes on correct derivatives, first and second order', () => {
    const f = (x: T.Tensor) => T.sum(T.mul(T.tanh(x), T.exp(T.mul(x, 0.3))));
    const report = checkGrad(f, randomTensor(makeKey(3), [6]), { secondOrder: true });
    assert.ok(report.ok && report.firstOrderError < 1e-8 && report.secondOrderError < 1e-6);
  });

  it('catches a wrong gradient (a hidden stopGradient)', () => {
    const wrong = (x: T.Tensor) => T.sum(T.mul(T.stopGradient(x), T.sin(x)));
    assert.throws(() => checkGrad(wrong, randomTensor(makeKey(4), [5])), /checkGrad failed/);
    const report = checkGrad(wrong, randomTensor(makeKey(4), [5]), { throwOnFailure: false });
    assert.equal(report.ok, false);
  });
});
