// Cosine annealing with warm restarts (SGDR): restart points and midpoints with a period
// multiplier, periodicity, and decrease within each period as a property.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { cosineWarmRestarts, warmRestartPeriod } from '../../src/schedules/index.js';

function near(actual: number, expected: number, tolerance = 1e-14): void {
  assert.ok(
    Math.abs(actual - expected) <= tolerance * Math.max(1, Math.abs(expected)),
    `${actual} vs ${expected}`,
  );
}

const steps = fc.double({ min: 0, max: 1000, noNaN: true });

describe('cosineWarmRestarts (SGDR)', () => {
  it('restarts at T₀, T₀(1 + m), T₀(1 + m + m²) with the period growing by m', () => {
    const schedule = cosineWarmRestarts({ maxValue: 1, minValue: 0, period: 10, periodMultiplier: 2 });
    for (const restart of [0, 10, 30, 70, 150]) assert.equal(schedule(restart), 1);
    for (const middle of [5, 20, 50, 110]) near(schedule(middle), 0.5);
    near(schedule(9), 0.5 * (1 + Math.cos(0.9 * Math.PI)));
    assert.ok(schedule(29.999) < 1e-7);
    assert.deepEqual(warmRestartPeriod(75, 10, 2), { start: 70, length: 80, index: 3 });
  });

  it('with multiplier 1 repeats every period, and decreases within each period (property)', () => {
    const schedule = cosineWarmRestarts({ maxValue: 0.5, minValue: 0.01, period: 7 });
    for (const restart of [0, 7, 14, 700]) near(schedule(restart), 0.5);
    near(schedule(3.5), 0.255);
    const growing = cosineWarmRestarts({ maxValue: 1, minValue: 0.1, period: 5, periodMultiplier: 1.5 });
    fc.assert(
      fc.property(steps, steps, (a, b) => {
        const [s, t] = a <= b ? [a, b] : [b, a];
        const same = warmRestartPeriod(s, 5, 1.5).start === warmRestartPeriod(t, 5, 1.5).start;
        if (same) assert.ok(growing(s) >= growing(t));
        assert.ok(growing(t) >= 0.1 && growing(t) <= 1);
      }),
      { seed: 14, numRuns: 300 },
    );
  });

  it('validates its parameters', () => {
    assert.throws(
      () => cosineWarmRestarts({ maxValue: 1, period: 10, periodMultiplier: 0.5 }),
      /periodMultiplier must be a finite number ≥ 1, got 0.5/,
    );
    assert.throws(
      () => cosineWarmRestarts({ maxValue: 1, period: 0 }),
      /period must be a finite number > 0, got 0/,
    );
    assert.throws(
      () => cosineWarmRestarts({ maxValue: 1, minValue: 2, period: 1 }),
      /minValue must be ≤ maxValue/,
    );
  });
});
