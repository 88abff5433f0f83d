import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { runExperiment } from '../../src/experiments/framework/runner.js';
import { pinnInverseHeat } from '../../src/experiments/pinn-inverse-heat.js';
import { getExperiment } from '../../src/experiments/registry.js';
import { assertResumesIdentically } from './pinn-resume.js';

const root = mkdtempSync(join(tmpdir(), 'physml-pinn-inverse-heat-'));
after(() => rmSync(root, { recursive: true, force: true }));

const run = (values: Record<string, unknown>) =>
  runExperiment({
    experiment: pinnInverseHeat,
    sources: [{ label: 'test', values }],
    seed: 0,
    outputDirectory: root,
  });

describe('pinn-inverse-heat experiment', () => {
  it('is registered and its tour recovers k within the stated bound', async () => {
    assert.equal(getExperiment('pinn-inverse-heat'), pinnInverseHeat);
    const { result } = await run({ ...pinnInverseHeat.tour });
    assert.ok(result.passed, JSON.stringify(result.checks));
    const m = result.metrics as Record<string, number>;
    const tour = pinnInverseHeat.tour as { conductivityBound: number; errorBound: number };
    // Default true k = 0.5, starting guess 0.1.
    assert.ok(Math.abs(m.recoveredConductivity - 0.5) < 0.5 * tour.conductivityBound, JSON.stringify(m));
    assert.equal(m.conductivityError, Math.abs(m.recoveredConductivity - 0.5) / 0.5);
    assert.ok(m.relativeL2 < tour.errorBound);
    assert.deepEqual(
      result.checks.map((check) => [check.metric, check.tolerance]),
      [
        ['conductivityError', tour.conductivityBound],
        ['relativeL2', tour.errorBound],
      ],
    );
    assert.deepEqual(
      result.plots.map((plot) => plot.kind),
      ['line', 'scatter', 'heatmap', 'heatmap', 'heatmap', 'line'],
    );
    // The k̂ trajectory starts at the guess and ends at the recovered value.
    const trajectory = result.plots[0] as unknown as { series: Array<{ y: number[] }> };
    assert.equal(trajectory.series[0].y[0], 0.1);
    assert.equal(trajectory.series[0].y.at(-1), m.recoveredConductivity);
    assert.deepEqual(
      result.tables[0].rows.map((row) => row[0]),
      ['residual', 'boundary', 'initial', 'data'],
    );
  });

  it('resumes after a checkpoint inside Adam with the same k̂, trajectory and loss curve', async () => {
    const values = {
      hiddenSizes: [6],
      interiorCount: 32,
      boundaryCount: 8,
      initialCount: 8,
      observationCount: 16,
      adamSteps: 10,
      lbfgsSteps: 10,
      checkpointEvery: 3,
      testPointsPerAxis: 5,
    };
    const { uninterrupted, resumed } = await assertResumesIdentically(pinnInverseHeat, values, 2, root);
    // The k̂ trajectory is restored from the checkpoint's φ history: one value per step.
    const trajectory = resumed.result.plots[0] as unknown as { series: Array<{ y: number[] }> };
    assert.equal(trajectory.series[0].y.length, 21);
    assert.deepEqual(resumed.result.plots[0], uninterrupted.result.plots[0]);
    assert.deepEqual(resumed.result.plots.at(-1), uninterrupted.result.plots.at(-1));
  });

  it('rejects out-of-range parameters, naming them', async () => {
    await assert.rejects(run({ noise: -0.1 }), /noise/);
    await assert.rejects(run({ observationCount: 0 }), /observationCount/);
    await assert.rejects(run({ initialConductivity: 0 }), /initialConductivity/);
    await assert.rejects(run({ includeConditions: 'yes' }), /includeConditions/);
    await assert.rejects(run({ checkpointEvery: 0.5 }), /checkpointEvery/);
  });
});
