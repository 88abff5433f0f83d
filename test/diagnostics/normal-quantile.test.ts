import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normalQuantile } from '../../src/diagnostics/normal-quantile.js';

describe('normalQuantile', () => {
  it('matches reference values in all three regions of AS 241', () => {
    // scipy.stats.norm.ppf, printed with repr.
    const cases: [number, number][] = [
      [1e-300, -37.0470962993612],
      [1e-20, -9.262340089798409],
      [0.001, -3.090232306167813],
      [0.02, -2.053748910631823],
      [0.3, -0.5244005127080409],
      [0.5, 0],
      [0.7, 0.5244005127080407],
      [0.975, 1.959963984540054],
      [1 - 1e-12, 7.0344869100478356],
    ];
    for (const [p, expected] of cases) {
      const value = normalQuantile(p);
      assert.ok(Math.abs(value - expected) <= 1e-14 * Math.max(1, Math.abs(expected)), `p=${p}: ${value}`);
    }
  });

  it('is antisymmetric and handles the end points', () => {
    // Dyadic p, so that 1 − p is exact.
    for (const p of [2 ** -20, 2 ** -7, 0.125, 0.4375])
      assert.equal(normalQuantile(p), -normalQuantile(1 - p));
    assert.equal(normalQuantile(0), Number.NEGATIVE_INFINITY);
    assert.equal(normalQuantile(1), Number.POSITIVE_INFINITY);
    assert.throws(() => normalQuantile(1.5), /p must be a probability in \[0, 1\]/);
    assert.throws(() => normalQuantile(Number.NaN), /p must be a probability/);
  });
});
