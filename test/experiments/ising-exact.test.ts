import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { enumerateIsing, isingChainTransferMatrix } from '../../src/exact/index.js';
import { ParameterError, runExperiment } from '../../src/experiments/framework/index.js';
import { isingExact, isingRowTransfer } from '../../src/experiments/ising-exact.js';
import type { IsingModelOptions } from '../../src/models/ising/index.js';

const out = mkdtempSync(join(tmpdir(), 'physml-ising-exact-'));
after(() => rmSync(out, { recursive: true, force: true }));

const run = async (values: Record<string, unknown>) =>
  (
    await runExperiment({
      experiment: isingExact,
      sources: [{ label: 'test', values }],
      seed: 0,
      outputDirectory: out,
    })
  ).result;

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

  it('refuses lattices beyond its reach', () => {
    assert.throws(() => isingRowTransfer({ dimension: 1, length: 1025 }, 1), /at most 1024 spins/);
    assert.throws(() => isingRowTransfer({ dimension: 2, length: 7 }, 1), /width ≤ 6/);
    assert.throws(
      () => isingRowTransfer({ dimension: 2, length: 4 }, 0),
      /temperature must be a finite number > 0/,
    );
  });
});

describe('ising-exact', () => {
  it('reproduces the published 4 × 4 values at T = 2 by three methods (the tour)', async () => {
    const result = await run({ ...isingExact.tour });
    assert.ok(result.passed, JSON.stringify(result.checks.filter((c) => !c.passed)));
    const published = result.checks.filter((check) =>
      [-1.75538028878, 0.918943267402, 17.105367118732].includes(check.reference),
    );
    assert.equal(published.length, 3);
    assert.match(String(result.reference.referenceMethods), /row transfer matrix.*Kaufman/);
    assert.ok((result.metrics.methodDisagreement as number) < 1e-13);
    // Two independent exact methods on every metric that Kaufman does not give.
    for (const metric of ['absMagnetization', 'susceptibility', 'binder', 'energyPerSpin', 'specificHeat']) {
      assert.ok(
        result.checks.some((check) => check.metric === metric),
        metric,
      );
    }
  });

  it('cross-checks an open antiferromagnet in a field, and a long chain', async () => {
    const open = await run({ L: 4, T: 1.3, J: -1, h: 0.4, boundary: 'open' });
    assert.ok(open.passed, JSON.stringify(open.checks.filter((c) => !c.passed)));
    assert.equal(open.reference.method, 'exact enumeration (Gray code)');
    const chain = await run({ dimension: 1, L: 200, T: 0.8, h: 0.1 });
    assert.ok(chain.passed, JSON.stringify(chain.checks.filter((c) => !c.passed)));
    assert.match(String(chain.reference.referenceMethods), /eigenvalues/);
    // In a field a chain is magnetised along it.
    assert.ok((chain.metrics.magnetization as number) > 0.5);
  });

  it('refuses a 2D lattice too large to enumerate', async () => {
    const empty = mkdtempSync(join(out, 'refused-'));
    await assert.rejects(
      runExperiment({
        experiment: isingExact,
        sources: [{ label: 't', values: { L: 6 } }],
        outputDirectory: empty,
      }),
      (error: unknown) =>
        error instanceof ParameterError && /must be ≤ 5 for a 2D lattice/.test(error.message),
    );
    assert.deepEqual(readdirSync(empty), []);
  });
});
