import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { makeKey, split } from '../../src/core/random/index.js';
import { RunFailedError } from '../../src/experiments/framework/errors.js';
import { runExperiment } from '../../src/experiments/framework/runner.js';
import { partitionFunction } from '../../src/experiments/partition-function.js';
import { sherringtonKirkpatrick } from '../../src/models/spin-glass/index.js';
import { exactLogPartitionFunction } from '../../src/partition/index.js';

const root = mkdtempSync(join(tmpdir(), 'physml-partition-function-'));
after(() => rmSync(root, { recursive: true, force: true }));

const run = (values: Record<string, unknown>, seed = 0) =>
  runExperiment({
    experiment: partitionFunction,
    sources: [{ label: 'test', values }],
    seed,
    outputDirectory: root,
  });

type Estimate = { mean: number; stderr: number };

describe('partition-function experiment', () => {
  it('SK: AIS and TI agree with the exact log Z, F and S within their error bars', async () => {
    const { result } = await run({ size: 12, inverseTemperature: 1.5, aisSteps: 100, tiSweeps: 400 }, 2);
    assert.ok(result.passed, JSON.stringify(result.checks.filter((check) => !check.passed)));
    const m = result.metrics as Record<string, number & Estimate>;
    // The system is the SK instance of the run's first key: the exact value is reproduced independently.
    const system = sherringtonKirkpatrick({ size: 12, key: split(makeKey(2), 4)[0] });
    assert.ok(Math.abs(m.logPartitionFunctionExact - exactLogPartitionFunction(system, 1.5)) < 1e-12);
    // Jensen: log Z(β) ≥ N ln 2 − β⟨E⟩_{β=0}, and ⟨E⟩ = 0 at infinite temperature without a field.
    assert.ok(m.logPartitionFunctionExact > 12 * Math.LN2);
    assert.ok(Math.abs(m.freeEnergyPerSpinExact + m.logPartitionFunctionExact / (1.5 * 12)) < 1e-12);
    // 0 < S/N < ln 2 below infinite temperature.
    assert.ok(m.entropyPerSpinExact > 0 && m.entropyPerSpinExact < Math.LN2);
    for (const [estimate, deviation] of [
      ['logPartitionFunctionAis', 'aisDeviation'],
      ['logPartitionFunctionTi', 'tiDeviation'],
    ]) {
      const value = m[estimate];
      assert.ok(value.stderr > 0 && value.stderr < 0.1, `${estimate}: ${JSON.stringify(value)}`);
      assert.ok(Math.abs((value.mean - m.logPartitionFunctionExact) / value.stderr - m[deviation]) < 1e-9);
    }
    // F carries the log Z error scaled by 1/(βN).
    assert.ok(Math.abs(m.freeEnergyPerSpinAis.stderr - m.logPartitionFunctionAis.stderr / 18) < 1e-15);
    // A healthy anneal: most of the 100 chains count, and the two AIS error bars agree.
    assert.ok(m.aisEffectiveSampleSize > 50);
    const ratio = m.aisJackknifeStandardError / m.logPartitionFunctionAis.stderr;
    assert.ok(ratio > 0.5 && ratio < 2, String(ratio));
    // 16 Gauss–Legendre nodes integrate the smooth ⟨E⟩(β) of 12 spins essentially exactly.
    assert.ok(Math.abs(m.tiQuadratureError) < 1e-6);
    assert.deepEqual(
      result.plots.map((plot) => plot.kind),
      ['histogram', 'line', 'line'],
    );
  });

  it('short anneals are noisy: the error bar shrinks with K (2D ferromagnet, Simpson TI)', async () => {
    const { result } = await run({
      model: 'ferromagnet2d',
      length: 3,
      inverseTemperature: 0.4,
      aisSteps: 64,
      aisChains: 40,
      tiQuadrature: 'simpson',
      tiNodes: 9,
      tiSweeps: 200,
    });
    // The convergence plot: K = 1, 2, 4, 8, 16, 32, 64 steps, with a ±2σ band.
    const convergence = result.plots[2] as { series: Array<{ x: number[]; y: number[] }> };
    assert.deepEqual(convergence.series[0].x, [1, 2, 4, 8, 16, 32, 64]);
    const band = (k: number) => convergence.series[1].y[k] - convergence.series[2].y[k];
    // A single jump from β = 0 to 0.4 spreads the weights far more than 64 small steps do
    // (measured over seeds 0–2: 5 to 10 times wider).
    assert.ok(band(0) > 3 * band(6), `${band(0)} vs ${band(6)}`);
    const m = result.metrics as Record<string, number & Estimate>;
    assert.ok(result.passed, JSON.stringify(result.checks.filter((check) => !check.passed)));
    // Simpson with 9 nodes leaves a quadrature error far below the statistical one.
    assert.ok(Math.abs(m.tiQuadratureError) < 0.1 * m.logPartitionFunctionTi.stderr);
  });

  it('a resumed run gives the same numbers as an uninterrupted one', async () => {
    const params = { model: 'ea2d', length: 3, aisSteps: 20, aisChains: 40, tiNodes: 4, tiSweeps: 50 };
    const first = await run(params, 4);
    const interrupted = await runExperiment({
      experiment: partitionFunction,
      sources: [{ label: 'test', values: params }],
      seed: 4,
      outputDirectory: root,
      interruptAfterCheckpoints: 5,
    }).catch((error: unknown) => error);
    assert.ok(interrupted instanceof RunFailedError && interrupted.location.runDirectory);
    const resumed = await runExperiment({
      experiment: partitionFunction,
      resume: interrupted.location.runDirectory,
    });
    assert.deepEqual(resumed.result.metrics, first.result.metrics);
    assert.deepEqual(resumed.result.plots, first.result.plots);
  });

  it('refuses a lattice too large for the exact sum, naming the limit', async () => {
    await assert.rejects(run({ model: 'ea3d', length: 4 }), /length.*≤ 27/);
    await assert.rejects(run({ tiQuadrature: 'simpson', tiNodes: 8 }), /tiNodes.*odd/);
  });
});
