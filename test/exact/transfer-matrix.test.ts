/** The 1D transfer matrix against exact enumeration (periodic and open, with a field), and limits. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { enumerateIsing, isingChainTransferMatrix } from '../../src/exact/index.js';

const NAMES = [
  'logPartitionFunction',
  'energyPerSpin',
  'specificHeat',
  'entropyPerSpin',
  'magnetizationPerSpin',
  'susceptibilityConnected',
  'susceptibilityFromSecondMoment',
] as const;

describe('isingChainTransferMatrix', () => {
  it('equals exact enumeration for rings and open chains, any sign of J and h', () => {
    for (const boundary of ['periodic', 'open'] as const) {
      for (const [coupling, field] of [
        [1, 0.3],
        [-1, 0.3],
        [0.5, -1.2],
        [1, 0],
      ]) {
        for (const length of [2, 3, 8, 13]) {
          for (const temperature of [0.3, 1, 2.5]) {
            const exact = enumerateIsing({ dimension: 1, length, coupling, field, boundary }, temperature);
            const transfer = isingChainTransferMatrix({ length, temperature, coupling, field, boundary });
            for (const name of NAMES) {
              const scale = Math.max(1, Math.abs(exact[name]));
              assert.ok(
                Math.abs(transfer[name] - exact[name]) < 1e-12 * scale,
                `${boundary} N = ${length}, J = ${coupling}, h = ${field}, T = ${temperature}: ${name} ${transfer[name]} vs ${exact[name]}`,
              );
            }
          }
        }
      }
    }
  });

  it('stays exact for a frustrated ring at low temperature (J < 0, odd N)', () => {
    const exact = enumerateIsing({ dimension: 1, length: 11, coupling: -1 }, 0.05);
    const transfer = isingChainTransferMatrix({ length: 11, temperature: 0.05, coupling: -1 });
    assert.ok(
      Math.abs(transfer.logPartitionFunction - exact.logPartitionFunction) <
        1e-11 * exact.logPartitionFunction,
    );
    assert.ok(Math.abs(transfer.energyPerSpin - exact.energyPerSpin) < 1e-12);
    assert.ok(Math.abs(transfer.specificHeat - exact.specificHeat) < 1e-10);
  });

  it('approaches the infinite chain: u = −J tanh K, m = sinh H/√(sinh² H + e^{−4K})', () => {
    const ring = isingChainTransferMatrix({ length: 100000, temperature: 1.3 });
    assert.ok(Math.abs(ring.energyPerSpin - -Math.tanh(1 / 1.3)) < 1e-12);
    const k = 1 / 1.3;
    const h = 0.1 / 1.3;
    const inField = isingChainTransferMatrix({
      length: 2 ** 40,
      temperature: 1.3,
      field: 0.1,
      boundary: 'open',
    });
    const m = Math.sinh(h) / Math.sqrt(Math.sinh(h) ** 2 + Math.exp(-4 * k));
    assert.ok(Math.abs(inField.magnetizationPerSpin - m) < 1e-9);
  });

  it('rejects bad input naming the parameter', () => {
    assert.throws(
      () => isingChainTransferMatrix({ length: 1, temperature: 1 }),
      /length must be an integer in \[2/,
    );
    assert.throws(() => isingChainTransferMatrix({ length: 4, temperature: Number.NaN }), /temperature/);
    assert.throws(
      () => isingChainTransferMatrix({ length: 4, temperature: 1, boundary: 'twisted' as never }),
      /boundary/,
    );
  });
});
