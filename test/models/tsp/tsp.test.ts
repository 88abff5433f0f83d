import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fold, makeKey } from '../../../src/core/random/index.js';
import {
  annealTour,
  canonicalTour,
  decodeTour,
  exhaustiveTour,
  heldKarp,
  isValidTour,
  randomCities,
  solveHopfieldTank,
  tourLength,
  tspInstance,
} from '../../../src/models/tsp/index.js';

describe('TSP instances and exact optima', () => {
  it('measures closed tours and writes them canonically', () => {
    const square = tspInstance([0, 1, 1, 0], [0, 0, 1, 1]);
    assert.equal(tourLength(square, [0, 1, 2, 3]), 4);
    assert.equal(tourLength(square, [0, 2, 1, 3]), 2 + 2 * Math.SQRT2);
    assert.deepEqual([...canonicalTour([2, 3, 0, 1])], [0, 1, 2, 3]);
    assert.deepEqual([...canonicalTour([3, 2, 1, 0])], [0, 1, 2, 3]);
    assert.equal(isValidTour([0, 1, 1, 3], 4), false);
    assert.throws(() => tourLength(square, [0, 1, 2]), /tour must be a permutation of the 4 cities/);
    assert.throws(() => randomCities(makeKey(1), 2), /count must be an integer in \[3, 1000\]/);
  });

  it('Held–Karp finds the regular polygon for cities on a circle', () => {
    // Cities on a circle, listed in a scrambled order: the optimum is the polygon, 2n·sin(π/n).
    const n = 11;
    const order = [0, 5, 9, 2, 7, 1, 10, 4, 8, 3, 6];
    const angles = order.map((k) => (2 * Math.PI * k) / n);
    const circle = tspInstance(
      angles.map((a) => Math.cos(a)),
      angles.map((a) => Math.sin(a)),
    );
    const exact = heldKarp(circle);
    assert.ok(Math.abs(exact.length - 2 * n * Math.sin(Math.PI / n)) < 1e-12);
    // Consecutive cities of the tour are neighbours on the circle.
    for (let p = 0; p < n; p++) {
      const step = (order[exact.tour[(p + 1) % n]] - order[exact.tour[p]] + n) % n;
      assert.ok(step === 1 || step === n - 1);
    }
  });

  it('Held–Karp equals brute force over all permutations for n ≤ 8', () => {
    for (let n = 3; n <= 8; n++) {
      for (let instance = 0; instance < 3; instance++) {
        const cities = randomCities(fold(makeKey(71), 10 * n + instance), n);
        const exact = heldKarp(cities);
        const brute = exhaustiveTour(cities);
        assert.ok(
          Math.abs(exact.length - brute.length) < 1e-12,
          `n = ${n}: ${exact.length} vs ${brute.length}`,
        );
        assert.ok(Math.abs(tourLength(cities, exact.tour) - exact.length) < 1e-12);
        // Random cities have a unique optimal cycle, so the canonical tours agree.
        assert.deepEqual([...exact.tour], [...brute.tour]);
      }
    }
    assert.throws(
      () => heldKarp(randomCities(makeKey(1), 19)),
      /instance.count must be an integer in \[3, 18\]/,
    );
  });
});

describe('simulated annealing on tours', () => {
  it('finds the optimum of every one of 8 random instances with 8–12 cities', () => {
    for (let k = 0; k < 8; k++) {
      const n = 8 + (k % 5);
      const cities = randomCities(fold(makeKey(72), k), n);
      const exact = heldKarp(cities);
      const annealed = annealTour(cities, { key: fold(makeKey(73), k), sweeps: 100 });
      assert.ok(
        Math.abs(annealed.length - exact.length) < 1e-12,
        `instance ${k} (n = ${n}): ${annealed.length} vs ${exact.length}`,
      );
      assert.deepEqual([...annealed.tour], [...exact.tour]);
      assert.ok(annealed.acceptanceRate > 0 && annealed.acceptanceRate < 1);
    }
  });

  it('is 2-opt descent at a vanishing temperature, and no better than the optimum', () => {
    const cities = randomCities(makeKey(74), 12);
    const exact = heldKarp(cities);
    const cold = annealTour(cities, {
      key: makeKey(75),
      initialTemperature: 1e-12,
      sweeps: 20,
      recordTrajectory: true,
    });
    // At T ≈ 0 only downhill moves pass: the recorded lengths never increase.
    for (let k = 1; k < cold.lengths.length; k++) assert.ok(cold.lengths[k] <= cold.lengths[k - 1] + 1e-12);
    assert.ok(cold.length >= exact.length - 1e-12);
  });
});

describe('Hopfield–Tank network', () => {
  // One instance of 8 cities, 12 perturbed starts with the published parameters.
  const cities = randomCities(makeKey(76), 8);
  const exact = heldKarp(cities);
  const result = solveHopfieldTank(cities, { key: makeKey(77), attempts: 12, recordEvery: 50 });

  it('decreases its Lyapunov function along every run', () => {
    for (const attempt of result.attempts) {
      assert.ok(attempt.lyapunov.length >= 2);
      for (let k = 1; k < attempt.lyapunov.length; k++) {
        assert.ok(attempt.lyapunov[k] <= attempt.lyapunov[k - 1] + 1e-9, `rise at record ${k}`);
      }
      assert.equal(attempt.converged, true);
    }
  });

  it('reports valid and invalid decodes honestly, and some valid tours near the optimum', () => {
    // Measured (see the comment of hopfield-tank.ts): about 20% of starts decode to a valid tour
    // on 8 cities, 1% to the optimal one. Here a fixed seed gives fixed counts (4 valid of 12).
    assert.ok(result.validCount >= 1, 'no valid tour from 12 starts');
    for (const attempt of result.attempts) {
      if (attempt.valid) {
        assert.ok(attempt.tour !== null && isValidTour(attempt.tour, 8));
        assert.ok(Math.abs(attempt.length - tourLength(cities, attempt.tour)) < 1e-12);
        assert.ok(attempt.length >= exact.length - 1e-12);
      } else {
        assert.equal(attempt.tour, null);
        assert.ok(Number.isNaN(attempt.length));
        assert.equal(decodeTour(attempt.outputs, 8), null);
      }
    }
    assert.equal(result.validFraction, result.validCount / 12);
    assert.ok(
      result.bestLength / exact.length < 1.3,
      `best valid tour ${result.bestLength / exact.length} × optimum`,
    );
  });

  it('decodes only permutation matrices', () => {
    const identity = new Float64Array(9);
    for (let k = 0; k < 3; k++) identity[k * 3 + ((k + 1) % 3)] = 0.99;
    assert.deepEqual([...(decodeTour(identity, 3) ?? [])], [2, 0, 1]);
    identity[0] = 0.7; // city 0 now also at position 0
    assert.equal(decodeTour(identity, 3), null);
  });
});
