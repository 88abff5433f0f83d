import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeKey } from '../../src/core/random/index.js';
import { edwardsAnderson, sherringtonKirkpatrick } from '../../src/models/spin-glass/index.js';
import {
  exactThermodynamics,
  gaussLegendreRule,
  simpsonRule,
  thermodynamicIntegration,
} from '../../src/partition/index.js';

/** |z| allowed between an estimate and the exact value. */
const Z_LIMIT = 4;

describe('thermodynamicIntegration', () => {
  it('has a negligible quadrature error with the default rules (checked with the exact ⟨E⟩)', () => {
    const system = sherringtonKirkpatrick({ size: 14, key: makeKey(500) });
    for (const beta of [1, 2]) {
      const exact = exactThermodynamics(system, beta)[0].logPartitionFunction;
      for (const rule of [gaussLegendreRule(16, 0, beta), simpsonRule(17, 0, beta)]) {
        const energies = exactThermodynamics(system, rule.nodes);
        const integral = energies.reduce((a, e, k) => a + rule.weights[k] * e.meanEnergy, 0);
        // Measured: 1e-12 (Gauss–Legendre) and ≤ 2e-4 (Simpson) at β = 2, far below the Monte Carlo errors.
        assert.ok(Math.abs(14 * Math.LN2 - integral - exact) < 1e-3, `β ${beta}`);
      }
    }
  });

  it('matches exact log Z, ⟨E⟩ and the entropy within the propagated errors', () => {
    const cases = [
      {
        system: sherringtonKirkpatrick({ size: 14, key: makeKey(500) }),
        beta: 1,
        quadrature: 'gauss-legendre' as const,
        nodes: 12,
      },
      {
        system: sherringtonKirkpatrick({ size: 14, key: makeKey(500) }),
        beta: 2,
        quadrature: 'gauss-legendre' as const,
        nodes: 12,
      },
      {
        system: edwardsAnderson({ dimension: 2, length: 4, key: makeKey(501) }),
        beta: 1,
        quadrature: 'simpson' as const,
        nodes: 13,
      },
    ];
    cases.forEach(({ system, beta, quadrature, nodes }, k) => {
      const [exact] = exactThermodynamics(system, beta);
      const result = thermodynamicIntegration({
        system,
        inverseTemperature: beta,
        nodes,
        quadrature,
        sweepsPerNode: 1000,
        key: makeKey(600 + k),
      });
      const z = (result.logPartitionFunction - exact.logPartitionFunction) / result.standardError;
      assert.ok(
        Math.abs(z) < Z_LIMIT,
        `case ${k}: log Z ${result.logPartitionFunction} vs ${exact.logPartitionFunction} (z = ${z})`,
      );
      const zEnergy = (result.meanEnergy - exact.meanEnergy) / result.meanEnergyError;
      assert.ok(Math.abs(zEnergy) < Z_LIMIT, `case ${k}: ⟨E⟩ z = ${zEnergy}`);
      const zEntropy = (result.entropyPerSpin - exact.entropyPerSpin) / result.entropyError;
      assert.ok(Math.abs(zEntropy) < Z_LIMIT, `case ${k}: entropy z = ${zEntropy}`);
      assert.ok(result.standardError > 0 && result.standardError < 0.1);
    });
  });

  it('validates its options', () => {
    const system = sherringtonKirkpatrick({ size: 6, key: makeKey(1) });
    const key = makeKey(1);
    assert.throws(
      () => thermodynamicIntegration({ system, inverseTemperature: 1, sweepsPerNode: 4, key }),
      /sweepsPerNode must be an integer in \[8/,
    );
    assert.throws(
      () =>
        thermodynamicIntegration({
          system,
          inverseTemperature: 1,
          sweepsPerNode: 10,
          quadrature: 'simpson',
          nodes: 4,
          key,
        }),
      /count must be odd/,
    );
    assert.throws(
      () =>
        thermodynamicIntegration({
          system,
          inverseTemperature: 1,
          sweepsPerNode: 10,
          quadrature: 'trapezoid' as 'simpson',
          key,
        }),
      /quadrature must be one of/,
    );
  });
});
