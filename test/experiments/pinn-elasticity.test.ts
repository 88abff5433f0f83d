import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { runExperiment } from '../../src/experiments/framework/runner.js';
import { pinnElasticity } from '../../src/experiments/pinn-elasticity.js';
import { getExperiment } from '../../src/experiments/registry.js';
import { assertResumesIdentically } from './pinn-resume.js';

const root = mkdtempSync(join(tmpdir(), 'physml-pinn-elasticity-'));
after(() => rmSync(root, { recursive: true, force: true }));

const run = (values: Record<string, unknown>) =>
  runExperiment({
    experiment: pinnElasticity,
    sources: [{ label: 'test', values }],
    seed: 0,
    outputDirectory: root,
  });

describe('pinn-elasticity experiment', () => {
  it('is registered and its tour learns both displacements within the stated bound', async () => {
    assert.equal(getExperiment('pinn-elasticity'), pinnElasticity);
    const { result } = await run({ ...pinnElasticity.tour });
    assert.ok(result.passed, JSON.stringify(result.checks));
    const m = result.metrics as Record<string, number>;
    const bound = pinnElasticity.tour?.errorBound as number;
    assert.ok(m.relativeL2 < bound, JSON.stringify(m));
    // The field error lies between the errors of its components (‖u‖ and ‖v‖ are comparable).
    assert.ok(m.relativeL2 <= Math.max(m.relativeL2U, m.relativeL2V) + 1e-12);
    assert.ok(m.relativeL2 >= Math.min(m.relativeL2U, m.relativeL2V) - 1e-12);
    assert.deepEqual(
      result.plots.map((plot) => plot.kind),
      ['heatmap', 'heatmap', 'heatmap', 'heatmap', 'heatmap', 'heatmap', 'line'],
    );
    // Exact maps: u = sin πx sin πy and v = ½ sin 2πx sin πy at (x, y) = (0.24, 0.5) (row 25, column 12).
    const [u, v] = [result.plots[1], result.plots[4]] as unknown as Array<{ values: number[] }>;
    assert.ok(Math.abs(u.values[25 * 51 + 12] - Math.sin(0.24 * Math.PI)) < 1e-12);
    assert.ok(Math.abs(v.values[25 * 51 + 12] - 0.5 * Math.sin(0.48 * Math.PI)) < 1e-12);
    assert.deepEqual(
      result.tables[0].rows.map((row) => row[0]),
      ['residual', 'boundary u', 'boundary v'],
    );
  });

  it('resumes after a checkpoint inside L-BFGS with the same numbers and loss curve', async () => {
    // Checkpoints at steps 4 and 8 (Adam), 10 (the switch), 12 and 16 (L-BFGS): resumed after 12.
    const values = {
      hiddenSizes: [6],
      interiorCount: 32,
      boundaryCount: 16,
      adamSteps: 10,
      lbfgsSteps: 10,
      checkpointEvery: 4,
      testPointsPerAxis: 5,
    };
    const { uninterrupted, resumed } = await assertResumesIdentically(pinnElasticity, values, 4, root);
    assert.deepEqual(resumed.result.plots.at(-1), uninterrupted.result.plots.at(-1));
  });

  it('rejects out-of-range parameters, naming them', async () => {
    await assert.rejects(run({ poissonRatio: 0.5 }), /poissonRatio/);
    await assert.rejects(run({ youngsModulus: 0 }), /youngsModulus/);
    await assert.rejects(run({ boundaryCount: 0 }), /boundaryCount/);
    await assert.rejects(run({ checkpointEvery: -1 }), /checkpointEvery/);
  });
});
