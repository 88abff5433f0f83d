// Cyclical learning rates (Smith 2017): values at cycle boundaries and midpoints, the
// triangular2 halving, the exp_range envelope, and invariants as properties.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { expRange, triangular, triangular2 } from '../../src/schedules/index.js';

function near(actual: number, expected: number, tolerance = 1e-14): void {
  assert.ok(
    Math.abs(actual - expected) <= tolerance * Math.max(1, Math.abs(expected)),
    `${actual} vs ${expected}`,
  );
}

const base = { minValue: 0.1, maxValue: 1, stepsPerHalfCycle: 10 };
const steps = fc.double({ min: 0, max: 1000, noNaN: true });

describe('cyclical learning rates', () => {
  it('triangular: min at cycle boundaries, max at mid-cycle, linear in between', () => {
    const schedule = triangular(base);
    assert.deepEqual([0, 10, 20, 30, 40].map(schedule), [0.1, 1, 0.1, 1, 0.1]);
    near(schedule(5), 0.55);
    near(schedule(15), 0.55);
    near(schedule(2.5), 0.325);
    fc.assert(
      fc.property(steps, (t) => {
        const value = schedule(t);
        assert.ok(value >= 0.1 - 1e-15 && value <= 1 + 1e-15);
        near(schedule(t + 20), value, 1e-12);
      }),
      { seed: 11, numRuns: 300 },
    );
  });

  it('triangular2: the amplitude halves after every cycle', () => {
    const schedule = triangular2(base);
    assert.deepEqual([0, 10, 20].map(schedule), [0.1, 1, 0.1]);
    near(schedule(30), 0.1 + 0.9 / 2);
    near(schedule(50), 0.1 + 0.9 / 4);
    near(schedule(35), 0.1 + 0.45 / 2);
    fc.assert(
      fc.property(steps, (t) => {
        near(schedule(t + 20) - 0.1, (schedule(t) - 0.1) / 2, 1e-12);
      }),
      { seed: 12, numRuns: 300 },
    );
  });

  it('expRange: the amplitude is scaled by γ^step', () => {
    const schedule = expRange({ ...base, gamma: 0.99 });
    near(schedule(10), 0.1 + 0.9 * 0.99 ** 10);
    near(schedule(30), 0.1 + 0.9 * 0.99 ** 30);
    near(schedule(20), 0.1);
    fc.assert(
      fc.property(steps, (t) => {
        assert.ok(schedule(t) - 0.1 <= 0.9 * 0.99 ** t + 1e-15);
        near(schedule(t) - 0.1, (triangular(base)(t) - 0.1) * 0.99 ** t, 1e-12);
      }),
      { seed: 13, numRuns: 300 },
    );
    // γ = 1 is the triangular policy.
    near(expRange({ ...base, gamma: 1 })(15), triangular(base)(15));
  });

  it('validates its parameters', () => {
    assert.throws(
      () => triangular({ ...base, minValue: 2 }),
      /triangular: minValue must be ≤ maxValue, got minValue = 2 > maxValue = 1/,
    );
    assert.throws(
      () => triangular2({ ...base, stepsPerHalfCycle: 0 }),
      /stepsPerHalfCycle must be a finite number > 0, got 0/,
    );
    assert.throws(
      () => expRange({ ...base, gamma: 1.5 }),
      /expRange: gamma must be a number in \(0, 1\], got 1.5/,
    );
  });
});
