import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeKey } from '../../../src/core/random/index.js';
import * as T from '../../../src/core/tensor/index.js';
import {
  layerStandardDeviations,
  type MlpInitialization,
  mlp,
  mlpFromJson,
  mlpToJson,
} from '../../../src/models/mlp/index.js';

function moments(values: Float64Array): { mean: number; variance: number } {
  let mean = 0;
  for (const v of values) mean += v;
  mean /= values.length;
  let variance = 0;
  for (const v of values) variance += (v - mean) ** 2;
  return { mean, variance: variance / (values.length - 1) };
}

describe('MLP initialisation', () => {
  it('draws weights with the Xavier, He and mean-field variances', () => {
    // Layers of 300×200 = 60000 weights: the sample variance of n normals has relative standard
    // deviation √(2/n) = 0.58%, so a 4.5σ band (2.6%) fails by chance with probability ~1e-5.
    const fanIn = 300;
    const fanOut = 200;
    const cases: Array<[MlpInitialization, number, number]> = [
      ['xavier', 2 / (fanIn + fanOut), 0],
      ['he', 2 / fanIn, 0],
      [{ weightStd: 1.5, biasStd: 0.3 }, 1.5 ** 2 / fanIn, 0.09],
    ];
    for (const [init, weightVariance, biasVariance] of cases) {
      const net = mlp({ sizes: [fanIn, fanOut, fanOut], init, key: makeKey(11) });
      for (const [l, layer] of net.views(net.parameters).entries()) {
        const inputSize = l === 0 ? fanIn : fanOut;
        const expected =
          l === 0 ? weightVariance : layerStandardDeviations(init, inputSize, fanOut).weight ** 2;
        const { mean, variance } = moments(layer.weight);
        const n = layer.weight.length;
        assert.ok(
          Math.abs(variance / expected - 1) < 4.5 * Math.sqrt(2 / n),
          `${JSON.stringify(init)}: ${variance}`,
        );
        assert.ok(Math.abs(mean) < 4.5 * Math.sqrt(expected / n));
        if (biasVariance === 0) assert.ok(layer.bias.every((b) => b === 0));
      }
      if (biasVariance > 0) {
        // 200 biases: relative standard deviation of the variance 10%; 4.5σ → 45%.
        const { variance } = moments(net.views(net.parameters)[0].bias);
        assert.ok(Math.abs(variance / biasVariance - 1) < 0.45, `bias variance ${variance}`);
      }
    }
    assert.equal(layerStandardDeviations('he', 50, 7).weight, Math.sqrt(2 / 50));
    assert.equal(layerStandardDeviations('xavier', 50, 14).weight, Math.sqrt(2 / 64));
  });

  it('is reproducible from the key and differs between keys', () => {
    const a = mlp({ sizes: [2, 4, 1], key: makeKey(1) });
    const b = mlp({ sizes: [2, 4, 1], key: makeKey(1) });
    const c = mlp({ sizes: [2, 4, 1], key: makeKey(2) });
    assert.deepEqual(a.parameters, b.parameters);
    assert.notDeepEqual(a.parameters, c.parameters);
  });
});

describe('MLP serialisation', () => {
  it('round-trips through JSON text bit for bit', () => {
    const net = mlp({ sizes: [2, 5, 3], activation: 'swish', outputActivation: 'sigmoid', key: makeKey(3) });
    const text = JSON.stringify(mlpToJson(net, net.parameters));
    const { model, parameters } = mlpFromJson(JSON.parse(text));
    assert.deepEqual(parameters, net.parameters);
    assert.equal(model.activation, 'swish');
    assert.equal(model.outputActivation, 'sigmoid');
    const x = T.tensor([
      [0.1, 0.2],
      [-3, 4],
    ]);
    assert.deepEqual(model.apply(parameters, x).data, net.apply(net.parameters, x).data);
  });

  it('rejects corrupt checkpoints with a message naming the field', () => {
    const net = mlp({ sizes: [2, 3, 1], key: makeKey(4) });
    const good = mlpToJson(net, net.parameters);
    assert.throws(() => mlpFromJson({ ...good, format: 'x' }), /format must be "physml-mlp"/);
    assert.throws(
      () => mlpFromJson({ ...good, parameters: [1, 2] }),
      /parameters must be an array of 13 numbers/,
    );
    const bad = [...good.parameters];
    bad[4] = Number.NaN;
    assert.throws(() => mlpFromJson({ ...good, parameters: bad }), /parameters\[4\] must be a finite number/);
    assert.throws(() => mlpFromJson({ ...good, sizes: [2] }), /sizes must be an array/);
    const infinite = net.parameters.slice();
    infinite[0] = Number.POSITIVE_INFINITY;
    assert.throws(() => mlpToJson(net, infinite), /parameters\[0\] is Infinity/);
  });
});
