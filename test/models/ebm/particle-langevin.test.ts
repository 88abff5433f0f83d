import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeKey } from '../../../src/core/random/index.js';
import {
  drawFromBuffer,
  particleLangevin,
  reflectInto,
  uniformReplayBuffer,
  writeToBuffer,
} from '../../../src/models/ebm/index.js';

/** ∇E of E(x) = |x|²/2σ² on interleaved points. */
const quadraticGradient = (variance: number) => (points: Float64Array) => points.map((v) => v / variance);

describe('particleLangevin', () => {
  it('reaches the stationary variance of ULA on a quadratic, σ²/(1 − h/2σ²), not σ²', () => {
    // h = 0.5, σ² = 1: ULA's variance is 4/3, a 33% bias. 4000 particles × 2 coordinates give the
    // sample variance a relative standard deviation √(2/8000) = 1.6%; the chains forget their
    // start (x = 0) at rate (1 − h)² = ¼ per step, so 60 steps are plenty.
    const x = particleLangevin(new Float64Array(8000), makeKey(1), {
      energyGradient: quadraticGradient(1),
      dimension: 2,
      stepSize: 0.5,
      steps: 60,
    });
    let variance = 0;
    for (const v of x) variance += v * v;
    variance /= x.length;
    assert.ok(Math.abs(variance / (4 / 3) - 1) < 0.065, `variance ${variance}`);
    // Temperature T scales it: T = 0.25 gives a quarter.
    const cold = particleLangevin(new Float64Array(8000), makeKey(1), {
      energyGradient: quadraticGradient(1),
      dimension: 2,
      stepSize: 0.5,
      steps: 60,
      temperature: 0.25,
    });
    let coldVariance = 0;
    for (const v of cold) coldVariance += v * v;
    assert.ok(Math.abs(coldVariance / cold.length / (1 / 3) - 1) < 0.065, `cold variance ${coldVariance}`);
  });

  it('is gradient descent at T = 0, step for step', () => {
    const start = Float64Array.of(1, -2, 0.5, 3);
    const x = particleLangevin(start, makeKey(2), {
      energyGradient: quadraticGradient(2),
      dimension: 2,
      stepSize: 0.1,
      steps: 3,
      temperature: 0,
    });
    // Gradient descent x ← x − η∇E, three times, with the same floating-point operations.
    const descent = Array.from(start, (v) => {
      for (let k = 0; k < 3; k++) v = v - 0.1 * (v / 2);
      return v;
    });
    assert.deepEqual(Array.from(x), descent);
    assert.deepEqual(Array.from(start), [1, -2, 0.5, 3]); // the input is not modified
  });

  it('keeps particles inside reflecting walls, with the uniform density invariant', () => {
    // Flat energy: pure diffusion with reflection; uniform particles must stay uniform.
    const bounds = { lower: [-1, 0], upper: [1, 3] };
    const start = uniformReplayBuffer(makeKey(3), 20000, bounds).positions;
    const x = particleLangevin(start, makeKey(4), {
      energyGradient: (points) => new Float64Array(points.length),
      dimension: 2,
      stepSize: 0.3,
      steps: 20,
      bounds,
    });
    const bins = new Array(10).fill(0);
    for (let i = 0; i < x.length; i += 2) {
      assert.ok(x[i] >= -1 && x[i] <= 1 && x[i + 1] >= 0 && x[i + 1] <= 3, `particle ${i / 2} left the box`);
      bins[Math.min(9, Math.floor(((x[i] + 1) / 2) * 10))] += 1;
    }
    // χ² with 9 dof: mean 9, sd 4.2; 9 + 6·4.2 ≈ 35 fails by chance with probability ~1e-4.
    const chi = bins.reduce((sum, count) => sum + (count - 2000) ** 2 / 2000, 0);
    assert.ok(chi < 35, `χ² = ${chi}`);
  });

  it('reflects any excursion back into the interval', () => {
    assert.equal(reflectInto(0.5, 0, 1), 0.5);
    assert.equal(reflectInto(1.25, 0, 1), 0.75);
    assert.equal(reflectInto(-0.25, 0, 1), 0.25);
    assert.ok(Math.abs(reflectInto(3.25, 0, 1) - 0.75) < 1e-15);
    assert.ok(Math.abs(reflectInto(-2.25, 0, 1) - 0.25) < 1e-15);
  });

  it('validates its options', () => {
    const options = { energyGradient: quadraticGradient(1), dimension: 2, stepSize: 0.1, steps: 1 };
    assert.throws(
      () => particleLangevin(new Float64Array(3), makeKey(0), options),
      /interleaved 2-dimensional/,
    );
    assert.throws(
      () => particleLangevin(new Float64Array(2), makeKey(0), { ...options, stepSize: 0 }),
      /stepSize/,
    );
    assert.throws(
      () => particleLangevin(new Float64Array(2), makeKey(0), { ...options, steps: 1.5 }),
      /steps/,
    );
    assert.throws(
      () =>
        particleLangevin(new Float64Array(2), makeKey(0), {
          ...options,
          bounds: { lower: [0, 1], upper: [1, 1] },
        }),
      /lower\[1\] < upper\[1\]/,
    );
  });
});

describe('replay buffer', () => {
  const bounds = { lower: [-2, -2], upper: [2, 2] };

  it('draws stored particles, restarts a fraction p from noise, and writes back immutably', () => {
    const buffer = uniformReplayBuffer(makeKey(5), 100, bounds);
    const kept = drawFromBuffer(buffer, makeKey(6), 50, 0, bounds);
    assert.equal(kept.reinitialized, 0);
    for (let i = 0; i < 50; i++) {
      const slot = kept.indices[i];
      assert.deepEqual(
        Array.from(kept.positions.subarray(2 * i, 2 * i + 2)),
        Array.from(buffer.positions.subarray(2 * slot, 2 * slot + 2)),
      );
    }
    // p = 0.05 over 20000 draws: 1000 expected, sd 31; ±5 sd.
    const some = drawFromBuffer(buffer, makeKey(7), 20000, 0.05, bounds);
    assert.ok(Math.abs(some.reinitialized - 1000) < 155, `${some.reinitialized}`);
    assert.equal(drawFromBuffer(buffer, makeKey(8), 10, 1, bounds).reinitialized, 10);

    const moved = writeToBuffer(buffer, Int32Array.of(3, 7), Float64Array.of(9, 9, 8, 8));
    assert.deepEqual(Array.from(moved.positions.subarray(6, 8)), [9, 9]);
    assert.deepEqual(Array.from(moved.positions.subarray(14, 16)), [8, 8]);
    assert.notEqual(buffer.positions[6], 9);
    assert.throws(
      () => writeToBuffer(buffer, Int32Array.of(100), Float64Array.of(0, 0)),
      /slot in \[0, 99\]/,
    );
    assert.throws(() => drawFromBuffer(buffer, makeKey(9), 5, 1.5, bounds), /reinitializationProbability/);
  });
});
