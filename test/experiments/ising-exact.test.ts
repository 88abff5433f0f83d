import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { ParameterError, runExperiment } from '../../src/experiments/framework/index.js';
import { isingExact } from '../../src/experiments/ising-exact.js';

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

  it('agrees across methods on a chain at extreme couplings (T = 0.02, J = −5)', async () => {
    // The eigenvalue transfer matrix once gave C ≈ −1.25·10⁵ on an even ring with h = 3 and C off
    // by 10⁻⁷ on an open chain with h = 5; every method now agrees. (An even
    // ring's Néel ground state has M = 0, so ⟨m²⟩² underflows and U is not finite: an odd ring.)
    for (const [boundary, L, h] of [
      ['periodic', 11, 3],
      ['open', 12, 5],
    ] as const) {
      const result = await run({ dimension: 1, L, T: 0.02, J: -5, h, boundary });
      assert.ok(result.passed, JSON.stringify(result.checks.filter((c) => !c.passed)));
      assert.match(String(result.reference.referenceMethods), /row transfer.*eigenvalues/);
      // The reference shown is the last method's, the eigenvalue transfer matrix (the old formula gave 4.5·10⁴
      // and 9.5·10⁻¹¹ here). Enumeration, the primary, rounds C to about (ε E)²/(N T²) ≈ 10⁻²⁶.
      const heat = result.reference.specificHeat as number;
      assert.ok(heat > 0 && heat < 1e-80, String(heat));
    }
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
