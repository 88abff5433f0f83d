import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fold, makeKey } from '../../src/core/random/index.js';
import { edwardsAnderson, sherringtonKirkpatrick } from '../../src/models/spin-glass/index.js';
import {
  annealedImportanceSampling,
  exactThermodynamics,
  inverseTemperatureLadder,
  logMeanExp,
} from '../../src/partition/index.js';

/** |z| allowed between an estimate and the exact value (two-sided probability 6e-5). */
const Z_LIMIT = 4;

describe('annealedImportanceSampling', () => {
  it('matches exact log Z within its error bar on N = 12 and 16 SK systems at several β', () => {
    // Measured |z| ≤ 0.56 over these six cases (σ ≈ 0.026–0.076, ESS 39–48 of 50).
    for (const size of [12, 16]) {
      const system = sherringtonKirkpatrick({ size, key: makeKey(300 + size) });
      const betas = [0.5, 1, 2];
      const exact = exactThermodynamics(system, betas);
      betas.forEach((beta, k) => {
        const result = annealedImportanceSampling({
          system,
          inverseTemperature: beta,
          steps: 100,
          chains: 50,
          key: fold(makeKey(7), k),
        });
        const z = (result.logPartitionFunction - exact[k].logPartitionFunction) / result.standardError;
        assert.ok(Math.abs(z) < Z_LIMIT, `N ${size} β ${beta}: z = ${z}`);
        assert.ok(result.effectiveSampleSize > 25 && result.effectiveSampleSize <= 50);
        // Free energy and entropy follow from the same log Ẑ, within their propagated errors.
        const freeError =
          Math.abs(result.freeEnergyPerSpin - exact[k].freeEnergyPerSpin) / result.freeEnergyError;
        assert.ok(freeError < Z_LIMIT);
        assert.ok(
          Math.abs(result.entropyPerSpin - exact[k].entropyPerSpin) < 0.05,
          `entropy ${result.entropyPerSpin}`,
        );
      });
    }
  });

  it('reports an honest error bar: the spread over repetitions matches the reported σ', () => {
    // 50 independent repetitions: the sample standard deviation of log Ẑ is known to ±10%, so
    // a ratio outside [1/1.5, 1.5] would mean a dishonest σ (measured: 0.97 here; 0.97–1.11 over other sizes and β).
    const system = sherringtonKirkpatrick({ size: 12, key: makeKey(312) });
    const exact = exactThermodynamics(system, 1)[0].logPartitionFunction;
    const estimates: number[] = [];
    const variances: number[] = [];
    for (let r = 0; r < 50; r++) {
      const result = annealedImportanceSampling({
        system,
        inverseTemperature: 1,
        steps: 60,
        chains: 40,
        key: fold(makeKey(400), r),
      });
      estimates.push(result.logPartitionFunction);
      variances.push(result.standardError ** 2);
    }
    const mean = estimates.reduce((a, b) => a + b) / 50;
    const spread = Math.sqrt(estimates.reduce((a, b) => a + (b - mean) ** 2, 0) / 49);
    const reported = Math.sqrt(variances.reduce((a, b) => a + b) / 50);
    const ratio = spread / reported;
    assert.ok(ratio > 1 / 1.5 && ratio < 1.5, `spread ${spread} vs reported σ ${reported}`);
    // And no visible bias: the mean of 50 estimates is within 4 standard errors of the truth.
    assert.ok(Math.abs(mean - exact) < (4 * spread) / Math.sqrt(50), `mean ${mean} vs exact ${exact}`);
  });

  it('works with geometric and explicit schedules and heat-bath moves, on an EA lattice', () => {
    const system = edwardsAnderson({ dimension: 2, length: 4, key: makeKey(5) });
    const [exact] = exactThermodynamics(system, 1.2);
    const geometric = annealedImportanceSampling({
      system,
      inverseTemperature: 1.2,
      steps: 150,
      schedule: 'geometric',
      geometricStart: 0.05,
      chains: 40,
      rule: 'heat-bath',
      key: makeKey(6),
    });
    assert.ok(
      Math.abs(geometric.logPartitionFunction - exact.logPartitionFunction) <
        Z_LIMIT * geometric.standardError,
    );
    assert.equal(geometric.inverseTemperatures[1], 1.2 * 0.05);
    const ladder = inverseTemperatureLadder(1.2, 100);
    const explicit = annealedImportanceSampling({
      system,
      inverseTemperature: 1.2,
      schedule: ladder,
      chains: 40,
      key: makeKey(8),
    });
    assert.ok(
      Math.abs(explicit.logPartitionFunction - exact.logPartitionFunction) < Z_LIMIT * explicit.standardError,
    );
    assert.ok(
      Math.abs(explicit.logPartitionFunction - (16 * Math.LN2 + logMeanExp(explicit.logWeights))) < 1e-12,
    );
  });

  it('shows the collapse of the weights when the ladder is too short', () => {
    // One step is plain importance sampling from uniform spins: at β = 2 a few chains carry all
    // the weight, and the effective sample size says so.
    const system = sherringtonKirkpatrick({ size: 16, key: makeKey(316) });
    const short = annealedImportanceSampling({
      system,
      inverseTemperature: 2,
      steps: 1,
      chains: 100,
      key: makeKey(9),
    });
    const long = annealedImportanceSampling({
      system,
      inverseTemperature: 2,
      steps: 200,
      chains: 100,
      key: makeKey(9),
    });
    assert.ok(short.effectiveSampleSize < 20, `short ESS ${short.effectiveSampleSize}`);
    assert.ok(long.effectiveSampleSize > 60, `long ESS ${long.effectiveSampleSize}`);
  });

  it('validates its options', () => {
    const system = sherringtonKirkpatrick({ size: 6, key: makeKey(1) });
    const key = makeKey(1);
    assert.throws(
      () => annealedImportanceSampling({ system, inverseTemperature: 0, steps: 5, chains: 4, key }),
      /inverseTemperature must be a finite number > 0/,
    );
    assert.throws(
      () => annealedImportanceSampling({ system, inverseTemperature: 1, chains: 4, key }),
      /steps is required/,
    );
    assert.throws(
      () => annealedImportanceSampling({ system, inverseTemperature: 1, steps: 5, chains: 1, key }),
      /chains must be an integer in \[2/,
    );
    assert.throws(
      () => annealedImportanceSampling({ system, inverseTemperature: 1, schedule: [0, 2], chains: 4, key }),
      /from 0 to inverseTemperature/,
    );
    assert.throws(
      () =>
        annealedImportanceSampling({
          system,
          inverseTemperature: 1,
          schedule: [0, 0.5, 0.5, 1],
          chains: 4,
          key,
        }),
      /increase strictly/,
    );
    assert.throws(() => inverseTemperatureLadder(1, 5, 'geometric', 1), /geometricStart must be in \(0, 1\)/);
  });
});
