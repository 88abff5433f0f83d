import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkGrad, derivative, grad, hessian } from '../../../src/core/autodiff/index.js';
import { makeKey, normal } from '../../../src/core/random/index.js';
import * as T from '../../../src/core/tensor/index.js';
import {
  type ActivationName,
  activate,
  activationDerivatives,
  mlp,
  mlpInputDerivatives,
} from '../../../src/models/mlp/index.js';

const smooth: ActivationName[] = ['tanh', 'softplus', 'sigmoid', 'sin', 'swish'];

function maxAbs(a: T.Tensor, b: ArrayLike<number>): number {
  let worst = 0;
  for (let i = 0; i < a.size; i++) worst = Math.max(worst, Math.abs(a.data[i] - b[i]));
  return worst;
}

describe('activationDerivatives', () => {
  it('returns σ, σ′ and σ″ equal to autodiff derivatives of activate', () => {
    const z = T.linspace(-4, 4, 41);
    for (const name of [...smooth, 'relu', 'identity'] as ActivationName[]) {
      const { value, first, second } = activationDerivatives(name, z);
      const f = (x: T.Tensor) => activate(name, x);
      assert.ok(maxAbs(value, f(z).data) === 0, name);
      const d1 = derivative(f, 1)(z).data;
      const d2 = derivative(f, 2)(z).data;
      assert.ok(maxAbs(first ?? T.onesLike(z), d1) < 1e-15, `${name} σ′`);
      assert.ok(maxAbs(second ?? T.zerosLike(z), d2) < 1e-14, `${name} σ″`);
    }
  });
});

describe('mlpInputDerivatives (Taylor mode)', () => {
  it('matches nested reverse-mode autodiff for the gradient and the Hessian diagonal', () => {
    const batch = 4;
    const x = T.fromData(normal(makeKey(1), batch * 3), [batch, 3]);
    for (const activation of smooth) {
      const net = mlp({ sizes: [3, 7, 5, 2], activation, outputActivation: 'softplus', key: makeKey(2) });
      const result = mlpInputDerivatives(net, net.parameters, x);
      assert.deepEqual(result.gradient.shape, [batch, 3, 2]);
      assert.deepEqual(result.laplacian.shape, [batch, 2]);
      assert.ok(maxAbs(result.value, net.apply(net.parameters, x).data) < 1e-15);
      for (let b = 0; b < batch; b++) {
        const point = T.slice(x, [b], [b + 1]).data;
        for (let k = 0; k < 2; k++) {
          const u = (p: T.Tensor) => T.slice(net.apply(net.parameters, p), [k], [k + 1]);
          const g = grad(u)(T.tensor(point));
          const h = hessian(u)(T.tensor(point));
          let laplacian = 0;
          for (let i = 0; i < 3; i++) {
            const index = (b * 3 + i) * 2 + k;
            assert.ok(Math.abs(result.gradient.data[index] - g.data[i]) < 1e-14, `${activation} ∂u/∂x`);
            assert.ok(
              Math.abs(result.secondDiagonal.data[index] - h.data[i * 4]) < 1e-13,
              `${activation} ∂²u`,
            );
            laplacian += h.data[i * 4];
          }
          assert.ok(Math.abs(result.laplacian.data[b * 2 + k] - laplacian) < 1e-13);
        }
      }
    }
  });

  it('gives weight gradients of a Laplacian residual that match finite differences', () => {
    // A Poisson residual Δu − f at a few collocation points: the PINN use case.
    const net = mlp({ sizes: [2, 6, 6, 1], activation: 'tanh', key: makeKey(3) });
    const x = T.fromData(normal(makeKey(4), 10), [5, 2]);
    const loss = (p: T.Tensor) => {
      const { laplacian, gradient } = mlpInputDerivatives(net, p, x);
      return T.add(T.mean(T.square(T.sub(laplacian, 1))), T.mean(T.square(gradient)));
    };
    const report = checkGrad(loss, T.tensor(net.parameters), {
      step: 1e-5,
      tolerance: 1e-6,
      key: makeKey(5),
    });
    assert.ok(report.ok);
  });

  it('handles a single point, a single layer and relu networks (zero second derivatives)', () => {
    const linear = mlp({ sizes: [2, 3], activation: 'tanh', key: makeKey(6) });
    const single = mlpInputDerivatives(linear, linear.parameters, T.tensor([0.5, -0.5]));
    assert.deepEqual(single.gradient.shape, [2, 3]);
    // A single linear layer: ∂u_k/∂x_i = W_ik, no curvature.
    assert.ok(maxAbs(single.gradient, linear.views(linear.parameters)[0].weight) === 0);
    assert.ok(single.laplacian.data.every((v) => v === 0));
    const relu = mlp({ sizes: [2, 8, 1], activation: 'relu', init: 'he', key: makeKey(7) });
    const x = T.fromData(normal(makeKey(8), 6), [3, 2]);
    const result = mlpInputDerivatives(relu, relu.parameters, x);
    const g = grad((p: T.Tensor) => T.sum(relu.apply(relu.parameters, p)))(x);
    assert.ok(maxAbs(result.gradient, g.data) < 1e-15);
    assert.ok(result.secondDiagonal.data.every((v) => v === 0));
  });
});
