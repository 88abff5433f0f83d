import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { LogSumExpAccumulator, logAddExp, logMeanExp, logSumExp } from '../../src/partition/index.js';

describe('logSumExp', () => {
  it('is exact where a naive sum overflows or underflows', () => {
    assert.equal(logSumExp([1000, 1000]), 1000 + Math.LN2);
    assert.equal(logSumExp([-1000, -1000]), -1000 + Math.LN2);
    assert.ok(Math.abs(logSumExp([1000, 0]) - 1000) < 1e-12);
    assert.ok(Math.abs(logSumExp([-1000, -1001]) - (-1000 + Math.log1p(Math.exp(-1)))) < 1e-12);
    assert.ok(Math.abs(logSumExp([0, 0, 0]) - Math.log(3)) < 1e-15);
  });

  it('follows the conventions for empty, −∞, +∞ and NaN entries', () => {
    assert.equal(logSumExp([]), Number.NEGATIVE_INFINITY);
    assert.equal(logSumExp([Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY]), Number.NEGATIVE_INFINITY);
    assert.equal(logSumExp([Number.NEGATIVE_INFINITY, 2]), 2);
    assert.equal(logSumExp([Number.POSITIVE_INFINITY, 2]), Number.POSITIVE_INFINITY);
    assert.ok(Number.isNaN(logSumExp([Number.NaN, 2])));
    assert.equal(logMeanExp([Number.NEGATIVE_INFINITY, Math.log(4)]), Math.log(2));
    assert.equal(logMeanExp([]), Number.NEGATIVE_INFINITY);
    assert.equal(logAddExp(Number.NEGATIVE_INFINITY, -3), -3);
    assert.equal(logAddExp(1000, 1000), 1000 + Math.LN2);
    assert.throws(() => logSumExp(3 as unknown as number[]), /values must be an array of numbers/);
  });

  it('agrees with the naive sum, logAddExp and the streaming accumulator (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -50, max: 50, noNaN: true }), { minLength: 1, maxLength: 40 }),
        (values) => {
          const naive = Math.log(values.reduce((a, v) => a + Math.exp(v), 0));
          const stable = logSumExp(values);
          assert.ok(Math.abs(stable - naive) < 1e-12 * Math.max(1, Math.abs(naive)));
          const accumulator = new LogSumExpAccumulator();
          let pairwise = Number.NEGATIVE_INFINITY;
          for (const v of values) {
            accumulator.add(v);
            pairwise = logAddExp(pairwise, v);
          }
          assert.ok(Math.abs(accumulator.value - stable) < 1e-12 * Math.max(1, Math.abs(stable)));
          assert.ok(Math.abs(pairwise - stable) < 1e-12 * Math.max(1, Math.abs(stable)));
          // Shift invariance: logSumExp(v + c) = logSumExp(v) + c, even at c = ±1000.
          for (const c of [1000, -1000]) {
            assert.ok(Math.abs(logSumExp(values.map((v) => v + c)) - stable - c) < 1e-9);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('streams +∞, −∞ and NaN like the batch function', () => {
    const accumulator = new LogSumExpAccumulator();
    assert.equal(accumulator.value, Number.NEGATIVE_INFINITY);
    accumulator.add(Number.NEGATIVE_INFINITY);
    assert.equal(accumulator.value, Number.NEGATIVE_INFINITY);
    accumulator.add(-1000);
    accumulator.add(-1000);
    assert.equal(accumulator.value, -1000 + Math.LN2);
    accumulator.add(Number.POSITIVE_INFINITY);
    accumulator.add(5);
    assert.equal(accumulator.value, Number.POSITIVE_INFINITY);
    accumulator.add(Number.NaN);
    assert.ok(Number.isNaN(accumulator.value));
  });
});
