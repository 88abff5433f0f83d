import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fold, makeKey } from '../../../src/core/random/index.js';
import {
  exactGroundState,
  extrapolateGroundStateEnergy,
  PARISI_GROUND_STATE_ENERGY,
  sherringtonKirkpatrick,
  skGroundStateSweep,
} from '../../../src/models/spin-glass/index.js';

describe('skGroundStateSweep', () => {
  it('averages exact ground states per size, instance i of size N drawn from fold(fold(key, N), i)', () => {
    const key = makeKey(8);
    const sweep = skGroundStateSweep({ sizes: [6, 10], instancesPerSize: 5, method: 'exact', key });
    assert.equal(sweep.points.length, 2);
    const point = sweep.points[1];
    const direct = Array.from(
      { length: 5 },
      (_, i) =>
        exactGroundState(sherringtonKirkpatrick({ size: 10, key: fold(fold(key, 10), i) })).energyPerSpin,
    );
    assert.deepEqual(Array.from(point.energiesPerSpin), direct);
    const mean = direct.reduce((a, b) => a + b) / 5;
    const sd = Math.sqrt(direct.reduce((a, b) => a + (b - mean) ** 2, 0) / 4);
    assert.ok(Math.abs(point.meanEnergyPerSpin - mean) < 1e-15);
    assert.ok(Math.abs(point.standardError - sd / Math.sqrt(5)) < 1e-15);
    // The same instances whatever the other sizes in the sweep.
    const alone = skGroundStateSweep({ sizes: [10], instancesPerSize: 5, method: 'exact', key });
    assert.deepEqual(alone.points[0].energiesPerSpin, point.energiesPerSpin);
  });

  it('matches the exact energies with annealing and tempering on small sizes', () => {
    const key = makeKey(9);
    const exact = skGroundStateSweep({ sizes: [12], instancesPerSize: 3, method: 'exact', key });
    for (const method of ['annealing', 'tempering'] as const) {
      const heuristic = skGroundStateSweep({
        sizes: [12],
        instancesPerSize: 3,
        method,
        key,
        annealing: { sweeps: 200, restarts: 3 },
        tempering: { sweeps: 200 },
      });
      for (let i = 0; i < 3; i++) {
        assert.ok(
          Math.abs(heuristic.points[0].energiesPerSpin[i] - exact.points[0].energiesPerSpin[i]) < 1e-9,
          method,
        );
      }
    }
    assert.throws(
      () => skGroundStateSweep({ sizes: [40], instancesPerSize: 2, method: 'exact', key }),
      /sizes\[0\] must be an integer in \[2, 30\]/,
    );
    assert.throws(
      () => skGroundStateSweep({ sizes: [10], instancesPerSize: 1, method: 'exact', key }),
      /instancesPerSize must be an integer in \[2/,
    );
  });
});

describe('extrapolateGroundStateEnergy', () => {
  it('recovers e∞ and a from noise-free data, with the textbook weighted least-squares errors', () => {
    const points = [8, 12, 16, 24].map((size) => ({
      size,
      meanEnergyPerSpin: -0.76 + 0.7 * size ** (-2 / 3),
      standardError: 0.01,
    }));
    const fit = extrapolateGroundStateEnergy(points);
    assert.ok(Math.abs(fit.energyInfinity + 0.76) < 1e-12);
    assert.ok(Math.abs(fit.slope - 0.7) < 1e-11);
    assert.ok(fit.chiSquared < 1e-20);
    assert.equal(fit.degreesOfFreedom, 2);
    // Var(e∞) = Σw x² / (Σw Σw x² − (Σw x)²) with equal weights w = 1/σ².
    const xs = points.map((p) => p.size ** (-2 / 3));
    const w = 1e4;
    const s = 4 * w;
    const sx = w * xs.reduce((a, b) => a + b);
    const sxx = w * xs.reduce((a, b) => a + b * b, 0);
    assert.ok(Math.abs(fit.energyInfinityError - Math.sqrt(sxx / (s * sxx - sx * sx))) < 1e-15);
    assert.ok(
      Math.abs(fit.deviationFromParisi - (-0.76 - PARISI_GROUND_STATE_ENERGY) / fit.energyInfinityError) <
        1e-9,
    );
  });

  it('rejects fits it cannot make', () => {
    const point = { size: 10, meanEnergyPerSpin: -0.6, standardError: 0.01 };
    assert.throws(() => extrapolateGroundStateEnergy([point]), /at least 2 sizes/);
    assert.throws(() => extrapolateGroundStateEnergy([point, point]), /2 distinct sizes/);
    assert.throws(
      () => extrapolateGroundStateEnergy([point, { ...point, size: 20, standardError: 0 }]),
      /standardError must be a finite number > 0/,
    );
  });
});
