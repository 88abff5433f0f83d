import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeKey, RandomStream } from '../../src/core/random/index.js';
import { gradientOf, quadraticEnergy, rosenbrockEnergy } from '../../src/energies/index.js';
import { eulerMaruyama, overdampedState, phaseSpaceState } from '../../src/integrators/index.js';
import { batchMeans } from './systems.js';

describe('eulerMaruyama (overdamped Langevin, ULA)', () => {
  // U = ½ Σ k_i (x_i − μ_i)²: the chain is Gaussian AR(1), x' − μ = (1 − hμk)(x − μ) + √(2hμT) ξ,
  // with stationary mean μ and variance 2hμT/(1 − (1 − hμk)²) = T/(k(1 − hμk/2)) exactly.
  const stiffness = [1, 3];
  const center = [2, -1];
  const mobility = Float64Array.of(1, 0.5);
  const temperature = 0.5;
  const stepSize = 0.05;
  const energy = quadraticEnergy({
    matrix: [stiffness[0], 0, 0, stiffness[1]],
    vector: stiffness.map((k, i) => k * center[i]),
  });
  const exactVariance = (i: number) =>
    temperature / (stiffness[i] * (1 - (stepSize * mobility[i] * stiffness[i]) / 2));

  it('samples the exact discrete mean and variance within 4 batch-means standard errors', () => {
    // 2 coordinates × 2 moments at 4 standard errors: false-failure rate < 4 × 2e-4 (fixed seed).
    const dynamics = eulerMaruyama(energy, { temperature, mobility });
    const state = overdampedState(energy, center);
    const stream = new RandomStream(makeKey(77));
    const steps = 100_000;
    const values = [new Float64Array(steps), new Float64Array(steps)];
    const squares = [new Float64Array(steps), new Float64Array(steps)];
    for (let t = 0; t < steps; t++) {
      dynamics.step(state, stepSize, stream);
      for (let i = 0; i < 2; i++) {
        values[i][t] = state.position[i];
        squares[i][t] = (state.position[i] - center[i]) ** 2;
      }
    }
    for (let i = 0; i < 2; i++) {
      const mean = batchMeans(values[i], 50);
      const variance = batchMeans(squares[i], 50);
      assert.ok(
        Math.abs(mean.mean - center[i]) < 4 * mean.stderr,
        `x${i}: mean ${mean.mean} ± ${mean.stderr}`,
      );
      assert.ok(
        Math.abs(variance.mean - exactVariance(i)) < 4 * variance.stderr,
        `x${i}: variance ${variance.mean} ± ${variance.stderr} vs ${exactVariance(i)}`,
      );
      // The O(h) bias against the continuous answer T/k is hμk/2 relative: at most 3.75% here.
      const continuous = temperature / stiffness[i];
      assert.ok(
        Math.abs(variance.mean / continuous - 1) <
          (stepSize * mobility[i] * stiffness[i]) / 2 + 4 * (variance.stderr / continuous),
      );
    }
  });

  it('at T = 0 is gradient descent, step for step and bit for bit, and draws no noise', () => {
    const rosenbrock = rosenbrockEnergy({ dimension: 4 });
    const dynamics = eulerMaruyama(rosenbrock, { temperature: 0 });
    const state = overdampedState(rosenbrock, [-1.2, 1, 0.5, 0.3]);
    const descent = Float64Array.of(-1.2, 1, 0.5, 0.3);
    const stream = new RandomStream(makeKey(3));
    for (let t = 0; t < 500; t++) {
      dynamics.step(state, 1e-3, stream);
      const g = gradientOf(rosenbrock, descent);
      for (let i = 0; i < 4; i++) descent[i] = descent[i] - 1e-3 * g[i];
      assert.deepEqual(state.position, descent, `step ${t}`);
    }
    assert.equal(stream.counter, 0);
    assert.equal(state.potentialEnergy, rosenbrock.energy(descent));
  });

  it('accepts a phase-space state (ignoring its momentum) and a key per step', () => {
    const dynamics = eulerMaruyama(energy, { temperature: 1 });
    const a = phaseSpaceState(energy, [0, 0], [5, 5]);
    const b = overdampedState(energy, [0, 0]);
    dynamics.step(a, 0.1, makeKey(8));
    dynamics.step(b, 0.1, new RandomStream(makeKey(8)));
    assert.deepEqual(a.position, b.position);
    assert.deepEqual(Array.from(a.momentum), [5, 5]);
  });

  it('rejects bad options and steps, naming the problem', () => {
    assert.throws(
      () => eulerMaruyama(energy, { temperature: -0.1 }),
      /temperature must be a finite number ≥ 0/,
    );
    assert.throws(
      () => eulerMaruyama(energy, { mobility: Float64Array.of(1) }),
      /mobility must have the energy's dimension 2/,
    );
    const dynamics = eulerMaruyama(energy);
    assert.throws(
      () => dynamics.step(overdampedState(energy, [0, 0]), -0.1, makeKey(1)),
      /stepSize must be a finite number > 0/,
    );
  });
});
