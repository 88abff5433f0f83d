import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkGrad, grad, hessian } from '../../../src/core/autodiff/index.js';
import { makeKey, normal } from '../../../src/core/random/index.js';
import * as T from '../../../src/core/tensor/index.js';
import { type ActivationName, mlp, mlpArchitecture } from '../../../src/models/mlp/index.js';

const smooth: ActivationName[] = ['tanh', 'softplus', 'sigmoid', 'sin', 'swish'];

describe('mlp', () => {
  it('computes tanh(x·W1 + b1)·W2 + b2 exactly as written by hand', () => {
    const net = mlpArchitecture({ sizes: [2, 3, 1], activation: 'tanh' });
    assert.equal(net.parameterCount, 2 * 3 + 3 + 3 * 1 + 1);
    const p = Float64Array.from(
      { length: net.parameterCount },
      (_, i) => 0.1 * (i + 1) * (i % 2 === 0 ? 1 : -1),
    );
    const [first, second] = net.views(p);
    const point = [0.7, -1.3];
    let expected = second.bias[0];
    for (let j = 0; j < 3; j++) {
      let z = first.bias[j];
      for (let i = 0; i < 2; i++) z += point[i] * first.weight[i * 3 + j];
      expected += Math.tanh(z) * second.weight[j];
    }
    const batch = net.apply(p, T.tensor([point, [0, 0]]));
    assert.deepEqual(batch.shape, [2, 1]);
    assert.ok(Math.abs(batch.data[0] - expected) < 1e-15, `${batch.data[0]} vs ${expected}`);
    const single = net.apply(p, T.tensor(point));
    assert.deepEqual(single.shape, [1]);
    assert.equal(single.data[0], batch.data[0]);
    // Parameters given as a tensor give the same numbers.
    assert.equal(net.apply(T.tensor(p), T.tensor(point)).data[0], batch.data[0]);
  });

  it('lays the parameters out as [W1, b1, W2, b2, …] and its views share storage', () => {
    const net = mlp({ sizes: [3, 5, 4, 2], key: makeKey(1) });
    assert.equal(net.parameterCount, 3 * 5 + 5 + 5 * 4 + 4 + 4 * 2 + 2);
    assert.deepEqual(
      net.layers.map((layer) => [layer.weightOffset, layer.biasOffset]),
      [
        [0, 15],
        [20, 40],
        [44, 52],
      ],
    );
    const p = net.parameters.slice();
    const views = net.views(p);
    views[1].bias[2] = 42;
    assert.equal(p[40 + 2], 42);
  });

  it('gives parameter gradients that match finite differences, to second order, for every smooth activation', () => {
    const x = T.fromData(normal(makeKey(7), 5 * 3), [5, 3]);
    for (const activation of smooth) {
      const net = mlp({ sizes: [3, 6, 4, 2], activation, outputActivation: 'tanh', key: makeKey(2) });
      const loss = (p: T.Tensor) => T.sum(T.mul(net.apply(p, x), net.apply(p, x)));
      // Central differences at step 1e-5: truncation error O(h²) ≈ 1e-8 (measured 5e-8 at worst),
      // so a wrong rule (an error of order 1) cannot pass a 1e-6 tolerance.
      const report = checkGrad(loss, T.tensor(net.parameters), {
        secondOrder: true,
        step: 1e-5,
        tolerance: 1e-6,
        key: makeKey(3),
      });
      assert.ok(report.ok, `${activation}: ${report.firstOrderError}, ${report.secondOrderError}`);
    }
  });

  it('gives the Laplacian of its scalar output (autodiff Hessian trace) matching finite differences', () => {
    for (const activation of smooth) {
      const net = mlp({ sizes: [2, 8, 8, 1], activation, key: makeKey(4) });
      const u = (x: T.Tensor) => T.sum(net.apply(net.parameters, x));
      const point = [0.3, -0.4];
      const h = hessian(u)(T.tensor(point));
      const laplacian = h.data[0] + h.data[3];
      // Five-point stencil: truncation O(h²·u⁗) ≈ 1e-6, rounding O(ε/h²) ≈ 1e-10 at h = 1e-3.
      const step = 1e-3;
      const at = (dx: number, dy: number) => u(T.tensor([point[0] + dx, point[1] + dy])).data[0];
      const stencil = (at(step, 0) + at(-step, 0) + at(0, step) + at(0, -step) - 4 * at(0, 0)) / step ** 2;
      assert.ok(Math.abs(laplacian - stencil) < 1e-5, `${activation}: ${laplacian} vs ${stencil}`);
      // The mixed derivatives are symmetric.
      assert.ok(Math.abs(h.data[1] - h.data[2]) < 1e-14);
    }
  });

  it('differentiates a relu network almost everywhere, with the gradient of the active path', () => {
    const net = mlp({ sizes: [2, 16, 1], activation: 'relu', init: 'he', key: makeKey(5) });
    const x = T.tensor([0.2, 0.9]);
    const g = grad((point: T.Tensor) => T.sum(net.apply(net.parameters, point)))(x);
    const [first, second] = net.views(net.parameters);
    const expected = [0, 0];
    for (let j = 0; j < 16; j++) {
      const z = first.bias[j] + 0.2 * first.weight[j] + 0.9 * first.weight[16 + j];
      if (z > 0) for (let i = 0; i < 2; i++) expected[i] += first.weight[i * 16 + j] * second.weight[j];
    }
    assert.ok(Math.abs(g.data[0] - expected[0]) < 1e-14 && Math.abs(g.data[1] - expected[1]) < 1e-14);
  });

  it('computes in float32 when asked, within float32 rounding of the float64 network', () => {
    const key = makeKey(6);
    const wide = mlp({ sizes: [2, 16, 1], activation: 'swish', key });
    const narrow = mlp({ sizes: [2, 16, 1], activation: 'swish', key, dtype: 'float32' });
    const x = T.fromData(normal(makeKey(8), 20), [10, 2]);
    const a = wide.apply(wide.parameters, x);
    const b = narrow.apply(narrow.parameters, x);
    assert.equal(b.dtype, 'float32');
    for (let i = 0; i < 10; i++) assert.ok(Math.abs(a.data[i] - b.data[i]) < 1e-5);
  });

  it('rejects bad sizes, activations, parameters and inputs with messages naming them', () => {
    assert.throws(() => mlpArchitecture({ sizes: [3] }), /sizes must be an array of at least two/);
    assert.throws(
      () => mlpArchitecture({ sizes: [3, 0, 1] }),
      /sizes\[1\] must be an integer in \[1, 1000000\]/,
    );
    assert.throws(
      () => mlpArchitecture({ sizes: [3, 1], activation: 'gelu' as ActivationName }),
      /activation must be one of identity, tanh/,
    );
    const net = mlp({ sizes: [3, 4, 1], key: makeKey(0) });
    assert.throws(
      () => net.apply(new Float64Array(5), T.zeros([1, 3])),
      /parameters must have length parameterCount = 21/,
    );
    assert.throws(
      () => net.apply(net.parameters, T.zeros([4, 2])),
      /x must be a tensor of shape \[batch, 3\]/,
    );
    assert.throws(
      () => mlp({ sizes: [3, 1], init: { weightStd: -1, biasStd: 0 }, key: makeKey(0) }),
      /init.weightStd/,
    );
  });
});
