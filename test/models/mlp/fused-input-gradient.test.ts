import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { grad, valueAndGrad } from '../../../src/core/autodiff/index.js';
import { jsKernels, withKernels } from '../../../src/core/kernels/index.js';
import { makeKey, normal } from '../../../src/core/random/index.js';
import * as T from '../../../src/core/tensor/index.js';
import { fusedMlpInputGradient } from '../../../src/models/mlp/fused-input-gradient.js';
import { type ActivationName, mlp } from '../../../src/models/mlp/index.js';

function relativeError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let difference = 0;
  let scale = 0;
  for (let i = 0; i < a.length; i++) {
    difference = Math.max(difference, Math.abs(a[i] - b[i]));
    scale = Math.max(scale, Math.abs(b[i]));
  }
  return difference / Math.max(scale, 1e-300);
}

/** ∇ₓ of the network's single output by nested reverse mode (the reference). */
function nestedInputGradient(net: ReturnType<typeof mlp>, theta: T.Tensor, x: T.Tensor): T.Tensor {
  return grad((points: T.Tensor) => T.sum(net.apply(theta, points)))(x);
}

function compare(
  activation: ActivationName,
  dtype: T.DType,
  sizes: number[],
  batch: number,
  output?: ActivationName,
) {
  const net = mlp({
    sizes,
    activation,
    outputActivation: output,
    init: 'xavier',
    key: makeKey(sizes[0] + batch),
    dtype,
  });
  const x = T.fromData(normal(makeKey(3), batch * sizes[0]), [batch, sizes[0]]);
  const target = T.fromData(normal(makeKey(4), batch * sizes[0]), [batch, sizes[0]]);
  const theta = T.fromData(net.parameters, [net.parameterCount]);
  const loss = (gradient: T.Tensor) => T.sum(T.mul(T.square(T.sub(gradient, target)), T.add(target, 2)));
  const fused = fusedMlpInputGradient(net, theta, x);
  assert.ok(fused !== undefined, 'the fused pass serves a constant batch');
  const reference = nestedInputGradient(net, theta, x);
  const [fusedLoss, fusedGradient] = valueAndGrad((p: T.Tensor) =>
    loss(fusedMlpInputGradient(net, p, x) as T.Tensor),
  )(theta);
  const [nestedLoss, nestedGradient] = valueAndGrad((p: T.Tensor) => loss(nestedInputGradient(net, p, x)))(
    theta,
  );
  return {
    value: relativeError(fused.data, reference.data),
    loss: relativeError(fusedLoss.data, nestedLoss.data),
    gradient: relativeError((fusedGradient as T.Tensor).data, (nestedGradient as T.Tensor).data),
  };
}

describe('fused input-gradient pass (WebAssembly, reverse over reverse)', () => {
  for (const activation of ['tanh', 'softplus', 'sigmoid', 'sin', 'swish'] as ActivationName[]) {
    it(`matches nested reverse mode for ${activation}: ∇ₓH and the weight gradient of a loss of it`, () => {
      const errors = compare(activation, 'float64', [4, 11, 7, 1], 9);
      assert.ok(errors.value < 1e-13, `∇ₓH ${errors.value}`);
      assert.ok(errors.loss < 1e-13, `loss ${errors.loss}`);
      assert.ok(errors.gradient < 1e-12, `gradient ${errors.gradient}`);
    });
  }

  it('handles a non-identity output activation and a single hidden layer', () => {
    const errors = compare('tanh', 'float64', [2, 5, 1], 7, 'sigmoid');
    assert.ok(errors.value < 1e-13 && errors.gradient < 1e-12, JSON.stringify(errors));
  });

  it('matches in float32 to float32 round-off at the HNN shape', () => {
    const errors = compare('tanh', 'float32', [2, 64, 64, 1], 301);
    assert.ok(errors.value < 1e-5 && errors.gradient < 1e-4, JSON.stringify(errors));
  });

  it('declines where it cannot serve: several outputs, TypeScript kernels, x being differentiated', () => {
    const wide = mlp({ sizes: [2, 4, 2], activation: 'tanh', init: 'xavier', key: makeKey(1) });
    const x = T.zeros([3, 2]);
    assert.equal(fusedMlpInputGradient(wide, wide.parameters, x), undefined);
    const net = mlp({ sizes: [2, 4, 1], activation: 'tanh', init: 'xavier', key: makeKey(1) });
    assert.equal(
      withKernels(jsKernels, () => fusedMlpInputGradient(net, net.parameters, x)),
      undefined,
    );
    let served: T.Tensor | undefined;
    grad((points: T.Tensor) => {
      served = fusedMlpInputGradient(net, net.parameters, points);
      return T.sum(points);
    })(x);
    assert.equal(served, undefined);
  });
});
