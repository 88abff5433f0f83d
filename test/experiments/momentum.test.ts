import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { runExperiment } from '../../src/experiments/framework/runner.js';
import { fittedRate, momentum } from '../../src/experiments/momentum.js';

const out = mkdtempSync(join(tmpdir(), 'physml-momentum-'));
after(() => rmSync(out, { recursive: true, force: true }));

describe('momentum', () => {
  it('accelerates by about √κ at Polyak’s rates and conserves the frictionless energy to O(h²)', async () => {
    const { result } = await runExperiment({
      experiment: momentum,
      sources: [{ label: 'test', values: { dimension: 30, conditionNumber: 400 } }],
      seed: 2,
      outputDirectory: out,
    });
    assert.ok(result.passed, JSON.stringify(result.checks.filter((c) => !c.passed)));
    const m = result.metrics as Record<string, number>;
    // √κ = 20: both momentum methods need several times fewer steps than gradient descent.
    assert.ok(m.heavyBallIterations * 5 < m.gradientDescentIterations);
    assert.ok(m.nesterovIterations * 5 < m.gradientDescentIterations);
    assert.ok(m.heavyBallIterations < m.nesterovIterations);
    // Rates: (κ−1)/(κ+1) = 0.995, (√κ−1)/(√κ+1) = 0.9048, 1 − 1/√κ = 0.95.
    assert.ok(Math.abs(m.gradientDescentRate - 399 / 401) < 0.1 * (2 / 401));
    assert.ok(Math.abs(m.heavyBallRate - 19 / 21) < 0.05 * (2 / 21));
    assert.ok(m.heavyBallRate < m.nesterovRate && m.nesterovRate < m.gradientDescentRate);
    // Second order: halving h divides the oscillation by 4. With h = 0.1·2/√λmax and a tenth of the
    // energy in the stiffest mode, the oscillation is 0.1·h²λmax/4 = 0.001.
    assert.ok(Math.abs(m.oscillationRatio - 4) < 0.02, String(m.oscillationRatio));
    assert.ok(m.energyOscillation > 0.0009 && m.energyOscillation < 0.0011, String(m.energyOscillation));
    assert.equal(result.plots.length, 3);
  });

  it('fits rates, removing the k factor of a double root when asked', () => {
    const pure = Array.from({ length: 101 }, (_, k) => 0.9 ** k);
    assert.ok(Math.abs(fittedRate(pure, false) - 0.9) < 1e-12);
    const jordan = Array.from({ length: 101 }, (_, k) => k * 0.9 ** k);
    assert.ok(Math.abs(fittedRate(jordan, true) - 0.9) < 1e-12);
    // Without removing it, k·r^k looks slower than r^k: the bias the correction exists for.
    assert.ok(fittedRate(jordan, false) > 0.91);
  });
});
