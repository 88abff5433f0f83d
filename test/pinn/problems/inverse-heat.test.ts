import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkGrad } from '../../../src/core/autodiff/index.js';
import { makeKey } from '../../../src/core/random/index.js';
import * as T from '../../../src/core/tensor/index.js';
import { mlp } from '../../../src/models/mlp/index.js';
import {
  heat1dExact,
  inverseHeat,
  inverseHeatConductivity,
  mlpNetwork,
  type Observations,
  type PinnNetwork,
  pinnLoss,
  sampleCollocation,
  trainPinn,
} from '../../../src/pinn/index.js';

const column = (x: T.Tensor, i: number) => T.reshape(T.slice(x, [0, i], [x.shape[0], i + 1]), [x.shape[0]]);

/** The family e^{−aπ²t} sin πx as a "network" whose one parameter is the decay constant a. */
const heatFamily: PinnNetwork = {
  inputSize: 2,
  outputSize: 1,
  parameterCount: 1,
  apply: (a, x) => {
    const decay = T.exp(T.mul(T.mul(column(x, 1), T.reshape(a, [])), -Math.PI * Math.PI));
    return T.reshape(T.mul(decay, T.sin(T.mul(column(x, 0), Math.PI))), [x.shape[0], 1]);
  },
};

describe('inverseHeat', () => {
  it('draws observations of the exact solution with Gaussian noise of the given σ, from the key', () => {
    const exact = heat1dExact(0.4);
    const clean = inverseHeat({ conductivity: 0.4, noise: 0, observationCount: 2000, key: makeKey(1) });
    const noisy = inverseHeat({ conductivity: 0.4, noise: 0.05, observationCount: 2000, key: makeKey(1) });
    const a = clean.observations?.[0] as Observations;
    const b = noisy.observations?.[0] as Observations;
    assert.deepEqual(a.points, b.points);
    let sum = 0;
    let squares = 0;
    for (let i = 0; i < 2000; i++) {
      const point: Float64Array = a.points.subarray(2 * i, 2 * i + 2);
      assert.ok(point[0] >= 0 && point[0] <= 1 && point[1] >= 0 && point[1] <= 1);
      assert.equal(a.values[i], exact(point));
      const e = b.values[i] - a.values[i];
      sum += e;
      squares += e * e;
    }
    // Sample mean within 4 standard errors of 0; sample std within 10% of σ (its s.e. is 1.6%).
    assert.ok(Math.abs(sum / 2000) < (4 * 0.05) / Math.sqrt(2000), `${sum / 2000}`);
    assert.ok(Math.abs(Math.sqrt(squares / 2000) / 0.05 - 1) < 0.1, `${Math.sqrt(squares / 2000)}`);
    const other = inverseHeat({ conductivity: 0.4, noise: 0, observationCount: 10, key: makeKey(2) });
    assert.notDeepEqual(other.observations?.[0].points, a.points.slice(0, 20));
    assert.deepEqual(clean.physicalParameters, { names: ['log k'], initial: [Math.log(0.5)] });
  });

  it('the exact solution with φ = log k zeroes the loss; a wrong k leaves a residual', () => {
    const problem = inverseHeat({ conductivity: 0.7, noise: 0, key: makeKey(3), interiorCount: 100 });
    const batch = sampleCollocation(problem, makeKey(4));
    const exact = pinnLoss(problem, heatFamily, batch, T.tensor([0.7, Math.log(0.7)]));
    assert.deepEqual([...exact.terms.keys()], ['residual', 'boundary', 'initial', 'data']);
    for (const [name, value] of exact.terms) assert.ok(value.data[0] < 1e-28, `${name} ${value.data[0]}`);
    // Right field, wrong k: only the residual u_t − k'u_xx = π²(k' − k)u is non-zero.
    const wrong = pinnLoss(problem, heatFamily, batch, T.tensor([0.7, Math.log(0.5)])).terms;
    assert.ok((wrong.get('residual') as T.Tensor).data[0] > 1e-2);
    assert.ok((wrong.get('data') as T.Tensor).data[0] < 1e-28);
    const bare = inverseHeat({ key: makeKey(3), includeConditions: false, interiorCount: 10 });
    assert.deepEqual(
      [...pinnLoss(bare, heatFamily, sampleCollocation(bare, makeKey(4)), T.tensor([1, 0])).terms.keys()],
      ['residual', 'data'],
    );
  });

  it('has a gradient in (θ, φ) matching finite differences', () => {
    const problem = inverseHeat({
      key: makeKey(5),
      interiorCount: 16,
      boundaryCount: 4,
      initialCount: 4,
      observationCount: 8,
    });
    const net = mlp({ sizes: [2, 5, 1], key: makeKey(6) });
    const batch = sampleCollocation(problem, makeKey(7));
    const start = T.tensor([...net.parameters, Math.log(0.3)]);
    const report = checkGrad((p) => pinnLoss(problem, mlpNetwork(net), batch, p).total, start, {
      tolerance: 1e-7,
      directions: 4,
    });
    assert.ok(report.ok);
    assert.throws(
      () => pinnLoss(problem, mlpNetwork(net), batch, T.tensor(net.parameters)),
      /parameters must hold/,
    );
  });

  it('recovers k from noisy data, training the field and log k together', () => {
    const recover = (noise: number) => {
      const problem = inverseHeat({
        conductivity: 0.7,
        initialConductivity: 0.2,
        noise,
        observationCount: 256,
        key: makeKey(8),
        interiorCount: 64,
      });
      const seen: number[] = [];
      const result = trainPinn(problem, {
        network: heatFamily,
        parameters: Float64Array.of(0.3),
        adamSteps: 0,
        lbfgsSteps: 40,
        key: makeKey(9),
        onStep: (info) => seen.push(inverseHeatConductivity(info.physicalParameters)),
      });
      assert.equal(result.physicalParameters.length, 1);
      assert.equal(result.parameters.length, 1);
      assert.equal(seen.at(-1), inverseHeatConductivity(result.physicalParameters));
      return { k: inverseHeatConductivity(result.physicalParameters), a: result.parameters[0] };
    };
    // Clean data: the field and k are exact at the minimum.
    const clean = recover(0);
    assert.ok(Math.abs(clean.k - 0.7) < 1e-6 && Math.abs(clean.a - 0.7) < 1e-6, `${clean.k} ${clean.a}`);
    // σ = 0.01 on 256 points: measured k̂ = 0.69647 with this key (start 0.2).
    const noisy = recover(0.01);
    assert.ok(Math.abs(noisy.k - 0.7) < 0.01, `k̂ = ${noisy.k}`);
    assert.ok(Math.abs(noisy.a - 0.7) < 0.01, `a = ${noisy.a}`);
  });

  it('rejects invalid options, naming them', () => {
    assert.throws(() => inverseHeat({ key: makeKey(1), noise: -1 }), /noise must be a finite number ≥ 0/);
    assert.throws(
      () => inverseHeat({ key: makeKey(1), observationCount: 0 }),
      /observationCount must be an integer/,
    );
    assert.throws(
      () => inverseHeat({ key: makeKey(1), initialConductivity: 0 }),
      /initialConductivity must be/,
    );
    assert.throws(() => inverseHeat({ key: makeKey(1), conductivity: Number.NaN }), /conductivity must be/);
  });
});
