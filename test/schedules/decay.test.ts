// Decaying learning-rate schedules: hand-computed values at chosen steps, monotonicity as a
// property, and validation messages.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  constant,
  cosineDecay,
  exponentialDecay,
  piecewiseConstant,
  type Schedule,
  stepDecay,
} from '../../src/schedules/index.js';

function near(actual: number, expected: number, tolerance = 1e-14): void {
  assert.ok(
    Math.abs(actual - expected) <= tolerance * Math.max(1, Math.abs(expected)),
    `${actual} vs ${expected}`,
  );
}

/** Asserts f(s) ≥ f(t) for s ≤ t in [from, to] (property over random pairs). */
function nonIncreasing(schedule: Schedule, from: number, to: number): void {
  fc.assert(
    fc.property(
      fc.double({ min: from, max: to, noNaN: true }),
      fc.double({ min: from, max: to, noNaN: true }),
      (a, b) => {
        const [s, t] = a <= b ? [a, b] : [b, a];
        assert.ok(schedule(s) >= schedule(t), `f(${s}) = ${schedule(s)} < f(${t}) = ${schedule(t)}`);
      },
    ),
    { seed: 3, numRuns: 300 },
  );
}

describe('decaying schedules', () => {
  it('constant', () => {
    const schedule = constant(0.1);
    assert.deepEqual([schedule(0), schedule(1e9)], [0.1, 0.1]);
    assert.throws(() => constant(-1), /constant: value must be a finite number ≥ 0, got -1/);
  });

  it('stepDecay drops by the factor every decaySteps steps', () => {
    const schedule = stepDecay({ initialValue: 1, decayFactor: 0.5, decaySteps: 10 });
    assert.deepEqual([0, 9, 9.99, 10, 19, 20, 25].map(schedule), [1, 1, 1, 0.5, 0.5, 0.25, 0.25]);
    nonIncreasing(schedule, 0, 1000);
    assert.throws(
      () => stepDecay({ initialValue: 1, decaySteps: 0 }),
      /decaySteps must be an integer ≥ 1, got 0/,
    );
    assert.throws(
      () => stepDecay({ initialValue: 1, decaySteps: 5, decayFactor: 2 }),
      /decayFactor must be a number in \(0, 1\]/,
    );
  });

  it('piecewiseConstant holds values[i] on [boundaries[i−1], boundaries[i])', () => {
    const schedule = piecewiseConstant({ boundaries: [10, 20], values: [1, 0.1, 0.01] });
    assert.deepEqual([0, 9.99, 10, 19, 20, 1e6].map(schedule), [1, 1, 0.1, 0.1, 0.01, 0.01]);
    assert.throws(
      () => piecewiseConstant({ boundaries: [10], values: [1] }),
      /values must have boundaries.length \+ 1 = 2 entries, got 1/,
    );
    assert.throws(
      () => piecewiseConstant({ boundaries: [10, 10], values: [1, 2, 3] }),
      /boundaries must be strictly increasing, got boundaries\[0\] = 10 and boundaries\[1\] = 10/,
    );
  });

  it('exponentialDecay: continuous, staircase, and clipped at finalValue', () => {
    const smooth = exponentialDecay({ initialValue: 1, decayRate: 0.5, decaySteps: 10 });
    near(smooth(10), 0.5);
    near(smooth(5), Math.SQRT1_2);
    near(smooth(30), 0.125);
    const stairs = exponentialDecay({ initialValue: 1, decayRate: 0.5, decaySteps: 10, staircase: true });
    assert.deepEqual([9, 10, 15, 20].map(stairs), [1, 0.5, 0.5, 0.25]);
    const floored = exponentialDecay({ initialValue: 1, decayRate: 0.5, decaySteps: 10, finalValue: 0.3 });
    assert.deepEqual([floored(20), floored(1000)], [0.3, 0.3]);
    near(floored(10), 0.5);
    nonIncreasing(smooth, 0, 500);
    const growth = exponentialDecay({ initialValue: 1, decayRate: 2, finalValue: 10 });
    assert.deepEqual([growth(3), growth(4)], [8, 10]);
    assert.throws(
      () => exponentialDecay({ initialValue: 1, decayRate: 0 }),
      /decayRate must be a finite number > 0, got 0/,
    );
    assert.throws(
      () => exponentialDecay({ initialValue: 1, decayRate: 0.5, finalValue: 2 }),
      /finalValue must be ≤ initialValue = 1 when decayRate < 1, got 2/,
    );
  });

  it('cosineDecay with warmup: linear up, half cosine down, then flat', () => {
    const plain = cosineDecay({ initialValue: 1, decaySteps: 100, finalValue: 0.1 });
    assert.equal(plain(0), 1);
    near(plain(50), 0.55);
    near(plain(25), 0.1 + 0.45 * (1 + Math.SQRT1_2));
    near(plain(100), 0.1);
    near(plain(1e4), 0.1);
    nonIncreasing(plain, 0, 300);
    const warm = cosineDecay({
      initialValue: 1,
      decaySteps: 100,
      finalValue: 0.1,
      warmupSteps: 10,
      warmupInitialValue: 0,
    });
    assert.deepEqual([warm(0), warm(5), warm(10)], [0, 0.5, 1]);
    near(warm(60), 0.55);
    nonIncreasing((t) => -warm(t), 0, 10);
    nonIncreasing(warm, 10, 300);
    assert.throws(
      () => cosineDecay({ initialValue: 1, decaySteps: 10, finalValue: 2 }),
      /finalValue must be ≤ initialValue = 1/,
    );
    assert.throws(
      () => cosineDecay({ initialValue: 1, decaySteps: 10, warmupSteps: -1 }),
      /warmupSteps must be an integer ≥ 0/,
    );
  });

  it('rejects negative or non-finite steps', () => {
    for (const schedule of [
      constant(1),
      stepDecay({ initialValue: 1, decaySteps: 2 }),
      cosineDecay({ initialValue: 1, decaySteps: 5 }),
    ]) {
      assert.throws(() => schedule(-1), /step must be a finite number ≥ 0, got -1/);
      assert.throws(() => schedule(Number.NaN), /got NaN/);
    }
  });
});
