import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeParameters } from '../../src/experiments/framework/params.js';
import { pinnBurgers } from '../../src/experiments/pinn-burgers.js';
import { pinnElasticity } from '../../src/experiments/pinn-elasticity.js';
import { pinnHeat } from '../../src/experiments/pinn-heat.js';
import { pinnInverseHeat } from '../../src/experiments/pinn-inverse-heat.js';
import { pinnPoisson } from '../../src/experiments/pinn-poisson.js';

describe('pinn-common', () => {
  it('every experiment trained by trainPinnExperiment documents checkpointEvery the same way', () => {
    const described = [pinnHeat, pinnPoisson, pinnElasticity, pinnInverseHeat].map((experiment) =>
      describeParameters(experiment.params).find((parameter) => parameter.name === 'checkpointEvery'),
    );
    for (const parameter of described) {
      assert.ok(parameter !== undefined);
      assert.equal(parameter.allowed, 'integer in [0, 100000]');
      assert.equal(parameter.default, 100);
      assert.match(
        parameter.description,
        /between checkpoints .* at the switch to L-BFGS.*0: only at the switch/,
      );
      assert.deepEqual(parameter, described[0]);
    }
    // pinn-burgers trains on its own and always saves once, at the switch: it has no such parameter.
    assert.ok(
      !describeParameters(pinnBurgers.params).some((parameter) => parameter.name === 'checkpointEvery'),
    );
  });
});
