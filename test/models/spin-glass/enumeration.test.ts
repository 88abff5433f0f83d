import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fold, makeKey } from '../../../src/core/random/index.js';
import {
  edwardsAnderson,
  exactGroundState,
  forEachSpinConfiguration,
  sherringtonKirkpatrick,
  spinEnergy,
} from '../../../src/models/spin-glass/index.js';
import { bruteForceEnergies, bruteForceGroundState, spotCheckEnergies } from './helpers.js';

describe('forEachSpinConfiguration', () => {
  // N = 15 without symmetry: 12 inner spins and 3 outer ones, so the block recursion, the outer
  // Gray code and the field-from-outer-spins bookkeeping are all exercised.
  for (const useSymmetry of [false, true]) {
    it(`visits every configuration once with its exact energy (useSymmetry: ${useSymmetry})`, () => {
      const system = sherringtonKirkpatrick({ size: 15, key: makeKey(21), fields: useSymmetry ? 0 : 0.2 });
      const reference = bruteForceEnergies(system);
      assert.ok(spotCheckEnergies(system, reference, (spins) => spinEnergy(system, spins)) < 1e-12);
      const seen = new Uint8Array(reference.length);
      let worst = 0;
      const plan = forEachSpinConfiguration(
        system,
        (energy, code) => {
          seen[code]++;
          worst = Math.max(worst, Math.abs(energy - reference[code]));
        },
        { useSymmetry },
      );
      assert.equal(plan.multiplicity, useSymmetry ? 2 : 1);
      assert.ok(worst < 1e-12, `largest energy error ${worst}`);
      const visited = seen.reduce((a, b) => a + b, 0);
      assert.equal(visited, useSymmetry ? 2 ** 14 : 2 ** 15);
      // With the symmetry, exactly the configurations with the last spin up (bit 14 clear).
      for (let code = 0; code < seen.length; code++)
        assert.equal(seen[code], useSymmetry && code >= 2 ** 14 ? 0 : 1);
    });
  }

  it('refuses fields with the symmetry, and systems too large to enumerate', () => {
    const withField = sherringtonKirkpatrick({ size: 4, key: makeKey(1), fields: 1 });
    assert.throws(
      () => forEachSpinConfiguration(withField, () => {}, { useSymmetry: true }),
      /useSymmetry must be false/,
    );
    const big = sherringtonKirkpatrick({ size: 31, key: makeKey(1) });
    assert.throws(() => exactGroundState(big), /system.size must be ≤ 30/);
  });
});

describe('exactGroundState', () => {
  it('equals a brute-force loop on SK instances (Gaussian and ±J, with and without field)', () => {
    for (let seed = 0; seed < 4; seed++) {
      const couplingDistribution = seed % 2 === 0 ? 'gaussian' : 'bimodal';
      const fields = seed < 2 ? 0 : 0.15;
      const system = sherringtonKirkpatrick({
        size: 14,
        key: fold(makeKey(31), seed),
        couplingDistribution,
        fields,
      });
      const exact = exactGroundState(system);
      const brute = bruteForceGroundState(system);
      assert.ok(
        Math.abs(exact.energy - brute.energy) < 1e-10,
        `seed ${seed}: ${exact.energy} vs ${brute.energy}`,
      );
      assert.equal(exact.degeneracy, brute.degeneracy, `seed ${seed}`);
      assert.ok(Math.abs(spinEnergy(system, exact.spins) - exact.energy) < 1e-10);
    }
  });

  it('equals brute force on ±J Edwards–Anderson lattices, degeneracies included', () => {
    // 4×4 ±J lattices have highly degenerate ground states (many zero-energy flips).
    for (let seed = 0; seed < 3; seed++) {
      const system = edwardsAnderson({ dimension: 2, length: 4, key: fold(makeKey(41), seed) });
      const exact = exactGroundState(system);
      const brute = bruteForceGroundState(system);
      assert.equal(exact.energy, brute.energy);
      assert.equal(exact.degeneracy, brute.degeneracy);
      assert.ok(exact.degeneracy >= 2 && exact.degeneracy % 2 === 0);
    }
    const cube = edwardsAnderson({
      dimension: 3,
      length: 2,
      key: makeKey(42),
      couplingDistribution: 'gaussian',
    });
    const exact = exactGroundState(cube);
    assert.ok(Math.abs(exact.energy - bruteForceGroundState(cube).energy) < 1e-10);
    assert.equal(exact.degeneracy, 2);
  });

  it('gives the SK ground-state energy per spin near its finite-size value at N = 20', () => {
    // Measured over 100 instances (key 7, skGroundStateSweep): e(20) = −0.660 ± 0.007, and the
    // fit e∞ + a·N^(−2/3) over N = 8…24 gives e∞ = −0.762 ± 0.013 (Parisi: −0.7632). The
    // instance-to-instance spread is 0.065, so 8 instances give a standard error of ≈ 0.023:
    // the window [−0.75, −0.57] is about ±4 standard errors around −0.66.
    let sum = 0;
    for (let i = 0; i < 8; i++) {
      sum += exactGroundState(sherringtonKirkpatrick({ size: 20, key: fold(makeKey(100), i) })).energyPerSpin;
    }
    const mean = sum / 8;
    assert.ok(mean > -0.75 && mean < -0.57, `mean ground-state energy per spin ${mean}`);
  });
});
