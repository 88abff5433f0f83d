import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeKey } from '../../src/core/random/index.js';
import {
  edwardsAnderson,
  exactGroundState,
  sherringtonKirkpatrick,
  spinSystem,
} from '../../src/models/spin-glass/index.js';
import {
  entropyPerSpin,
  exactLogPartitionFunction,
  exactThermodynamics,
  freeEnergyPerSpin,
  gaussLegendreRule,
  logSumExp,
  simpsonRule,
} from '../../src/partition/index.js';
import { bruteForceEnergies } from '../models/spin-glass/helpers.js';

describe('exactThermodynamics', () => {
  it('equals a brute-force log-sum-exp, with and without field and symmetry', () => {
    for (const fields of [0, 0.3]) {
      const system = sherringtonKirkpatrick({ size: 14, key: makeKey(1), fields });
      const energies = bruteForceEnergies(system);
      for (const beta of [0, 0.7, 3, 40]) {
        const reference = logSumExp(energies.map((e) => -beta * e));
        const [result] = exactThermodynamics(system, beta);
        assert.ok(
          Math.abs(result.logPartitionFunction - reference) < 1e-11 * Math.max(1, Math.abs(reference)),
          `h ${fields} β ${beta}`,
        );
        const weights = energies.map((e) => Math.exp(-beta * e - reference));
        const mean = weights.reduce((a, w, c) => a + w * energies[c], 0);
        const variance = weights.reduce((a, w, c) => a + w * (energies[c] - mean) ** 2, 0);
        assert.ok(Math.abs(result.meanEnergy - mean) < 1e-10);
        assert.ok(Math.abs(result.energyVariance - variance) < 1e-9 * Math.max(1, variance));
      }
    }
  });

  it('matches the closed form of the periodic Ising chain: Z = (2 cosh βJ)^N + (2 sinh βJ)^N', () => {
    const size = 22;
    const ring = spinSystem({
      size,
      bonds: Array.from({ length: size }, (_, i) => [i, (i + 1) % size, 1] as [number, number, number]),
    });
    const betas = [0.1, 0.5, 1, 2];
    const results = exactThermodynamics(ring, betas);
    results.forEach((result, k) => {
      const b = betas[k];
      const exact = logSumExp([size * Math.log(2 * Math.cosh(b)), size * Math.log(2 * Math.sinh(b))]);
      assert.ok(Math.abs(result.logPartitionFunction - exact) < 1e-11, `β ${b}`);
    });
  });

  it('has ⟨E⟩ = −∂log Z/∂β and C = β² ∂²log Z/∂β², and the entropy limits ln 2 and ln(degeneracy)/N', () => {
    const system = edwardsAnderson({ dimension: 2, length: 4, key: makeKey(2) });
    const beta = 0.8;
    const h = 1e-4;
    const [minus, centre, plus] = exactThermodynamics(system, [beta - h, beta, beta + h]);
    const derivative = (plus.logPartitionFunction - minus.logPartitionFunction) / (2 * h);
    assert.ok(Math.abs(centre.meanEnergy + derivative) < 1e-6);
    const second =
      (plus.logPartitionFunction - 2 * centre.logPartitionFunction + minus.logPartitionFunction) / h ** 2;
    assert.ok(Math.abs(centre.specificHeatPerSpin - (beta * beta * second) / 16) < 1e-3);
    const [hot, cold] = exactThermodynamics(system, [0, 30]);
    assert.ok(Math.abs(hot.entropyPerSpin - Math.LN2) < 1e-12);
    assert.equal(hot.freeEnergyPerSpin, Number.NEGATIVE_INFINITY);
    const ground = exactGroundState(system);
    assert.ok(Math.abs(cold.entropyPerSpin - Math.log(ground.degeneracy) / 16) < 1e-9);
    assert.ok(Math.abs(cold.meanEnergy - ground.energy) < 1e-9);
    assert.equal(cold.groundStateEnergy, ground.energy);
    assert.ok(
      Math.abs(cold.freeEnergyPerSpin - freeEnergyPerSpin(cold.logPartitionFunction, 30, 16)) < 1e-15,
    );
    assert.ok(Math.abs(exactLogPartitionFunction(system, beta) - centre.logPartitionFunction) < 1e-12);
  });

  it('rejects bad temperatures and oversized systems', () => {
    const system = sherringtonKirkpatrick({ size: 5, key: makeKey(3) });
    assert.throws(() => exactThermodynamics(system, -1), /inverse temperature 0 must be a finite number ≥ 0/);
    assert.throws(() => exactThermodynamics(system, []), /non-empty array/);
    assert.throws(
      () => exactThermodynamics(sherringtonKirkpatrick({ size: 31, key: makeKey(3) }), 1),
      /≤ 30/,
    );
  });
});

describe('free energy, entropy and quadrature rules', () => {
  it('computes F/N and S/N from log Z', () => {
    assert.equal(freeEnergyPerSpin(10, 2, 5), -1);
    assert.equal(entropyPerSpin(-3, 10, 2, 4), 1);
    assert.throws(() => freeEnergyPerSpin(1, -1, 1), /inverseTemperature must be a finite number ≥ 0/);
    assert.throws(() => entropyPerSpin(1, 1, 1, 0), /size must be an integer/);
  });

  it('integrates polynomials exactly up to their degree', () => {
    for (const count of [1, 2, 5, 12, 40]) {
      const rule = gaussLegendreRule(count, -1, 3);
      for (let degree = 0; degree <= 2 * count - 1; degree++) {
        const value = rule.nodes.reduce((a, x, k) => a + rule.weights[k] * x ** degree, 0);
        const exact = (3 ** (degree + 1) - (-1) ** (degree + 1)) / (degree + 1);
        assert.ok(
          Math.abs(value - exact) < 1e-12 * Math.max(1, Math.abs(exact)),
          `n ${count} degree ${degree}`,
        );
      }
    }
    const simpson = simpsonRule(9, 0, 2);
    const cubic = simpson.nodes.reduce((a, x, k) => a + simpson.weights[k] * x ** 3, 0);
    assert.ok(Math.abs(cubic - 4) < 1e-14);
    assert.equal(simpson.nodes[8], 2);
    assert.throws(() => simpsonRule(4, 0, 1), /count must be odd/);
    assert.throws(() => gaussLegendreRule(3, 1, 1), /upper must be > lower/);
  });
});
