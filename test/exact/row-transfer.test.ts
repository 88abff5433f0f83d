/** The row transfer matrix against exact enumeration (2D and 1D, every boundary) and the chain's transfer matrix. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  enumerateIsing,
  isingChainTransferMatrix,
  isingRowTransfer,
  MAX_ROW_TRANSFER_CHAIN,
} from '../../src/exact/index.js';
import type { IsingModelOptions } from '../../src/models/ising/index.js';

const fields = [
  'logPartitionFunction',
  'energyPerSpin',
  'specificHeat',
  'magnetizationPerSpin',
  'absMagnetizationPerSpin',
  'susceptibility',
  'susceptibilityConnected',
  'binder',
] as const;

describe('isingRowTransfer', () => {
  it('matches exact enumeration on lattices of every kind, to 1e-12', () => {
    const cases: Array<[IsingModelOptions, number]> = [
      [{ dimension: 2, length: 4 }, 2],
      [{ dimension: 2, length: 2 }, 1.5], // double bonds on both periodic sides
      [{ dimension: 2, length: 3, boundary: 'open', coupling: -1, field: 0.3 }, 1.1],
      [{ dimension: 2, length: 5, height: 3, field: -0.4 }, 2.5],
      [{ dimension: 1, length: 12, field: 0.4 }, 0.7],
      [{ dimension: 1, length: 7, coupling: -2, field: 1, boundary: 'open' }, 0.3],
      // A frustrated antiferromagnet in a field at very low T: the best configurations look bad
      // row by row, so a recursion that dropped small weights would lose them.
      [{ dimension: 2, length: 5, coupling: -5, field: 5 }, 0.02],
    ];
    for (const [model, temperature] of cases) {
      const exact = enumerateIsing(model, temperature);
      const rows = isingRowTransfer(model, temperature);
      for (const field of fields) {
        const scale = Math.max(1, Math.abs(exact[field]));
        assert.ok(
          Math.abs(rows[field] - exact[field]) <= 1e-12 * scale,
          `${JSON.stringify(model)} T = ${temperature}: ${field} ${rows[field]} vs ${exact[field]}`,
        );
      }
      const total = rows.magnetizationDistribution.reduce((a, b) => a + b, 0);
      assert.ok(Math.abs(total - 1) < 1e-14);
    }
  });

  it('matches the eigenvalue transfer matrix on a long chain', () => {
    const options = { length: 500, temperature: 0.9, coupling: 1, field: 0.05 };
    const rows = isingRowTransfer({ dimension: 1, ...options }, options.temperature);
    const chain = isingChainTransferMatrix(options);
    assert.ok(Math.abs(rows.logPartitionFunction / chain.logPartitionFunction - 1) < 1e-13);
    assert.ok(Math.abs(rows.energyPerSpin - chain.energyPerSpin) < 1e-12);
    assert.ok(Math.abs(rows.specificHeat - chain.specificHeat) < 1e-12);
    assert.ok(Math.abs(rows.susceptibilityConnected / chain.susceptibilityConnected - 1) < 1e-10);
  });

  it('keeps specific heats of 10⁻⁸³ and 10⁻²⁹⁸ exact relative to them (T = 0.02, J = −5)', () => {
    // Weights are carried as logs of size |E|/T ≈ 1.6·10⁴, so ratios of weights hold to about
    // 1.6·10⁴ ε ≈ 4·10⁻¹² relative: a tolerance of 10⁻¹⁰.
    for (const [boundary, field] of [
      ['periodic', 3],
      ['open', 5],
    ] as const) {
      const options = { length: 64, temperature: 0.02, coupling: -5, field, boundary };
      const rows = isingRowTransfer({ dimension: 1, ...options }, options.temperature);
      const chain = isingChainTransferMatrix(options);
      assert.ok(chain.specificHeat > 0 && chain.specificHeat < 1e-80);
      for (const name of ['specificHeat', 'susceptibilityConnected', 'logPartitionFunction'] as const) {
        assert.ok(
          Math.abs(rows[name] / chain[name] - 1) < 1e-10,
          `${boundary}: ${name} ${rows[name]} vs ${chain[name]}`,
        );
      }
    }
  });

  it('refuses lattices beyond its reach', () => {
    assert.throws(
      () => isingRowTransfer({ dimension: 1, length: MAX_ROW_TRANSFER_CHAIN + 1 }, 1),
      /at most 1024 spins/,
    );
    assert.throws(() => isingRowTransfer({ dimension: 2, length: 7 }, 1), /width ≤ 6/);
    assert.throws(
      () => isingRowTransfer({ dimension: 2, length: 4 }, 0),
      /temperature must be a finite number > 0/,
    );
  });
});
