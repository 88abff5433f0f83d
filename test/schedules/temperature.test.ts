// Temperature schedules for annealing and tempering: values at chosen steps, monotonicity
// and periodicity as properties, validation.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { cyclicTemperature, geometricTemperature, linearTemperature } from '../../src/schedules/index.js';

function near(actual: number, expected: number, tolerance = 1e-14): void {
  assert.ok(
    Math.abs(actual - expected) <= tolerance * Math.max(1, Math.abs(expected)),
    `${actual} vs ${expected}`,
  );
}

const pairs = fc.tuple(
  fc.double({ min: 0, max: 2000, noNaN: true }),
  fc.double({ min: 0, max: 2000, noNaN: true }),
);

describe('temperature schedules', () => {
  it('linearTemperature ramps to the final temperature and stays there', () => {
    const cooling = linearTemperature({ initialTemperature: 10, finalTemperature: 0, steps: 100 });
    assert.deepEqual([0, 50, 100, 200].map(cooling), [10, 5, 0, 0]);
    const heating = linearTemperature({ initialTemperature: 1, finalTemperature: 3, steps: 4 });
    assert.equal(heating(2), 2);
    fc.assert(
      fc.property(pairs, ([a, b]) => {
        const [s, t] = a <= b ? [a, b] : [b, a];
        assert.ok(cooling(s) >= cooling(t) && heating(s) <= heating(t));
      }),
      { seed: 21, numRuns: 300 },
    );
    assert.throws(
      () => linearTemperature({ initialTemperature: -1, finalTemperature: 0, steps: 1 }),
      /initialTemperature must be a finite number ≥ 0/,
    );
    assert.throws(
      () => linearTemperature({ initialTemperature: 1, finalTemperature: 0, steps: 0 }),
      /steps must be an integer ≥ 1/,
    );
  });

  it('geometricTemperature cools by a constant factor down to its floor', () => {
    const schedule = geometricTemperature({ initialTemperature: 10, coolingRate: 0.9, minTemperature: 1 });
    assert.equal(schedule(0), 10);
    near(schedule(1), 9);
    near(schedule(2), 8.1);
    assert.equal(schedule(100), 1);
    fc.assert(
      fc.property(pairs, ([a, b]) => {
        const [s, t] = a <= b ? [a, b] : [b, a];
        assert.ok(schedule(s) >= schedule(t) && schedule(t) >= 1);
      }),
      { seed: 22, numRuns: 300 },
    );
    assert.throws(
      () => geometricTemperature({ initialTemperature: 1, coolingRate: 1.1 }),
      /coolingRate must be a number in \(0, 1\]/,
    );
    assert.throws(
      () => geometricTemperature({ initialTemperature: 1, coolingRate: 0.5, minTemperature: 2 }),
      /minTemperature must be ≤ initialTemperature/,
    );
  });

  it('cyclicTemperature oscillates between Tmin and Tmax (cosine and triangular)', () => {
    const cosine = cyclicTemperature({ minTemperature: 0.1, maxTemperature: 1, period: 100 });
    assert.deepEqual([0, 50, 100, 150].map(cosine), [1, 0.1, 1, 0.1]);
    near(cosine(25), 0.55);
    const triangle = cyclicTemperature({
      minTemperature: 0.1,
      maxTemperature: 1,
      period: 100,
      shape: 'triangular',
    });
    near(triangle(25), 0.55);
    near(triangle(10), 1 - 0.9 * 0.2);
    assert.equal(triangle(50), 0.1);
    const cold = cyclicTemperature({ minTemperature: 0.1, maxTemperature: 1, period: 100, startAt: 'min' });
    assert.deepEqual([cold(0), cold(50)], [0.1, 1]);
    fc.assert(
      fc.property(pairs, ([t]) => {
        for (const schedule of [cosine, triangle, cold]) {
          const value = schedule(t);
          assert.ok(value >= 0.1 - 1e-15 && value <= 1 + 1e-15);
          near(schedule(t + 100), value, 1e-9);
        }
      }),
      { seed: 23, numRuns: 300 },
    );
    assert.throws(
      () =>
        cyclicTemperature({ minTemperature: 0, maxTemperature: 1, period: 10, shape: 'square' as 'cosine' }),
      /shape must be 'cosine' or 'triangular', got square/,
    );
    assert.throws(
      () => cyclicTemperature({ minTemperature: 2, maxTemperature: 1, period: 10 }),
      /minTemperature must be ≤ maxTemperature/,
    );
  });
});
