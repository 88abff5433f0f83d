import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { backward } from '../../../src/core/autodiff/backward.js';
import { grad, valueAndGrad } from '../../../src/core/autodiff/index.js';
import { noGrad } from '../../../src/core/autodiff/trace.js';
import { jsKernels, withKernels } from '../../../src/core/kernels/index.js';
import { taylorMlpEngine } from '../../../src/core/kernels/wasm/taylor-mlp-engine.js';
import { fold, makeKey, normal } from '../../../src/core/random/index.js';
import * as T from '../../../src/core/tensor/index.js';
import { fusedMlpInputDerivatives } from '../../../src/models/mlp/fused-input-derivatives.js';
import { type ActivationName, mlp, mlpInputDerivatives } from '../../../src/models/mlp/index.js';

const activations: ActivationName[] = ['tanh', 'softplus', 'sigmoid', 'sin', 'swish', 'relu', 'identity'];

function relativeError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let difference = 0;
  let scale = 0;
  for (let i = 0; i < a.length; i++) {
    difference = Math.max(difference, Math.abs(a[i] - b[i]));
    scale = Math.max(scale, Math.abs(b[i]));
  }
  return difference / Math.max(scale, 1e-300);
}

/** A loss that weighs every stream differently, so each one's cotangent path is exercised. */
function streamLoss(parts: ReturnType<typeof mlpInputDerivatives>): T.Tensor {
  const weights = (tensor: T.Tensor, seed: number) =>
    T.fromData(normal(makeKey(seed), tensor.size), tensor.shape as number[]);
  let loss = T.sum(T.mul(T.square(parts.value), weights(parts.value, 11)));
  loss = T.add(loss, T.sum(T.mul(parts.gradient, weights(parts.gradient, 12))));
  loss = T.add(loss, T.sum(T.mul(T.square(parts.secondDiagonal), weights(parts.secondDiagonal, 13))));
  return loss;
}

function bothPaths(
  activation: ActivationName,
  dtype: T.DType,
  sizes: number[],
  batch: number,
  secondAxes?: number[],
) {
  const net = mlp({ sizes, activation, init: 'xavier', key: makeKey(sizes.length + batch), dtype });
  const x = T.fromData(normal(fold(makeKey(5), batch), batch * sizes[0]), [batch, sizes[0]]);
  const run = () =>
    valueAndGrad((theta: T.Tensor) => {
      const parts = mlpInputDerivatives(net, theta, x, { secondAxes });
      return streamLoss(parts);
    })(T.fromData(net.parameters, [net.parameterCount]));
  const fusedParts = mlpInputDerivatives(net, net.parameters, x, { secondAxes });
  const plainParts = withKernels(jsKernels, () =>
    mlpInputDerivatives(net, net.parameters, x, { secondAxes }),
  );
  const [fusedLoss, fusedGradient] = run();
  const [plainLoss, plainGradient] = withKernels(jsKernels, run);
  return { fusedParts, plainParts, fusedLoss, fusedGradient, plainLoss, plainGradient };
}

describe('fused Taylor-mode MLP pass (WebAssembly)', () => {
  it('is available under the default kernels and declines under the TypeScript ones', () => {
    assert.ok(taylorMlpEngine() !== undefined);
    const net = mlp({ sizes: [2, 3, 1], activation: 'tanh', init: 'xavier', key: makeKey(1) });
    const x = T.zeros([4, 2]);
    assert.ok(fusedMlpInputDerivatives(net, net.parameters, x, [0, 1]) !== undefined);
    assert.equal(
      withKernels(jsKernels, () => fusedMlpInputDerivatives(net, net.parameters, x, [0, 1])),
      undefined,
    );
  });

  for (const activation of activations) {
    it(`matches the tensor-op pass for ${activation}: streams and weight gradient (float64)`, () => {
      const r = bothPaths(activation, 'float64', [3, 9, 7, 2], 13);
      for (const field of ['value', 'gradient', 'secondDiagonal', 'laplacian'] as const) {
        assert.deepEqual(r.fusedParts[field].shape, r.plainParts[field].shape, field);
        const error = relativeError(r.fusedParts[field].data, r.plainParts[field].data);
        assert.ok(error < 1e-13, `${activation} ${field}: ${error}`);
      }
      assert.ok(relativeError(r.fusedLoss.data, r.plainLoss.data) < 1e-13);
      const error = relativeError((r.fusedGradient as T.Tensor).data, (r.plainGradient as T.Tensor).data);
      assert.ok(error < 1e-12, `${activation} gradient: ${error}`);
    });
  }

  it('matches in float32 to float32 round-off, PINN-like shape', () => {
    for (const activation of ['tanh', 'sigmoid', 'softplus'] as ActivationName[]) {
      const r = bothPaths(activation, 'float32', [2, 32, 32, 1], 257);
      assert.equal(r.fusedParts.value.dtype, 'float32');
      for (const field of ['value', 'gradient', 'secondDiagonal'] as const) {
        const error = relativeError(r.fusedParts[field].data, r.plainParts[field].data);
        assert.ok(error < 2e-5, `${activation} ${field}: ${error}`);
      }
      const error = relativeError((r.fusedGradient as T.Tensor).data, (r.plainGradient as T.Tensor).data);
      assert.ok(error < 1e-4, `${activation} float32 gradient: ${error}`);
    }
  });

  it('computes only the requested second-derivative axes, in the order given', () => {
    const r = bothPaths('tanh', 'float64', [3, 8, 8, 1], 6, [2, 0]);
    assert.deepEqual(r.fusedParts.secondDiagonal.shape, [6, 2, 1]);
    assert.deepEqual(r.fusedParts.secondAxes, [2, 0]);
    assert.ok(relativeError(r.fusedParts.secondDiagonal.data, r.plainParts.secondDiagonal.data) < 1e-13);
    const all = mlpInputDerivatives(
      mlp({ sizes: [3, 8, 8, 1], activation: 'tanh', init: 'xavier', key: makeKey(10) }),
      mlp({ sizes: [3, 8, 8, 1], activation: 'tanh', init: 'xavier', key: makeKey(10) }).parameters,
      T.fromData(normal(fold(makeKey(5), 6), 18), [6, 3]),
    );
    // Axis 2 of the full pass is entry 0 of the partial one.
    for (let b = 0; b < 6; b++) {
      assert.ok(
        Math.abs(all.secondDiagonal.data[b * 3 + 2] - r.fusedParts.secondDiagonal.data[b * 2]) < 1e-14,
      );
    }
    const none = bothPaths('tanh', 'float64', [3, 8, 1], 5, []);
    assert.deepEqual(none.fusedParts.secondDiagonal.shape, [5, 0, 1]);
    assert.ok(
      relativeError((none.fusedGradient as T.Tensor).data, (none.plainGradient as T.Tensor).data) < 1e-12,
    );
  });

  it('gives the same gradient when a later pass overwrote the tape (recomputed) as when it did not', () => {
    const net = mlp({ sizes: [2, 16, 16, 1], activation: 'tanh', init: 'xavier', key: makeKey(3) });
    const xa = T.fromData(normal(makeKey(21), 200), [100, 2]);
    const xb = T.fromData(normal(makeKey(22), 200), [100, 2]);
    const theta = T.fromData(net.parameters, [net.parameterCount]);
    const lossOf = (p: T.Tensor, x: T.Tensor) => T.sum(T.square(mlpInputDerivatives(net, p, x).laplacian));
    const [, alone] = valueAndGrad((p: T.Tensor) => lossOf(p, xa))(theta);
    // Two passes in one loss, then a backward pass: both tapes are live in one epoch.
    const [, both] = valueAndGrad((p: T.Tensor) => T.add(lossOf(p, xa), lossOf(p, xb)))(theta);
    const [, onlyB] = valueAndGrad((p: T.Tensor) => lossOf(p, xb))(theta);
    const sum = (alone as T.Tensor).data.map((v, i) => v + (onlyB as T.Tensor).data[i]);
    assert.ok(relativeError((both as T.Tensor).data, sum) < 1e-12);
    // A tape kept across a backward pass and a new forward pass is overwritten, then recomputed.
    const leaf = T.fromData(net.parameters, [net.parameterCount]);
    leaf.requiresGrad = true;
    const one = T.ones([]);
    const lossA = lossOf(leaf, xa);
    noGrad(() => backward(lossOf(leaf, xb), one, [leaf]));
    const lossC = lossOf(leaf, xb);
    const [recomputed] = noGrad(() => backward(lossA, one, [leaf]));
    assert.equal(relativeError(recomputed.data, (alone as T.Tensor).data), 0);
    const [fromC] = noGrad(() => backward(lossC, one, [leaf]));
    assert.equal(relativeError(fromC.data, (onlyB as T.Tensor).data), 0);
  });

  it('falls back to tensor ops where a derivative of the gradient is needed', () => {
    const net = mlp({ sizes: [2, 5, 1], activation: 'tanh', init: 'xavier', key: makeKey(4) });
    const x = T.fromData(normal(makeKey(8), 8), [4, 2]);
    const theta = T.fromData(net.parameters, [net.parameterCount]);
    // d/dθ of (d/dθ loss · v): a gradient of a gradient, exact only through the tensor-op path.
    const v = T.fromData(normal(makeKey(9), net.parameterCount), [net.parameterCount]);
    const loss = (p: T.Tensor) => T.sum(T.square(mlpInputDerivatives(net, p, x).laplacian));
    const hvp = grad((p: T.Tensor) => T.sum(T.mul(grad(loss)(p), v)))(theta);
    const plain = withKernels(jsKernels, () => grad((p: T.Tensor) => T.sum(T.mul(grad(loss)(p), v)))(theta));
    assert.ok(relativeError(hvp.data, plain.data) < 1e-11);
  });

  it('keeps WebAssembly memory flat over many training steps', () => {
    const net = mlp({ sizes: [2, 16, 1], activation: 'tanh', init: 'xavier', key: makeKey(6) });
    const x = T.fromData(normal(makeKey(7), 400), [200, 2]);
    let theta = T.fromData(net.parameters, [net.parameterCount]);
    const engine = taylorMlpEngine();
    assert.ok(engine !== undefined);
    const step = () => {
      const [, g] = valueAndGrad((p: T.Tensor) => T.sum(T.square(mlpInputDerivatives(net, p, x).laplacian)))(
        theta,
      );
      theta = T.sub(theta, T.mul(g as T.Tensor, 1e-3));
    };
    for (let i = 0; i < 3; i++) step();
    const after = engine.byteLength;
    for (let i = 0; i < 30; i++) step();
    assert.equal(engine.byteLength, after);
  });
});
