import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeKey } from '../../src/core/random/index.js';
import { sampleChain, simulatedAnnealing } from '../../src/mcmc/index.js';

/** 2-D Rastrigin: global minimum 0 at the origin, a local minimum near every integer point (U ≈ |k|²). */
const rastrigin = {
  dimension: 2,
  energy: (x: Float64Array) =>
    20 + x[0] ** 2 - 10 * Math.cos(2 * Math.PI * x[0]) + x[1] ** 2 - 10 * Math.cos(2 * Math.PI * x[1]),
};
const START = [4.3, -3.7];
const STEPS = 8000;

describe('simulatedAnnealing', () => {
  it('finds the global minimum of a multi-well function from a far start (3 seeds)', () => {
    const annealing = simulatedAnnealing({
      energy: rastrigin,
      stepSize: 0.3,
      schedule: (t) => 10 * 0.999 ** t,
    });
    for (const seed of [1, 2, 3]) {
      const { finalState } = sampleChain(annealing, START, makeKey(seed), {
        numSamples: 1,
        burnIn: STEPS - 1,
      });
      const { bestPosition, bestEnergy } = finalState;
      // The nearest other minima, at (±1, 0) and (0, ±1), have U ≈ 1.
      assert.ok(Math.hypot(bestPosition[0], bestPosition[1]) < 0.1, `seed ${seed}: best ${bestPosition}`);
      assert.ok(bestEnergy < 0.5, `seed ${seed}: best energy ${bestEnergy}`);
      assert.equal(bestEnergy, rastrigin.energy(bestPosition));
      assert.equal(finalState.step, STEPS);
    }
  });

  it('negative control: the same run at T = 0 (greedy descent) stays in a local minimum', () => {
    const greedy = simulatedAnnealing({ energy: rastrigin, stepSize: 0.3, schedule: () => 0 });
    for (const seed of [1, 2, 3]) {
      const { finalState } = sampleChain(greedy, START, makeKey(seed), { numSamples: 1, burnIn: STEPS - 1 });
      assert.ok(finalState.bestEnergy > 0.9, `seed ${seed}: greedy reached ${finalState.bestEnergy}`);
    }
  });

  it('reports the temperature of each step and keeps the best point when it moves uphill', () => {
    const annealing = simulatedAnnealing({ energy: rastrigin, stepSize: 0.3, schedule: (t) => 50 / (1 + t) });
    let state = annealing.init([0, 0]);
    let uphill = false;
    for (let t = 0; t < 50; t++) {
      const [next, info] = annealing.step(makeKey(t), state);
      assert.equal(info.temperature, 50 / (1 + t));
      if (info.accepted && next.energy > state.energy) uphill = true;
      state = next;
    }
    assert.ok(uphill);
    assert.equal(state.bestEnergy, 0);
    assert.deepEqual(Array.from(state.bestPosition), [0, 0]);
  });

  it('rejects bad options and bad schedule values with messages naming them', () => {
    assert.throws(
      () => simulatedAnnealing({ energy: rastrigin, stepSize: 0.3, schedule: 5 as unknown as () => number }),
      /schedule must be a function/,
    );
    assert.throws(
      () => simulatedAnnealing({ energy: rastrigin, stepSize: -0.3, schedule: () => 1 }),
      /stepSize must be/,
    );
    const bad = simulatedAnnealing({
      energy: rastrigin,
      stepSize: 0.3,
      schedule: (t) => (t < 2 ? 1 : Number.NaN),
    });
    let state = bad.init([0, 0]);
    [state] = bad.step(makeKey(0), state);
    [state] = bad.step(makeKey(1), state);
    assert.throws(() => bad.step(makeKey(2), state), /schedule\(2\) must be a finite number ≥ 0, got NaN/);
  });
});
