import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { runExperiment } from '../../src/experiments/framework/runner.js';
import { pinnPoisson } from '../../src/experiments/pinn-poisson.js';
import { getExperiment } from '../../src/experiments/registry.js';
import { assertResumesIdentically } from './pinn-resume.js';

const root = mkdtempSync(join(tmpdir(), 'physml-pinn-poisson-'));
after(() => rmSync(root, { recursive: true, force: true }));

const run = (values: Record<string, unknown>) =>
  runExperiment({
    experiment: pinnPoisson,
    sources: [{ label: 'test', values }],
    seed: 0,
    outputDirectory: root,
  });

describe('pinn-poisson experiment', () => {
  it('is registered and its tour solves the Poisson problem within the stated bound', async () => {
    assert.equal(getExperiment('pinn-poisson'), pinnPoisson);
    const { result } = await run({ ...pinnPoisson.tour });
    assert.ok(result.passed, JSON.stringify(result.checks));
    const m = result.metrics as Record<string, number>;
    const bound = pinnPoisson.tour?.errorBound as number;
    assert.ok(m.relativeL2 < bound && m.maxError < 10 * bound, JSON.stringify(m));
    assert.deepEqual(
      result.checks.map((check) => [check.metric, check.tolerance]),
      [['relativeL2', bound]],
    );
    assert.deepEqual(
      result.plots.map((plot) => plot.kind),
      ['heatmap', 'heatmap', 'heatmap', 'line'],
    );
    // The exact map: sin πx sin πy is 1 at the centre cell (row 25, column 25 of 51).
    const exact = result.plots[1] as unknown as { values: number[] };
    assert.ok(Math.abs(exact.values[25 * 51 + 25] - 1) < 1e-12);
    assert.deepEqual(
      result.tables[0].rows.map((row) => row[0]),
      ['residual', 'boundary'],
    );
  });

  it('resumes after a checkpoint on a resample step with the same numbers and loss curve', async () => {
    // Resampled every 4 Adam steps and checkpointed every 4: the second checkpoint (step 8)
    // falls on a resample, where Adam's next step still uses the gradient of the old batch.
    const values = {
      hiddenSizes: [6],
      interiorCount: 32,
      boundaryCount: 16,
      adamSteps: 10,
      lbfgsSteps: 6,
      resampleEvery: 4,
      checkpointEvery: 4,
      testPointsPerAxis: 5,
    };
    const { uninterrupted, resumed } = await assertResumesIdentically(pinnPoisson, values, 2, root);
    assert.deepEqual(resumed.result.plots.at(-1), uninterrupted.result.plots.at(-1));
  });

  it('rejects out-of-range parameters, naming them', async () => {
    await assert.rejects(run({ interiorCount: 0 }), /interiorCount/);
    await assert.rejects(run({ boundaryWeight: -1 }), /boundaryWeight/);
    await assert.rejects(run({ learningRate: 0 }), /learningRate/);
    await assert.rejects(run({ sampling: 'sobol' }), /sampling/);
    await assert.rejects(run({ checkpointEvery: 100001 }), /checkpointEvery/);
  });
});
