import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { CheckpointError } from '../../src/experiments/framework/errors.js';
import { runExperiment } from '../../src/experiments/framework/runner.js';
import { PINN_HEAT_DEFAULT_BOUNDS, pinnHeat } from '../../src/experiments/pinn-heat.js';
import { getExperiment } from '../../src/experiments/registry.js';
import { assertResumesIdentically, interruptedRun } from './pinn-resume.js';

const root = mkdtempSync(join(tmpdir(), 'physml-pinn-heat-'));
after(() => rmSync(root, { recursive: true, force: true }));

const run = (values: Record<string, unknown>) =>
  runExperiment({
    experiment: pinnHeat,
    sources: [{ label: 'test', values }],
    seed: 0,
    outputDirectory: root,
  });

interface Heatmap {
  kind: string;
  title: string;
  values: number[];
  rows: number;
  columns: number;
}

describe('pinn-heat experiment', () => {
  it('is registered and its tour learns the 1D heat equation within the stated bound', async () => {
    assert.equal(getExperiment('pinn-heat'), pinnHeat);
    const { result } = await run({ ...pinnHeat.tour });
    assert.ok(result.passed, JSON.stringify(result.checks));
    const m = result.metrics as Record<string, number>;
    // The tour bound is 5e-2 (measured 1.1e-2 with seed 0); an untrained network is at ~1.
    assert.ok(m.relativeL2 < 0.05 && m.maxError < 0.2, JSON.stringify(m));
    assert.ok(m.trainingSeconds > 0 && m.finalLoss > 0);
    assert.deepEqual(
      result.checks.map((check) => [check.metric, check.tolerance]),
      [['relativeL2', 0.05]],
    );
    assert.deepEqual(
      result.plots.map((plot) => plot.kind),
      ['heatmap', 'heatmap', 'heatmap', 'line'],
    );
    // The loss curve: Adam, L-BFGS and the switch marker at step 100.
    const curve = result.plots[3] as { series: Array<{ name: string; x: number[] }> };
    assert.deepEqual(
      curve.series.map((series) => series.name),
      ['Adam', 'L-BFGS', 'switch to L-BFGS'],
    );
    assert.deepEqual(curve.series[2].x, [100, 100]);
    // Exact map, row 0 at t = T: e^{−kπ²T} sin πx, at its middle column x = 0.5.
    const exact = result.plots[1] as unknown as Heatmap;
    assert.ok(Math.abs(exact.values[25] - Math.exp(-0.1 * Math.PI ** 2)) < 1e-12);
    assert.ok(Math.abs(exact.values[50 * 51 + 25] - 1) < 1e-12);
  });

  it('runs in 2D with maps at three times, and the default bound depends on the dimension', async () => {
    const { result } = await run({
      dimension: 2,
      hiddenSizes: [6],
      interiorCount: 32,
      boundaryCount: 16,
      initialCount: 16,
      adamSteps: 5,
      lbfgsSteps: 3,
      testPointsPerAxis: 5,
    });
    const maps = result.plots.filter((plot) => plot.kind === 'heatmap') as unknown as Heatmap[];
    assert.equal(maps.length, 9);
    assert.deepEqual(
      maps.filter((_, i) => i % 3 === 0).map((map) => map.title),
      ['PINN prediction of u at t = 0', 'PINN prediction of u at t = 0.5', 'PINN prediction of u at t = 1'],
    );
    // Error = prediction − exact, cell by cell.
    const [predicted, exact, error] = maps;
    for (const i of [0, 700, 1300, 2600]) {
      assert.ok(Math.abs(error.values[i] - (predicted.values[i] - exact.values[i])) < 1e-15);
    }
    assert.equal(result.checks[0].tolerance, PINN_HEAT_DEFAULT_BOUNDS[2]);
  });

  // Checkpoints at steps 4 and 8 (Adam), 10 (the switch to L-BFGS), 12 and 16 (L-BFGS).
  const tiny = {
    hiddenSizes: [6],
    interiorCount: 32,
    boundaryCount: 8,
    initialCount: 8,
    adamSteps: 10,
    lbfgsSteps: 10,
    checkpointEvery: 4,
    testPointsPerAxis: 5,
  };

  it('1D: resumes after a checkpoint inside Adam with the same numbers and loss curve', async () => {
    const { uninterrupted, resumed } = await assertResumesIdentically(pinnHeat, tiny, 2, root);
    assert.deepEqual(resumed.result.plots.at(-1), uninterrupted.result.plots.at(-1));
    assert.deepEqual(resumed.result.tables, uninterrupted.result.tables);
  });

  it('2D: resumes after a checkpoint inside L-BFGS with the same numbers and loss curve', async () => {
    const values = { ...tiny, dimension: 2 };
    const { uninterrupted, resumed } = await assertResumesIdentically(pinnHeat, values, 4, root);
    assert.deepEqual(resumed.result.plots.at(-1), uninterrupted.result.plots.at(-1));
  });

  it('refuses a checkpoint from another run or with a corrupt training state, saying what is wrong', async () => {
    const runDirectory = await interruptedRun(pinnHeat, tiny, 2, root);
    const path = join(runDirectory, 'checkpoint.json');
    const original = readFileSync(path, 'utf8');
    const resume = () => runExperiment({ experiment: pinnHeat, resume: runDirectory });
    // A checkpoint of a run with a wider network: the framework refuses its parameter hash.
    const other = await interruptedRun(pinnHeat, { ...tiny, hiddenSizes: [7] }, 2, root);
    writeFileSync(path, readFileSync(join(other, 'checkpoint.json')));
    await assert.rejects(resume(), /saved with other parameters/);
    // The right run, but a training state for another network: the differing fields are named.
    const file = JSON.parse(original);
    file.state.plan.sizes = [2, 7, 1];
    file.state.plan.parameterCount = 29;
    writeFileSync(path, JSON.stringify(file));
    await assert.rejects(
      resume(),
      (error: unknown) =>
        error instanceof CheckpointError &&
        error.message.includes('sizes: checkpoint [2,7,1], this run [2,6,1]') &&
        error.message.includes('parameterCount: checkpoint 29, this run 25'),
    );
    // A truncated vector.
    const truncated = JSON.parse(original);
    truncated.state.position = truncated.state.position.slice(0, 32);
    writeFileSync(path, JSON.stringify(truncated));
    await assert.rejects(resume(), /checkpoint is corrupt: position holds 3 numbers, expected 25/);
    // Restored, the run resumes and finishes.
    writeFileSync(path, original);
    const { result } = await resume();
    assert.ok(result.resumed && result.metrics.relativeL2 !== undefined);
  });

  it('rejects out-of-range parameters, naming them', async () => {
    await assert.rejects(run({ dimension: 3 }), /dimension/);
    await assert.rejects(run({ conductivity: 0 }), /conductivity/);
    await assert.rejects(run({ hiddenSizes: [] }), /hiddenSizes/);
    await assert.rejects(run({ activation: 'relu' }), /activation/);
    await assert.rejects(run({ lbfgsSteps: -1 }), /lbfgsSteps/);
    await assert.rejects(run({ checkpointEvery: -1 }), /checkpointEvery/);
    await assert.rejects(run({ checkpointEvery: 2.5 }), /checkpointEvery/);
  });
});
