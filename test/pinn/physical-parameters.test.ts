import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeKey } from '../../src/core/random/index.js';
import * as T from '../../src/core/tensor/index.js';
import {
  interval,
  type PinnNetwork,
  type PinnProblem,
  physicalParameterCount,
  pinnEnergy,
  pinnProblem,
  sampleCollocation,
} from '../../src/pinn/index.js';

/** u(x) = θ·x: one network parameter. */
const line: PinnNetwork = {
  inputSize: 1,
  outputSize: 1,
  parameterCount: 1,
  apply: (theta, x) => T.mul(x, T.reshape(theta, [])),
};

/** u' = c with c a physical parameter, and observations of u = 2x at x = 0.5, 1. */
const base = (): PinnProblem => ({
  name: 'slope',
  domain: interval(0, 1),
  residual: ({ derivatives, parameters }) =>
    T.sub(derivatives.first(0), T.reshape(T.slice(parameters, [0], [1]), [])),
  conditions: [],
  interiorCount: 5,
  physicalParameters: { names: ['c'], initial: [0] },
  observations: [{ points: Float64Array.of(0.5, 1), values: Float64Array.of(1, 2), weight: 3 }],
});

describe('physical parameters and observations', () => {
  it('append φ to the optimised vector and add a weighted data misfit', () => {
    const problem = pinnProblem(base());
    assert.equal(physicalParameterCount(problem), 1);
    const energy = pinnEnergy(problem, line, sampleCollocation(problem, makeKey(1)));
    assert.equal(energy.dimension, 2);
    // θ = 2, c = 2: both terms vanish.
    assert.equal(energy.energy(Float64Array.of(2, 2)), 0);
    // θ = 1, c = 3: residual (1 − 3)² = 4; data ((0.5 − 1)² + (1 − 2)²)/2 = 0.625, weight 3.
    assert.deepEqual(energy.terms(Float64Array.of(1, 3)), { residual: 4, data: 0.625 });
    assert.ok(Math.abs(energy.energy(Float64Array.of(1, 3)) - (4 + 3 * 0.625)) < 1e-15);
    const gradient = new Float64Array(2);
    energy.energyAndGradient(Float64Array.of(1, 3), gradient);
    // ∂/∂θ = 2(θ − c) + 3·mean(2(θx − y)x) = −4 + 3·(−0.5 − 2)/2; ∂/∂c = −2(θ − c) = 4.
    assert.ok(Math.abs(gradient[0] - (-4 - 3 * 1.25)) < 1e-14, `${gradient[0]}`);
    assert.ok(Math.abs(gradient[1] - 4) < 1e-14, `${gradient[1]}`);
  });

  it('are validated, naming the field', () => {
    const broken = (patch: Partial<PinnProblem>) => () => pinnProblem({ ...base(), ...patch });
    assert.throws(
      broken({ physicalParameters: { names: ['a', 'b'], initial: [1] } }),
      /initial must hold 2 numbers/,
    );
    assert.throws(broken({ physicalParameters: { names: [''], initial: [1] } }), /names must be non-empty/);
    assert.throws(broken({ physicalParameters: { names: ['a'], initial: [Number.NaN] } }), /must be finite/);
    assert.throws(
      broken({ observations: [{ points: Float64Array.of(0.5, 1), values: Float64Array.of(1) }] }),
      /observations.points must hold 1 coordinates per value/,
    );
    assert.throws(
      broken({ observations: [{ points: Float64Array.of(0.5), values: Float64Array.of(1), weight: -1 }] }),
      /observations.weight must be a finite number ≥ 0/,
    );
    assert.throws(
      broken({ observations: [{ points: Float64Array.of(0.5), values: Float64Array.of(1), output: 1.5 }] }),
      /observations.output must be an integer/,
    );
  });
});
