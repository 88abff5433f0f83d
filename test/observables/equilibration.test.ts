/** MSER truncation and the halves test on series with and without a transient. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fold, makeKey, RandomStream } from '../../src/core/random/index.js';
import { compareHalves, equilibrationReport, mserTruncation } from '../../src/observables/index.js';

function noise(n: number, seed: number, phi = 0.5): Float64Array {
  const stream = new RandomStream(fold(makeKey(8), seed));
  const out = new Float64Array(n);
  let x = 0;
  for (let t = 0; t < n; t++) out[t] = x = phi * x + Math.sqrt(1 - phi * phi) * stream.nextNormal();
  return out;
}

describe('equilibration checks', () => {
  it('MSER cuts an exponential transient and little else', () => {
    const series = noise(4000, 1).map((v, t) => v + 8 * Math.exp(-t / 100));
    const cut = mserTruncation(series);
    assert.ok(cut >= 200 && cut <= 800, `cut ${cut}`);
    for (let seed = 2; seed < 7; seed++) {
      const stationary = mserTruncation(noise(4000, seed));
      assert.ok(stationary < 400, `seed ${seed}: cut ${stationary}`);
    }
  });

  it('the halves test sees a drift and passes a stationary series', () => {
    const drifting = noise(4000, 3).map((v, t) => v + t / 1000);
    assert.ok(compareHalves(drifting).zScore > 6);
    for (let seed = 10; seed < 15; seed++) assert.ok(Math.abs(compareHalves(noise(4000, seed)).zScore) < 4);
  });

  it('the report flags a too-short burn-in and passes a long one', () => {
    const record = noise(6000, 4).map((v, t) => v + 8 * Math.exp(-t / 300));
    const short = equilibrationReport(record.subarray(0, 50), record.subarray(50));
    assert.equal(short.equilibrated, false);
    assert.match(short.warnings.join(' '), /lengthen the burn-in|may still drift/);
    const long = equilibrationReport(record.subarray(0, 3000), record.subarray(3000));
    assert.equal(long.equilibrated, true, long.warnings.join('; '));
    assert.equal(long.burnInValues, 3000);
    assert.ok(long.halves !== null);
  });

  it('rejects bad input', () => {
    assert.throws(() => mserTruncation([1, 2, 3]), /at least 10 values/);
    assert.throws(() => compareHalves([1, 2]), /at least 16 values/);
    assert.throws(() => equilibrationReport([], [1], { zThreshold: -1 }), /zThreshold/);
  });
});
