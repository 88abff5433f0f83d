import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { RunFailedError } from '../../src/experiments/framework/errors.js';
import { evaluateCheck } from '../../src/experiments/framework/result.js';
import { runExperiment } from '../../src/experiments/framework/runner.js';
import { HNN_ENERGY_RATIO_LIMITS, hnn } from '../../src/experiments/hnn.js';
import { atMostCheck, meanEnergyError, shownTrajectories } from '../../src/experiments/hnn-report.js';
import { getExperiment } from '../../src/experiments/registry.js';

const root = mkdtempSync(join(tmpdir(), 'physml-hnn-'));
after(() => rmSync(root, { recursive: true, force: true }));

const run = (values: Record<string, unknown>, seed = 0, extra = {}) =>
  runExperiment({
    experiment: hnn,
    sources: [{ label: 'test', values }],
    seed,
    outputDirectory: root,
    ...extra,
  });

/** A run too small to learn anything, for the plumbing tests. */
const tiny = {
  hiddenSizes: [4],
  steps: 5,
  trainTrajectories: 2,
  testTrajectories: 2,
  pointsPerTrajectory: 5,
  rolloutTime: 2,
  rolloutStepSize: 0.1,
};

describe('hnn experiment', () => {
  it('is registered and declares a quick tour', () => {
    assert.equal(getExperiment('hnn'), hnn);
    assert.ok(hnn.tour !== undefined);
  });

  it('tour: the HNN conserves the spring’s energy far better than the baseline, and passes its checks', async () => {
    const { result } = await run(hnn.tour ?? {});
    assert.ok(result.passed, JSON.stringify(result.checks.filter((check) => !check.passed)));
    const m = result.metrics as Record<string, number>;
    // Measured with seed 0: field MSE 9.8e-3 vs 9.6e-3; energy MSE 2.9e-4 vs 25 (the baseline’s
    // orbits escape within t = 300); integrator share 1.3e-4; energy drift 0.016 vs 5.6.
    // Both fit the field to the noise floor (σ² = 0.01 on the inputs): the fit does not separate them.
    assert.ok(m.hnnVectorFieldMse < 0.015 && m.baselineVectorFieldMse < 0.015, JSON.stringify(m));
    assert.ok(m.hnnEnergyMse < 1e-3, `HNN energy MSE ${m.hnnEnergyMse}`);
    assert.ok(m.energyMseRatio < HNN_ENERGY_RATIO_LIMITS['mass-spring'], `ratio ${m.energyMseRatio}`);
    assert.ok(
      m.baselineEnergyDrift > 10 * m.hnnEnergyDrift,
      `${m.hnnEnergyDrift} vs ${m.baselineEnergyDrift}`,
    );
    assert.ok(m.integratorShare < 1e-2, `integrator share ${m.integratorShare}`);
    assert.deepEqual(
      result.checks.map((check) => check.metric),
      ['energyMseRatio', 'integratorShare'],
    );
    assert.deepEqual(
      result.plots.map((plot) => plot.kind),
      ['line', 'line', 'line', 'line'],
    );
    // Phase portrait: true, HNN and baseline, two test trajectories each.
    const portrait = result.plots[0] as { series: Array<{ name: string; x: number[] }> };
    assert.equal(portrait.series.length, 6);
    assert.equal(result.tables[0].rows.length, 2);
  });

  it('runs the pendulum and two-body systems (plumbing at a tiny size)', async () => {
    for (const system of ['pendulum', 'two-body']) {
      const { result } = await run({ ...tiny, system });
      assert.ok(Number.isFinite(result.metrics.hnnEnergyMse as number), system);
      assert.ok((result.metrics.integratorEnergyMse as number) < 1e-6, system);
    }
  });

  it('resumes from its checkpoint to the same numbers', async () => {
    const first = await run(tiny, 3);
    const interrupted = await run(tiny, 3, { interruptAfterCheckpoints: 1 }).catch((error: unknown) => error);
    assert.ok(interrupted instanceof RunFailedError && interrupted.location.runDirectory);
    const resumed = await runExperiment({ experiment: hnn, resume: interrupted.location.runDirectory });
    assert.deepEqual(resumed.result.metrics, first.result.metrics);
  });

  it('rejects out-of-range parameters, naming them', async () => {
    await assert.rejects(run({ system: 'double-pendulum' }), /system/);
    await assert.rejects(run({ noiseStd: 2 }), /noiseStd/);
    await assert.rejects(run({ hiddenSizes: [] }), /hiddenSizes/);
    await assert.rejects(run({ rolloutStepSize: 0 }), /rolloutStepSize/);
    await assert.rejects(run({ trainTrajectories: 0 }), /trainTrajectories/);
  });
});

describe('hnn report helpers', () => {
  it('atMostCheck passes at or below its limit and fails above it', () => {
    const check = atMostCheck('energyMseRatio', 1e-2);
    assert.equal(evaluateCheck(check, 2e-3).passed, true);
    assert.equal(evaluateCheck(check, 1e-2).passed, true);
    assert.equal(evaluateCheck(check, 0.6).passed, false);
    assert.throws(() => atMostCheck('x', -1), /limit/);
  });

  it('shows the trajectories of median and of highest initial energy', () => {
    // Four trajectories; frame 0 holds their initial energies, frame 1 is ignored.
    const energies = Float64Array.of(0.5, 0.1, 0.9, 0.3, 9, 9, 9, 9);
    assert.deepEqual(shownTrajectories(energies, 4), [3, 2]);
    assert.deepEqual(shownTrajectories(Float64Array.of(1), 1), [0]);
  });

  it('meanEnergyError averages |H(t) − H(0)| over trajectories', () => {
    // Two trajectories, three frames: energies [frame][trajectory].
    const errors = meanEnergyError(Float64Array.of(1, 2, 1.5, 2, 0.5, 3), 2);
    assert.deepEqual(errors, [0, 0.25, 0.75]);
  });
});
