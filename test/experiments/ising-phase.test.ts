import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { makeKey } from '../../src/core/random/index.js';
import { CRITICAL_TEMPERATURE } from '../../src/exact/index.js';
import { ParameterError, runExperiment } from '../../src/experiments/framework/index.js';
import { analyzeBinderCrossings, binderCrossing } from '../../src/experiments/ising-binder-crossing.js';
import { isingPhase } from '../../src/experiments/ising-phase.js';

const out = mkdtempSync(join(tmpdir(), 'physml-ising-phase-'));
after(() => rmSync(out, { recursive: true, force: true }));

const estimates = (values: number[], stderr = 0.001) => values.map((mean) => ({ mean, stderr }));

describe('binderCrossing', () => {
  const temperatures = [2.1, 2.2, 2.3, 2.4, 2.5];

  it('finds the crossing of two straight lines exactly', () => {
    const smaller = estimates(temperatures.map((t) => 0.6 - 0.5 * (t - 2.27)));
    const larger = estimates(temperatures.map((t) => 0.6 - 1.5 * (t - 2.27)));
    const crossing = binderCrossing(temperatures, smaller, larger);
    assert.ok(crossing !== undefined);
    assert.ok(Math.abs(crossing.temperature - 2.27) < 1e-12);
    assert.ok(Math.abs(crossing.binder - 0.6) < 1e-12);
  });

  it('follows the curvature of the difference (where linear interpolation is biased)', () => {
    // d(T) = −(T − 2.27) − 4 (T − 2.27)², concave: the secant's root is off by about 0.01.
    const smaller = estimates(temperatures.map(() => 0.6));
    const larger = estimates(temperatures.map((t) => 0.6 - (t - 2.27) - 4 * (t - 2.27) ** 2));
    const crossing = binderCrossing(temperatures, smaller, larger);
    assert.ok(crossing !== undefined);
    assert.ok(Math.abs(crossing.temperature - 2.27) < 1e-9, String(crossing.temperature));
  });

  it('reports no crossing when the curves do not cross in the range', () => {
    const smaller = estimates(temperatures.map((t) => 0.6 - 0.5 * t));
    const larger = estimates(temperatures.map((t) => 0.7 - 0.5 * t));
    assert.equal(binderCrossing(temperatures, smaller, larger), undefined);
  });
});

describe('analyzeBinderCrossings', () => {
  const temperatures = [2.1, 2.2, 2.3, 2.4, 2.5];
  const smaller = estimates(temperatures.map((t) => 0.6 - 0.5 * (t - 2.27)));
  const larger = estimates(temperatures.map((t) => 0.6 - 1.5 * (t - 2.27)));

  it('combines the crossings with a bootstrap error of the size the noise implies', () => {
    const analysis = analyzeBinderCrossings([8, 16], temperatures, [smaller, larger], 400, makeKey(1));
    assert.equal(analysis.found, 1);
    assert.equal(analysis.replicatesWithCrossing[0], 400);
    assert.ok(analysis.criticalTemperature !== undefined && analysis.binderAtCrossing !== undefined);
    assert.ok(Math.abs(analysis.criticalTemperature.mean - 2.27) < 1e-12);
    assert.ok(Math.abs(analysis.binderAtCrossing.mean - 0.6) < 1e-12);
    // d = U₁₆ − U₈ has slope −1 and noise √2·0.001 per point: σ(T*) ≈ 1.4·10⁻³ from the two
    // bracketing points, less from the quadratic fit over four (1.1·10⁻³ over 20 keys; 400
    // replicates pin it to ±4%).
    const sigma = analysis.criticalTemperature.stderr;
    assert.ok(sigma > 8e-4 && sigma < 1.5e-3, String(sigma));
    assert.equal(analysis.pairErrors[0], sigma);
  });

  it('reports no estimate when no pair crosses', () => {
    const shifted = estimates(temperatures.map((t) => 0.7 - 0.5 * t));
    const flat = estimates(temperatures.map((t) => 0.6 - 0.5 * t));
    const analysis = analyzeBinderCrossings([8, 16], temperatures, [shifted, flat], 50, makeKey(2));
    assert.equal(analysis.found, 0);
    assert.equal(analysis.criticalTemperature, undefined);
    assert.equal(analysis.binderAtCrossing, undefined);
  });
});

describe('ising-phase', () => {
  it('estimates T_c from the crossing of L = 8 and 16 (the tour)', async () => {
    const { result } = await runExperiment({
      experiment: isingPhase,
      sources: [{ label: 'test', values: { ...isingPhase.tour } }],
      seed: 2,
      outputDirectory: out,
    });
    assert.ok(result.passed, JSON.stringify(result.checks.filter((c) => !c.passed)));
    const estimate = result.metrics.criticalTemperature as { mean: number; stderr: number };
    assert.ok(Math.abs(estimate.mean - CRITICAL_TEMPERATURE) < 0.03, JSON.stringify(estimate));
    assert.ok(estimate.stderr > 0.001 && estimate.stderr < 0.02, JSON.stringify(estimate));
    assert.equal(result.metrics.crossingsFound, 1);
    // Every point agrees with Kaufman's exact energy of its own lattice.
    assert.ok((result.metrics.energyMaxDeviation as number) < 4.5);
    // U at the crossing is near the universal 0.61 (finite-size corrections at L = 8 are small).
    const binder = result.metrics.binderAtCrossing as { mean: number };
    assert.ok(Math.abs(binder.mean - 0.611) < 0.02, String(binder.mean));
    assert.equal(result.plots.length, 6);
    assert.equal(result.tables[1].rows.length, 12);
  });

  it('refuses a single size and an empty temperature range', async () => {
    for (const values of [{ sizes: [8, 8] }, { temperatureMin: 2.4, temperatureMax: 2.2 }]) {
      await assert.rejects(
        runExperiment({ experiment: isingPhase, sources: [{ label: 't', values }], outputDirectory: out }),
        (error: unknown) => error instanceof ParameterError,
      );
    }
  });
});
