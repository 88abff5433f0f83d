import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fold, makeKey } from '../../../src/core/random/index.js';
import { integratedAutocorrelationTime } from '../../../src/diagnostics/index.js';
import {
  annealSpins,
  edwardsAnderson,
  exactGroundState,
  exactOverlapDistribution,
  geometricTemperatures,
  sherringtonKirkpatrick,
  spinEnergy,
  temperSpins,
} from '../../../src/models/spin-glass/index.js';
import { chiSquareTest } from '../../core/random/statistics.js';
import { P_THRESHOLD, Z_LIMIT } from './helpers.js';

/** Small SK instances with N = 16 and 20 and their exact ground states (by enumeration). */
const instances = [16, 16, 16, 20, 20, 20].map((size, i) => {
  const system = sherringtonKirkpatrick({ size, key: fold(makeKey(200), i) });
  return { system, groundState: exactGroundState(system) };
});

describe('annealSpins', () => {
  it('finds the exact ground state of every small SK instance with a modest budget', () => {
    // Measured: 10/10 instances at N = 16 and 20, 94–100% of 200-sweep restarts succeed.
    let successes = 0;
    let restarts = 0;
    instances.forEach(({ system, groundState }, i) => {
      const result = annealSpins({
        system,
        sweeps: 200,
        restarts: 4,
        targetEnergy: groundState.energy,
        key: fold(makeKey(1), i),
      });
      assert.ok(
        Math.abs(result.bestEnergy - groundState.energy) < 1e-9,
        `instance ${i}: ${result.bestEnergy} vs ${groundState.energy}`,
      );
      assert.ok(Math.abs(spinEnergy(system, result.bestSpins) - result.bestEnergy) < 1e-9);
      successes += result.successes;
      restarts += result.restartEnergies.length;
    });
    assert.ok(successes / restarts >= 0.5, `success rate ${successes / restarts}`);
  });

  it('finds the ground state of a 2D ±J lattice and stops at the target when asked', () => {
    const system = edwardsAnderson({ dimension: 2, length: 4, key: makeKey(3) });
    const exact = exactGroundState(system);
    const result = annealSpins({
      system,
      sweeps: 300,
      restarts: 20,
      targetEnergy: exact.energy,
      stopAtTarget: true,
      key: makeKey(4),
    });
    assert.equal(result.bestEnergy, exact.energy);
    assert.equal(result.successes, 1);
    assert.ok(result.sweepsToTarget <= result.totalSweeps);
  });

  it('is an upper bound that a starved run misses, and validates its options', () => {
    const { system, groundState } = instances[5];
    // One sweep cannot anneal: the descent stops in a local minimum above E₀ for most starts.
    const starved = annealSpins({
      system,
      sweeps: 1,
      restarts: 3,
      initialTemperature: 0.01,
      finalTemperature: 0.01,
      key: makeKey(2),
    });
    assert.ok(starved.bestEnergy >= groundState.energy - 1e-9);
    assert.ok(Math.max(...starved.restartEnergies) > groundState.energy + 1e-6);
    assert.throws(
      () => annealSpins({ system, sweeps: 0, key: makeKey(1) }),
      /sweeps must be an integer in \[1/,
    );
    assert.throws(
      () => annealSpins({ system, sweeps: 5, finalTemperature: 2, initialTemperature: 1, key: makeKey(1) }),
      /finalTemperature \(2\) must be ≤ initialTemperature/,
    );
    assert.throws(
      () => annealSpins({ system, sweeps: 5, schedule: () => -1, key: makeKey(1) }),
      /schedule\(0\) must be a finite number ≥ 0/,
    );
  });
});

describe('temperSpins', () => {
  it('finds the exact ground state of every small SK instance', () => {
    // Measured: every instance within 1–6 sweeps of a 10-temperature ladder.
    instances.forEach(({ system, groundState }, i) => {
      const result = temperSpins({
        system,
        temperatures: geometricTemperatures(0.2, 1.6, 10),
        sweeps: 400,
        targetEnergy: groundState.energy,
        stopAtTarget: true,
        key: fold(makeKey(2), i),
      });
      assert.ok(Math.abs(result.bestEnergy - groundState.energy) < 1e-9, `instance ${i}`);
      assert.ok(
        result.sweepsToTarget >= 0 && result.sweepsToTarget <= 400,
        `instance ${i}: ${result.sweepsToTarget}`,
      );
    });
  });

  it('samples the exact P(q) at the coldest temperature (two copies, χ² and moments)', () => {
    const size = 8;
    const system = sherringtonKirkpatrick({ size, key: makeKey(30) });
    const temperatures = geometricTemperatures(0.3, 1.5, 6);
    const result = temperSpins({
      system,
      temperatures,
      sweeps: 15000,
      burnInSweeps: 200,
      copies: 2,
      key: makeKey(31),
    });
    const exact = exactOverlapDistribution(system, 0.3);
    const series = result.overlaps![0];
    const stats = result.overlapStatistics![0];
    for (const name of ['secondMoment', 'meanAbsolute'] as const) {
      const z = (stats[name] - exact[name]) / stats.standardErrors[name];
      assert.ok(Math.abs(z) < Z_LIMIT, `${name}: ${stats[name]} vs ${exact[name]} (z = ${z})`);
    }
    const tau = Math.max(
      integratedAutocorrelationTime([series], { split: false }),
      integratedAutocorrelationTime([series.map((q) => q * q)], { split: false }),
    );
    const every = Math.ceil(3 * tau);
    const counts = new Float64Array(size + 1);
    for (let t = 0; t < series.length; t += every) counts[Math.round(((series[t] + 1) * size) / 2)]++;
    const test = chiSquareTest(counts, exact.probabilities);
    assert.ok(test.pValue > P_THRESHOLD, `χ² p-value ${test.pValue} (every ${every})`);
    // Swap bookkeeping: even and odd pairs alternate, so each pair is tried every other sweep.
    for (let k = 0; k < 5; k++) {
      assert.equal(result.swapAttempts[k], 2 * 7500);
      assert.ok(result.swapAcceptanceRates[k] > 0.05 && result.swapAcceptanceRates[k] <= 1);
      assert.ok(result.swapAcceptances[k] <= result.swapAttempts[k]);
    }
    assert.ok(result.roundTrips > 100, `round trips ${result.roundTrips}`);
    assert.ok(result.meanEnergies[0] < result.meanEnergies[5]);
  });

  it('validates its options', () => {
    const { system } = instances[0];
    assert.throws(
      () => temperSpins({ system, temperatures: [1], sweeps: 5, key: makeKey(1) }),
      /at least 2 values/,
    );
    assert.throws(
      () => temperSpins({ system, temperatures: [1, 0.5], sweeps: 5, key: makeKey(1) }),
      /must increase strictly/,
    );
    assert.throws(
      () => temperSpins({ system, temperatures: [0, 1], sweeps: 5, key: makeKey(1) }),
      /temperatures\[0\] must be > 0/,
    );
    assert.throws(
      () => temperSpins({ system, temperatures: [1, 2], sweeps: 5, copies: 0, key: makeKey(1) }),
      /copies must be an integer in \[1, 16\]/,
    );
  });
});
