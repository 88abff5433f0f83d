/** Jackknife over bins: exact identities on small data, calibrated error bars on correlated data. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fold, makeKey, RandomStream } from '../../src/core/random/index.js';
import { jackknife } from '../../src/observables/index.js';

function normals(n: number, seed: number): Float64Array {
  const stream = new RandomStream(fold(makeKey(5), seed));
  return Float64Array.from({ length: n }, () => stream.nextNormal());
}

const variance = (m: Float64Array) => m[1] - m[0] * m[0];

describe('jackknife', () => {
  it('reproduces the textbook standard error of a mean (bins of 1)', () => {
    const x = [1, 4, 2, 8, 5, 7];
    const mean = x.reduce((s, v) => s + v, 0) / x.length;
    const sd = Math.sqrt(x.reduce((s, v) => s + (v - mean) ** 2, 0) / (x.length - 1));
    const result = jackknife([x], (m) => m[0], { binSize: 1 });
    assert.ok(Math.abs(result.mean - mean) < 1e-14);
    assert.ok(Math.abs(result.stderr - sd / Math.sqrt(x.length)) < 1e-14);
    assert.ok(Math.abs(result.bias) < 1e-14);
  });

  it('removes the bias of ⟨x²⟩ − ⟨x⟩² exactly (gives the n − 1 variance)', () => {
    const x = Float64Array.from([0.3, -1.2, 2.2, 0.7, 1.1, -0.4, 0.9]);
    const squares = x.map((v) => v * v);
    const n = x.length;
    const mean = x.reduce((s, v) => s + v, 0) / n;
    const unbiased = x.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1);
    const result = jackknife([x, squares], variance, { binSize: 1 });
    assert.ok(Math.abs(result.mean - unbiased) < 1e-13, `${result.mean} vs ${unbiased}`);
    assert.ok(Math.abs(result.plainEstimate - (unbiased * (n - 1)) / n) < 1e-13);
  });

  it('gives a calibrated error for a variance from independent normals (σ² √(2/n))', () => {
    const n = 40000;
    const x = normals(n, 1);
    const result = jackknife([x, x.map((v) => v * v)], variance, { bins: 100 });
    const expected = Math.sqrt(2 / n);
    assert.ok(Math.abs(result.stderr / expected - 1) < 0.3, `stderr ${result.stderr}, expected ${expected}`);
    assert.ok(Math.abs(result.mean - 1) < 4 * expected);
    assert.equal(result.bins, 100);
    assert.equal(result.binSize, 400);
  });

  it('with bins longer than τ, matches the spread of independent repetitions', () => {
    // 40 independent AR(1) chains (φ = 0.9): the jackknife errors of the variance should match
    // the scatter of the 40 estimates (ratio within ±35%: the scatter of 40 values is ±11%).
    const estimates: number[] = [];
    const errors: number[] = [];
    for (let seed = 0; seed < 40; seed++) {
      const e = normals(8000, 100 + seed);
      const x = new Float64Array(e.length);
      let state = 0;
      for (let t = 0; t < e.length; t++) x[t] = state = 0.9 * state + Math.sqrt(1 - 0.81) * e[t];
      const r = jackknife([x, x.map((v) => v * v)], variance, { binSize: 200 });
      estimates.push(r.mean);
      errors.push(r.stderr);
    }
    const mean = estimates.reduce((s, v) => s + v, 0) / estimates.length;
    const scatter = Math.sqrt(estimates.reduce((s, v) => s + (v - mean) ** 2, 0) / (estimates.length - 1));
    const typical = Math.sqrt(errors.reduce((s, v) => s + v * v, 0) / errors.length);
    assert.ok(Math.abs(typical / scatter - 1) < 0.35, `jackknife ${typical}, scatter ${scatter}`);
  });

  it('rejects bad input', () => {
    assert.throws(() => jackknife([], (m) => m[0]), /series must be a non-empty array/);
    assert.throws(
      () =>
        jackknife(
          [
            [1, 2, 3],
            [1, 2],
          ],
          (m) => m[0],
        ),
      /series\[1\] has 2 values/,
    );
    assert.throws(
      () => jackknife([[1, 2, 3, 4]], (m) => m[0], { binSize: 3 }),
      /binSize must be an integer in \[1, 2\]/,
    );
    assert.throws(() => jackknife([[1, 2]], 'mean' as never), /estimator must be a function/);
  });
});
